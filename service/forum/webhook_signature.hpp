/// @brief Discourse webhook signatures: `sha256=` + hex HMAC-SHA256 of the exact body bytes.
#pragma once

#include <string>
#include <string_view>

namespace kb {

/// Lower-case hex HMAC-SHA256 of data under key (OpenSSL's libcrypto).
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

/// True when header is "sha256=<hex>" and the hex equals the body's HMAC under secret. The
/// comparison takes the same time wherever the first difference is (CRYPTO_memcmp).
bool signature_matches(std::string_view secret, std::string_view body, std::string_view header);

}  // namespace kb
