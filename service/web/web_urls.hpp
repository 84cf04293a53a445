/// @brief Building the pages' links: percent-encoded query strings.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace kb::web {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

/// text percent-encoded for a query string (kb::percent_encode: unreserved characters kept).
std::string url_component(const std::string& text);

/// path followed by "?name=value&…" (nothing when params is empty).
std::string with_query(const std::string& path, const QueryParams& params);

}  // namespace kb::web
