/// @brief The route table: method + path pattern → handler, with 404, 405 and HEAD handled once.
#pragma once

#include "message.hpp"

#include <functional>
#include <string>
#include <vector>

namespace kb::http {

using Handler = std::function<Response(const Request&)>;

class Router {
  public:
    /// pattern like "/api/v1/articles/:slug"; segments starting with ':' bind a path parameter;
    /// a last segment "*name" binds the rest of the path (one or more segments, joined by '/').
    /// max_body: the largest body this route takes (0: the server's default).
    void add(const std::string& method, const std::string& pattern, Handler handler,
             std::size_t max_body = 0);

    /// The largest body the route matching method and segments takes; fallback when no route
    /// matches or the route keeps the default.
    [[nodiscard]] std::size_t body_limit(const std::string& method,
                                         const std::vector<std::string>& segments,
                                         std::size_t fallback) const;
    /// The largest body any route takes (at least fallback).
    [[nodiscard]] std::size_t largest_body_limit(std::size_t fallback) const;

    /// Finds the route, binds path parameters into request, calls it. Throws ApiError 404/405.
    /// HEAD runs the GET handler (the server drops the body); OPTIONS answers 204 with Allow.
    Response dispatch(Request& request) const;

    /// Every route as (method, pattern) in the order added, patterns as given to add()
    /// (":name" parameters): what the OpenAPI document must list.
    [[nodiscard]] std::vector<std::pair<std::string, std::string>> table() const;

  private:
    struct Route {
        std::string method;
        std::vector<std::string> pattern;
        std::string pattern_text;  ///< as given to add(): what metrics and logs name the route
        Handler handler;
        bool has_param = false;  ///< some segment binds a path parameter
        std::size_t max_body = 0;
    };
    static bool match(const Route& route, const std::vector<std::string>& segments,
                      std::vector<std::pair<std::string, std::string>>& params);
    std::vector<Route> routes_;
};

/// Splits "/a/b/" into {"a", "b"} (no decoding).
std::vector<std::string> split_path(const std::string& path);

}  // namespace kb::http
