/// @brief The choices of the pages' forms (selects, checkboxes) from the closed vocabularies,
/// with their French labels and what is currently chosen.
#pragma once

#include "tag_store.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace kb::web {

/// [{value, label, selected, id}] for each value of vocabulary (labels from labels.hpp);
/// `id` is id_prefix + index, for checkboxes' labels.
nlohmann::json choices(const std::string& vocabulary, const std::vector<std::string>& values,
                       const std::vector<std::string>& selected, const std::string& id_prefix = "");

/// The same for tags of the vocabulary, with their own labels.
nlohmann::json tag_choices(const std::vector<Tag>& tags, const std::vector<std::string>& selected,
                           const std::string& id_prefix = "");

/// The départements' codes in the official order (01…19, 2A, 2B, 21…95, 971…974, 976).
const std::vector<std::string>& departement_codes();

/// text, or null when it is empty (mustache shows a section for any string, "" included).
nlohmann::json text_or_null(const std::string& text);

/// A file size as French readers write it: "830 octets", "12,3 Ko", "4,5 Mo".
std::string file_size_label(long long bytes);

}  // namespace kb::web
