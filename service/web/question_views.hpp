/// @brief What the question pages show alike: status badges, tags as filter links, the options
/// of the vocabularies' selects.
#pragma once

#include "labels.hpp"
#include "tag_store.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace kb::web {

/// {status, label, solved, unanswered}: the badge of a thread's status.
nlohmann::json status_badge(const std::string& status);

/// [{slug, label, url}]: each tag with the listing of its questions.
nlohmann::json tag_links(const std::vector<std::string>& tags, const TagLabels& labels);

/// [{value, label, selected}] of a select, with a first empty option labelled empty_label.
nlohmann::json select_options(const std::vector<std::pair<std::string, std::string>>& choices,
                              const std::string& selected, const std::string& empty_label);

/// The choices of a vocabulary ("step", "structure_type") with their French labels.
std::vector<std::pair<std::string, std::string>> vocabulary_choices(const std::string& name);
/// The tags of the controlled vocabulary, by label.
std::vector<std::pair<std::string, std::string>> tag_choices(TagStore& tags);

/// "1 réponse", "3 réponses", "Aucune réponse".
std::string answers_label(long long count);

}  // namespace kb::web
