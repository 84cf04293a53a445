/// @brief Framework-neutral request and response values that handlers read and return.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kb::http {

struct Request {
    std::string method;                                      ///< upper case, HEAD kept as HEAD
    std::string raw_path;                                    ///< as received, still percent-encoded
    std::vector<std::string> segments;                       ///< decoded, validated UTF-8
    std::vector<std::pair<std::string, std::string>> query;  ///< decoded, in arrival order
    std::vector<std::pair<std::string, std::string>> path_params;
    std::string body;
    std::string content_type;
    std::string authorization;
    std::string client_address;  ///< the peer's IP address, for per-address limits
    std::string if_none_match;   ///< If-None-Match, raw
    bool no_cache = false;       ///< Cache-Control: no-cache (answer from the source, not a cache)
    std::string origin;          ///< Origin header (CORS), empty when absent
    std::string preflight_method;  ///< Access-Control-Request-Method (a CORS preflight)
    std::string route;  ///< the route table's pattern of the path, set by the router once matched
    /// The headers Pistache leaves untyped (X-…, Origin, If-None-Match…), names in lower case.
    std::vector<std::pair<std::string, std::string>> headers;

    /// First value of a query parameter, if present.
    [[nodiscard]] std::optional<std::string> param(const std::string& name) const;
    /// All values of a parameter, repeated keys and comma-separated lists alike, empty ones
    /// dropped; 400 `too_many_values` beyond kMaxListValues.
    [[nodiscard]] std::vector<std::string> params(const std::string& name) const;
    /// An untyped header's value by its lower-case name, if present.
    [[nodiscard]] std::optional<std::string> header(const std::string& lower_name) const;
    /// A path parameter bound by the router (":slug"); throws if the route has none.
    [[nodiscard]] const std::string& path_param(const std::string& name) const;
};

struct Response;

/// Lets a held response leave, once, from any thread; `amend` (may be empty) edits it first,
/// for what is known only then.
using Release = std::function<void(const std::function<void(Response&)>& amend)>;

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    /// When set, the server hands it the response's Release and goes on serving other requests
    /// of other connections: the response leaves when released, not when the handler returns.
    /// A write that answers once its change is searchable waits this way, without holding one
    /// of the few worker threads (and the connections it serves) for the index's commit.
    std::function<void(Release)> hold;

    static Response json(int status, const nlohmann::json& body);
    static Response no_content();
};

/// Serialises JSON for HTTP: invalid UTF-8 (which input validation should prevent) is replaced,
/// never thrown, so a response can always be produced.
std::string dump_json(const nlohmann::json& body);

}  // namespace kb::http
