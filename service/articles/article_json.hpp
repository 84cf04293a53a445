/// @brief Article values as the API's JSON: a listing entry, a whole article, a listing page.
#pragma once

#include "article_queries.hpp"

#include <nlohmann/json.hpp>

namespace kb {

nlohmann::json article_summary_json(const ArticleSummary& article);
/// The summary's fields and the page's (html, category, territory, sources, illustrative).
nlohmann::json article_json(const ArticleView& article);
nlohmann::json article_listing_json(const ArticleListing& listing, int page, int per_page);

}  // namespace kb
