/// @brief Article handlers: one article with related ones, and a filtered listing.
#include "article_handlers.hpp"

#include "api_error.hpp"
#include "article_json.hpp"
#include "nfc.hpp"
#include "request_params.hpp"
#include "search_schema.hpp"
#include "vocabulary.hpp"

namespace kb {

http::Response get_article(ArticleContext& app, const http::Request& request) {
    // Slugs are stored composed (NFC); a client on macOS may send them decomposed (NFD).
    const std::string slug = compose_nfc(request.path_param("slug"));
    auto article = find_article(app.db, slug);
    if (!article) {
        throw http::ApiError::not_found("article_not_found",
                                        "Aucun article ne porte l'identifiant « " + slug + " ».");
    }
    nlohmann::json body = article_json(*article);
    body["related"] = app.search.related(schema::article_id(slug), 5);
    return http::Response::json(200, body);
}

http::Response list_articles_handler(ArticleContext& app, const http::Request& request) {
    auto kinds = enum_params(request, "kind", article_kinds());
    auto tags = enum_params(request, "tag", {});
    auto steps = enum_params(request, "step", known_steps());
    auto types = upper_enum_params(request, "structure_type", known_structure_types());
    const int page = int_param(request, "page", 1, 1, 100000);
    const int per_page = per_page_param(request);
    ArticleListing listing = list_articles(app.db, kinds, tags, steps, types, page, per_page);
    return http::Response::json(200, article_listing_json(listing, page, per_page));
}

}  // namespace kb
