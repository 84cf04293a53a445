/// @brief French labels of the vocabularies' codes (kinds, steps, statuses, resource types,
/// licences, audiences, facets), for pages.
#pragma once

#include <map>
#include <string>

namespace kb::web {

/// The label of value within vocabulary (a facet name: "kind", "step", "status", "type",
/// "licence", "audience", "structure_type", "territory", "tag", "source"); the value itself when
/// no label is known.
std::string label_of(const std::string& vocabulary, const std::string& value);

/// The vocabulary's labels of tags by slug (TagStore::labels()).
using TagLabels = std::map<std::string, std::string>;

/// The label moderators gave a tag, else its slug's words.
std::string tag_label(const TagLabels& labels, const std::string& slug);

/// The label of a facet ("Type de contenu" for "kind").
std::string facet_label(const std::string& facet);

}  // namespace kb::web
