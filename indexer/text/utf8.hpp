/// @brief UTF-8 validation, percent-decoding and accent folding (NFC and NFD input alike).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kb {

/// Decodes the code point at text[i] (valid UTF-8 assumed) and moves i past it.
char32_t next_code_point(std::string_view text, std::size_t& i);

/// Appends cp encoded as UTF-8.
void append_utf8(std::string& out, char32_t cp);

/// True when text is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

/// Decodes %XX escapes, and '+' as a space when plus_as_space; nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_as_space);

/// Percent-encodes every byte but ASCII letters, digits and "-_.~" (for URL paths and queries).
std::string percent_encode(std::string_view text);

/// The longest prefix of valid UTF-8 text that fits in max_bytes without splitting a character.
std::string utf8_prefix(std::string_view text, std::size_t max_bytes);

/// Lower-cases and removes diacritics: "Sécurité", "Se\u0301curite\u0301" and "securite" all give
/// "securite"; œ→oe, æ→ae, ß→ss; typographic apostrophes become "'", no-break spaces a space.
/// Input must be valid UTF-8.
std::string fold(std::string_view text);

}  // namespace kb
