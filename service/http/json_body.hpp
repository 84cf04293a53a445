/// @brief Parsing and type-checking of JSON request bodies, with problem codes for each failure.
#pragma once

#include "message.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace kb::http {

/// The body as a JSON object: 415 if declared as another media type, 400 `invalid_utf8`,
/// `malformed_json`, `invalid_text` (a control character in any string) or `invalid_body` (not
/// an object).
nlohmann::json parse_json_object(const Request& request);

/// Typed field readers: 400 `invalid_field_type` (naming the field) on a wrong type,
/// `missing_field` when required and absent or null.
std::string require_string(const nlohmann::json& body, const std::string& field);
std::optional<std::string> optional_string(const nlohmann::json& body, const std::string& field);
/// A list of strings: also 400 `too_many_values` beyond kMaxListValues.
std::vector<std::string> optional_string_list(const nlohmann::json& body, const std::string& field);
long long require_integer(const nlohmann::json& body, const std::string& field);

}  // namespace kb::http
