/// @brief GET /api/v1/articles/{slug} and the article listing.
#pragma once

#include "message.hpp"
#include "pg_pool.hpp"
#include "search_engine.hpp"

namespace kb {

/// What the article routes need.
struct ArticleContext {
    PgPool& db;
    SearchEngine& search;
};

http::Response get_article(ArticleContext& app, const http::Request& request);
http::Response list_articles_handler(ArticleContext& app, const http::Request& request);

}  // namespace kb
