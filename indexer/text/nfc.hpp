/// @brief Canonical composition (NFC) of Latin letters followed by combining accents.
#pragma once

#include <string>
#include <string_view>

namespace kb {

/// Composes a Latin letter followed by combining diacritics (U+0300–U+036F) into the precomposed
/// letter where Latin-1 or Latin Extended-A has one: "e\u0301" gives "é", "E\u0301" "É". Other
/// text is copied unchanged. This is NFC for the letters of French and its neighbours (what
/// slugs and words hold), not a full Unicode normaliser. Input must be valid UTF-8.
std::string compose_nfc(std::string_view text);

}  // namespace kb
