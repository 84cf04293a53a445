/// @brief Trimming and splitting the short lists of headers, options and stored values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kb {

/// What is blank around an item: spaces, tabs and line ends (a CRLF file's `\r` included).
inline constexpr std::string_view kBlanks = " \t\r\n";

/// `text` without its leading and trailing `blanks`.
std::string_view trimmed(std::string_view text, std::string_view blanks = kBlanks);

/// The same, as a string of its own.
inline std::string trim(std::string_view text, std::string_view blanks = kBlanks) {
    return std::string(trimmed(text, blanks));
}

/// The items of `text` between `separator`s, each trimmed of `blanks`; empty ones are left out
/// (`a, ,b,` is `a` and `b`). Views into `text`.
std::vector<std::string_view> list_items(std::string_view text, char separator,
                                         std::string_view blanks = kBlanks);

}  // namespace kb
