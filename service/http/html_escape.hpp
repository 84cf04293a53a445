/// @brief HTML escaping of text for element content and double-quoted attribute values.
#pragma once

#include <string>
#include <string_view>

namespace kb::http {

/// Escapes &, <, > and " (attributes are always written between double quotes).
std::string html_escape(std::string_view text);

}  // namespace kb::http
