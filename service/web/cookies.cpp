/// @brief Cookie parsing (name=value pairs separated by ';') and Set-Cookie formatting.
#include "cookies.hpp"

#include "text_lists.hpp"

namespace kb::web {

std::optional<std::string> cookie(const http::Request& request, const std::string& name) {
    for (const auto& [header, value] : request.headers) {
        if (header != "cookie") continue;
        for (const std::string_view pair : list_items(value, ';')) {
            const auto eq = pair.find('=');
            if (eq != std::string_view::npos && pair.substr(0, eq) == name)
                return std::string(pair.substr(eq + 1));
        }
    }
    return std::nullopt;
}

std::string set_cookie(const std::string& name, const std::string& value,
                       const CookieOptions& options) {
    std::string out = name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax";
    out += "; Max-Age=" + std::to_string(options.max_age_seconds);
    if (options.secure) out += "; Secure";
    return out;
}

}  // namespace kb::web
