/// @brief Presenters of articles: the JSON of GET /articles and /articles/{slug}.
#include "article_json.hpp"

#include "entity_ids.hpp"
#include "json_values.hpp"

namespace kb {

nlohmann::json article_summary_json(const ArticleSummary& a) {
    return {{"id", article_entry_id(a.slug)},
            {"slug", a.slug},
            {"kind", a.kind},
            {"title", a.title},
            {"summary", a.summary},
            {"tags", a.tags},
            {"steps", a.steps},
            {"structure_types", a.structure_types},
            {"updated_at", http::timestamp_json(a.updated_at)},
            {"url", article_url(a.slug)}};
}

nlohmann::json article_json(const ArticleView& a) {
    nlohmann::json article = article_summary_json(a);
    article["html"] = a.html;
    article["category"] = a.category;
    article["territory"] = http::nullable(a.territory);
    article["sources"] = a.sources;
    article["illustrative"] = a.illustrative;
    return article;
}

nlohmann::json article_listing_json(const ArticleListing& listing, int page, int per_page) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& a : listing.items) items.push_back(article_summary_json(a));
    return {{"total", listing.total},
            {"page", page},
            {"per_page", per_page},
            {"results", std::move(items)}};
}

}  // namespace kb
