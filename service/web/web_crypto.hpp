/// @brief The few cryptographic helpers the pages need: random secrets, SHA-256, HMAC.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace kb::web {

/// bytes random bytes from the system's generator (OpenSSL), as lower-case hex.
std::string random_hex(std::size_t bytes);
/// SHA-256 of data, lower-case hex.
std::string sha256_hex(std::string_view data);
/// HMAC-SHA256 of data under key, lower-case hex.
std::string hmac_hex(std::string_view key, std::string_view data);
/// Equality that takes the same time whatever the first difference (tokens, signatures).
bool same_secret(std::string_view a, std::string_view b);

/// The service's signing secret, kept in file (created with 32 random bytes, mode 0600, on first
/// start) so that forms and links outlive a restart.
std::string load_or_create_secret(const std::filesystem::path& file);

}  // namespace kb::web
