/// @brief HMAC-SHA256 with libcrypto and a constant-time comparison of the hex digests.
#include "webhook_signature.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <cctype>

namespace kb {

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data(), &length);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        hex += kHex[digest[i] >> 4];
        hex += kHex[digest[i] & 0x0f];
    }
    return hex;
}

bool signature_matches(std::string_view secret, std::string_view body, std::string_view header) {
    constexpr std::string_view kScheme = "sha256=";
    if (secret.empty() || header.substr(0, kScheme.size()) != kScheme) return false;
    std::string given(header.substr(kScheme.size()));
    // Hex digits may come in either case; the digest is compared in lower case.
    for (char& c : given) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string expected = hmac_sha256_hex(secret, body);
    if (given.size() != expected.size()) return false;
    return CRYPTO_memcmp(given.data(), expected.data(), expected.size()) == 0;
}

}  // namespace kb
