/// @brief Reading the Cookie header and writing Set-Cookie values (RFC 6265).
#pragma once

#include "message.hpp"

#include <optional>
#include <string>

namespace kb::web {

/// The value of cookie name in the request's Cookie header(s), if present.
std::optional<std::string> cookie(const http::Request& request, const std::string& name);

struct CookieOptions {
    int max_age_seconds = 0;  ///< 0: deletes the cookie
    bool secure = false;      ///< sent over HTTPS only
};

/// A Set-Cookie header value: HttpOnly, SameSite=Lax, Path=/ always.
std::string set_cookie(const std::string& name, const std::string& value,
                       const CookieOptions& options);

}  // namespace kb::web
