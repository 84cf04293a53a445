/// @brief French labels of the vocabularies' codes (kinds, steps, statuses, resource types,
/// licences, audiences, facets), for pages.
#pragma once

#include <string>

namespace kb::web {

/// The label of value within vocabulary (a facet name: "kind", "step", "status", "type",
/// "licence", "audience", "structure_type", "territory", "tag", "source"); the value itself when
/// no label is known.
std::string label_of(const std::string& vocabulary, const std::string& value);

/// The label of a facet ("Type de contenu" for "kind").
std::string facet_label(const std::string& facet);

}  // namespace kb::web
