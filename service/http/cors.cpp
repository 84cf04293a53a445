/// @brief CORS headers from the allow-list; a disallowed origin simply gets none (the browser
/// then refuses to hand the answer to the page).
#include "cors.hpp"

#include "text_lists.hpp"

#include <algorithm>

namespace kb::http {

namespace {

constexpr const char* kAllowedHeaders = "Authorization, Content-Type, Cache-Control";
// Headers a page may read besides the CORS-safelisted ones.
constexpr const char* kExposedHeaders = "Location, Retry-After, X-Search-Cache";
constexpr const char* kMaxAgeSeconds = "600";

std::string header_value(const Response& response, const std::string& name) {
    for (const auto& [key, value] : response.headers) {
        if (key == name) return value;
    }
    return "";
}

}  // namespace

bool CorsPolicy::allows(const std::string& origin) const {
    return !origin.empty() && std::find(origins.begin(), origins.end(), origin) != origins.end();
}

void apply_cors(const CorsPolicy& policy, const Request& request, Response& response) {
    if (policy.origins.empty()) return;
    // A route with a CORS rule of its own (the forum's embeds) has already answered it.
    if (!header_value(response, "Access-Control-Allow-Origin").empty()) return;
    if (header_value(response, "Vary").empty()) response.headers.emplace_back("Vary", "Origin");
    if (!policy.allows(request.origin)) return;
    response.headers.emplace_back("Access-Control-Allow-Origin", request.origin);
    const bool preflight = request.method == "OPTIONS" && !request.preflight_method.empty();
    if (!preflight) {
        response.headers.emplace_back("Access-Control-Expose-Headers", kExposedHeaders);
        return;
    }
    std::string methods = header_value(response, "Allow");
    if (!methods.empty())
        response.headers.emplace_back("Access-Control-Allow-Methods", std::move(methods));
    response.headers.emplace_back("Access-Control-Allow-Headers", kAllowedHeaders);
    response.headers.emplace_back("Access-Control-Max-Age", kMaxAgeSeconds);
}

std::vector<std::string> parse_origin_list(const std::string& text) {
    std::vector<std::string> out;
    for (std::string_view item : list_items(text, ',')) {
        while (!item.empty() && item.back() == '/') item.remove_suffix(1);
        if (!item.empty()) out.emplace_back(item);
    }
    return out;
}

}  // namespace kb::http
