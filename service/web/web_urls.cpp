/// @brief url_component and with_query: RFC 3986 unreserved characters kept, the rest %XX.
#include "web_urls.hpp"

#include "utf8.hpp"

namespace kb::web {

std::string url_component(const std::string& text) {
    return percent_encode(text);
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
