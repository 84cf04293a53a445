/// @brief Validation of Q&A input: ids, titles, Markdown bodies, tags and vocabularies.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace kb {

constexpr std::size_t kMaxTitleChars = 200;
constexpr std::size_t kMaxPostBodyChars = 20000;

/// A positive integer path id; 400 `invalid_id` otherwise.
long long parse_id(const std::string& raw);
/// Trimmed title: 400 `missing_field`, `empty_field` or `title_too_long`.
std::string checked_title(const nlohmann::json& body, bool required, bool& present);
/// Markdown body: 400 `missing_field`, `empty_field` or `body_too_long`.
std::string checked_body(const nlohmann::json& body, const std::string& field, bool required,
                         bool& present);
/// Tags: at most 10, each 1–40 of a-z, 0-9 and '-'; 400 `invalid_tag`.
std::vector<std::string> checked_tags(const std::vector<std::string>& tags);
/// A département code; 400 `invalid_parameter`.
std::optional<std::string> checked_territory(const std::optional<std::string>& territory);

}  // namespace kb
