/// @brief Route matching; method mismatches become 405 with an Allow header.
#include "router.hpp"

#include "api_error.hpp"

#include <algorithm>

namespace kb::http {

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start < path.size()) {
        std::size_t slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        if (slash > start) parts.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return parts;
}

void Router::add(const std::string& method, const std::string& pattern, Handler handler,
                 std::size_t max_body) {
    Route route{method, split_path(pattern), pattern, std::move(handler)};
    route.max_body = max_body;
    // Decided once here rather than at every dispatch.
    route.has_param = std::any_of(
        route.pattern.begin(), route.pattern.end(),
        [](const std::string& p) { return !p.empty() && (p[0] == ':' || p[0] == '*'); });
    routes_.push_back(std::move(route));
}

bool Router::match(const Route& route, const std::vector<std::string>& segments,
                   std::vector<std::pair<std::string, std::string>>& params) {
    const bool rest = !route.pattern.empty() && route.pattern.back()[0] == '*';
    if (rest ? segments.size() < route.pattern.size() : route.pattern.size() != segments.size())
        return false;
    params.clear();
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const std::string& part = route.pattern[std::min(i, route.pattern.size() - 1)];
        if (!part.empty() && part[0] == '*') {
            // The rest of the path, segments joined by '/': one parameter.
            if (i + 1 == route.pattern.size())
                params.emplace_back(part.substr(1), segments[i]);
            else
                params.back().second += "/" + segments[i];
        } else if (!part.empty() && part[0] == ':') {
            params.emplace_back(part.substr(1), segments[i]);
        } else if (part != segments[i]) {
            return false;
        }
    }
    return true;
}

std::size_t Router::body_limit(const std::string& method, const std::vector<std::string>& segments,
                               std::size_t fallback) const {
    std::vector<std::pair<std::string, std::string>> params;
    for (const auto& route : routes_) {
        if (route.max_body > 0 && route.method == method && match(route, segments, params))
            return route.max_body;
    }
    return fallback;
}

std::size_t Router::largest_body_limit(std::size_t fallback) const {
    std::size_t largest = fallback;
    for (const auto& route : routes_) largest = std::max(largest, route.max_body);
    return largest;
}

std::vector<std::pair<std::string, std::string>> Router::table() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& route : routes_) {
        std::string pattern;
        for (const auto& part : route.pattern) pattern += "/" + part;
        out.emplace_back(route.method, pattern.empty() ? "/" : pattern);
    }
    return out;
}

Response Router::dispatch(Request& request) const {
    const std::string wanted = request.method == "HEAD" ? "GET" : request.method;
    std::vector<std::string> allowed;
    std::vector<std::pair<std::string, std::string>> params;
    // Literal routes win over parameterised ones ("/threads/similar" before "/threads/:id"),
    // so try exact-literal matches first by scanning twice.
    for (int pass = 0; pass < 2; ++pass) {
        for (const auto& route : routes_) {
            if ((pass == 0) == route.has_param) continue;
            if (!match(route, request.segments, params)) continue;
            request.route = route.pattern_text;  // a 405 names the resource's route too
            if (route.method == wanted) {
                request.path_params = params;
                return route.handler(request);
            }
            if (std::find(allowed.begin(), allowed.end(), route.method) == allowed.end()) {
                allowed.push_back(route.method);
            }
        }
        if (!allowed.empty()) break;
    }
    if (allowed.empty()) {
        throw ApiError::not_found("route_not_found", "Aucune ressource ne correspond à ce chemin.");
    }
    if (std::find(allowed.begin(), allowed.end(), "GET") != allowed.end())
        allowed.push_back("HEAD");
    std::string allow;
    for (const auto& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
    allow += ", OPTIONS";
    if (request.method == "OPTIONS") {
        Response r = Response::no_content();
        r.headers.emplace_back("Allow", allow);
        return r;
    }
    // RFC 9110 §15.5.6: a 405 lists the methods the resource supports.
    throw ApiError(
        405, "method_not_allowed", "Méthode non autorisée",
        "Méthode " + request.method + " non autorisée ici ; méthodes acceptées : " + allow + ".")
        .with_header("Allow", allow);
}

}  // namespace kb::http
