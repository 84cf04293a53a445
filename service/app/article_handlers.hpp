/// @brief GET /api/v1/articles/{slug} and the article listing.
#pragma once

#include "app_context.hpp"
#include "message.hpp"

namespace kb {

http::Response get_article(AppContext& app, const http::Request& request);
http::Response list_articles_handler(AppContext& app, const http::Request& request);

}  // namespace kb
