/// @brief CORS for a configured allow-list of origins: preflight answers and response headers.
#pragma once

#include "message.hpp"

#include <string>
#include <vector>

namespace kb::http {

struct CorsPolicy {
    /// Exact origins ("https://forum.example.fr") allowed to call the API from a browser.
    std::vector<std::string> origins;
    [[nodiscard]] bool allows(const std::string& origin) const;
};

/// Adds the CORS headers to a response the router gave: Access-Control-Allow-Origin only for an
/// allowed origin, and for a preflight (OPTIONS with Access-Control-Request-Method) the allowed
/// methods (the route's Allow list), headers and max age. Vary: Origin always, since the answer
/// depends on it.
void apply_cors(const CorsPolicy& policy, const Request& request, Response& response);

/// Splits "https://a.fr, https://b.fr" into origins (blanks dropped, trailing '/' removed).
std::vector<std::string> parse_origin_list(const std::string& text);

}  // namespace kb::http
