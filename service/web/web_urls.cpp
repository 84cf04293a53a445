/// @brief url_component and with_query: RFC 3986 unreserved characters kept, the rest %XX.
#include "web_urls.hpp"

#include <cctype>

namespace kb::web {

std::string url_component(const std::string& text, bool keep_slash) {
    static const char digits[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' ||
            (keep_slash && c == '/')) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += digits[c >> 4];
            out += digits[c & 15];
        }
    }
    return out;
}

std::string with_query(const std::string& path, const QueryParams& params) {
    std::string out = path;
    char separator = '?';
    for (const auto& [name, value] : params) {
        out += separator + url_component(name) + "=" + url_component(value);
        separator = '&';
    }
    return out;
}

}  // namespace kb::web
