/// @brief Limits every text input obeys, checked where requests are decoded: no control
/// characters, bounded lists.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace kb::http {

/// Values one list parameter may hold (`tag=a,b,…`, `"tag": [...]`).
constexpr std::size_t kMaxListValues = 20;

/// True when text (valid UTF-8) holds a control character other than tab, line feed and
/// carriage return: C0 controls (NUL included), DEL and the C1 controls U+0080–U+009F.
bool has_control_character(std::string_view text);

/// 400 `invalid_text` naming where when text holds a control character.
void check_text(std::string_view text, const std::string& where);

/// Every string of a parsed JSON document, keys included, at any depth: 400 `invalid_text`.
/// Iterative, so a deeply nested body cannot exhaust the stack.
void check_json_text(const nlohmann::json& document);

/// 400 `too_many_values` when a list parameter holds more than kMaxListValues values.
void check_list_size(const std::string& name, std::size_t count);

}  // namespace kb::http
