/// @brief Cookie parsing (name=value pairs separated by ';') and Set-Cookie formatting.
#include "cookies.hpp"

namespace kb::web {

namespace {

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

}  // namespace

std::optional<std::string> cookie(const http::Request& request, const std::string& name) {
    for (const auto& [header, value] : request.headers) {
        if (header != "cookie") continue;
        std::size_t start = 0;
        while (start <= value.size()) {
            std::size_t end = value.find(';', start);
            if (end == std::string::npos) end = value.size();
            const std::string pair = trim(value.substr(start, end - start));
            const auto eq = pair.find('=');
            if (eq != std::string::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
            start = end + 1;
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
