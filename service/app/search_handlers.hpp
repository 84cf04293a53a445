/// @brief GET and POST /api/v1/search, /api/v1/search/misses and /api/v1/suggest.
#pragma once

#include "app_context.hpp"
#include "message.hpp"

namespace kb {

http::Response get_search(AppContext& app, const http::Request& request);
http::Response post_search(AppContext& app, const http::Request& request);
http::Response get_search_misses(AppContext& app, const http::Request& request);
http::Response get_suggest(AppContext& app, const http::Request& request);

}  // namespace kb
