/// @brief get_article_page and post_article_vote: the API's article (same store, same related
/// entries) presented as a DSFR page.
#include "article_page.hpp"

#include "api_error.hpp"
#include "article_queries.hpp"
#include "article_votes.hpp"
#include "entity_ids.hpp"
#include "french_dates.hpp"
#include "heading_outline.hpp"
#include "labels.hpp"
#include "nfc.hpp"
#include "page.hpp"
#include "search_schema.hpp"
#include "web_crypto.hpp"
#include "web_urls.hpp"

namespace kb::web {

namespace {

constexpr std::size_t kRelated = 5;

// The breadcrumb's middle level: the listing of the article's kind.
nlohmann::json section_of(const std::string& kind) {
    const char* label = kind == "guide"        ? "Guides"
                        : kind == "experience" ? "Retours d'expérience"
                                               : "Fiches pratiques";
    return {{"label", label}, {"url", with_query("/recherche", {{"kind", kind}})}};
}

// Tags, steps and structure types as links to the search filtered by each.
nlohmann::json filter_tags(WebContext& web, const ArticleView& article) {
    const TagLabels tags = article.tags.empty() ? TagLabels() : web.tags.tags.labels();
    nlohmann::json out = nlohmann::json::array();
    auto add = [&](const char* filter, const std::vector<std::string>& values) {
        for (const auto& v : values) {
            const bool tag = std::string_view(filter) == "tag";
            out.push_back({{"label", tag ? tag_label(tags, v) : label_of(filter, v)},
                           {"kind", facet_label(filter)},
                           {"url", with_query("/recherche", {{filter, v}})}});
        }
    };
    add("step", article.steps);
    add("structure_type", article.structure_types);
    add("tag", article.tags);
    return out;
}

std::string page_of_link(const nlohmann::json& link) {
    const std::string slug = link.value("slug", "");
    return slug.empty() ? link.value("url", "/") : article_page(slug);
}

// What the API gives as `related` (the index's "more like this", threads left out).
nlohmann::json related_articles(WebContext& web, const std::string& slug) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& link : web.articles.search.related(schema::article_id(slug), kRelated)) {
        const std::string kind = link.value("kind", "");
        out.push_back({{"title", link.value("title", "")},
                       {"url", page_of_link(link)},
                       {"kind_label", label_of("kind", kind)}});
    }
    return out;
}

// Questions on the same subject: a search of the article's title and tags among threads, as
// the forum's related box searches a topic's words.
nlohmann::json related_threads(WebContext& web, const ArticleView& article) {
    SearchRequest search;
    search.q = article.title;
    for (const auto& tag : article.tags) search.q += " " + label_of("tag", tag);
    search.filters.kinds = {"thread"};
    search.per_page = static_cast<int>(kRelated);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& hit : web.articles.search.search(search).response->hits) {
        const nlohmann::json& d = hit.data();
        out.push_back({{"title", d.value("title", "")},
                       {"url", page_of_entry(d.value("id", ""))},
                       {"solved", d.value("status", "") == "solved"}});
    }
    return out;
}

ArticleView article_or_404(WebContext& web, const http::Request& request) {
    // Slugs are stored composed (NFC); a browser on macOS may send them decomposed.
    const std::string slug = compose_nfc(request.path_param("slug"));
    auto article = find_article(web.articles.db, slug);
    if (!article) {
        throw http::ApiError::not_found("article_not_found",
                                        "Aucun article ne porte l'identifiant « " + slug + " ».");
    }
    return std::move(*article);
}

nlohmann::json vote_model(WebContext& web, const Visitor& visitor, const std::string& slug) {
    nlohmann::json vote = {{"action", article_page(slug) + "/avis"}};
    if (!visitor.new_id) {
        if (auto given = usefulness_vote_of(web.articles.db, slug, sha256_hex(visitor.id))) {
            vote["given"] = {{"answer", *given ? "oui" : "non"}};
        }
    }
    if (visitor.user && visitor.user->is_moderator()) {
        const UsefulnessVotes counts = usefulness_votes(web.articles.db, slug);
        vote["counts"] = {{"useful", counts.useful}, {"not_useful", counts.not_useful}};
    }
    return vote;
}

}  // namespace

http::Response get_article_page(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    const ArticleView article = article_or_404(web, request);
    const OutlinedHtml body = outline_headings(article.html);
    // h3 entries nest under the h2 before them.
    nlohmann::json toc = nlohmann::json::array();
    for (const auto& entry : body.entries) {
        nlohmann::json item = {{"id", entry.id}, {"text", entry.text}};
        if (entry.level == 3 && !toc.empty()) {
            toc.back()["children"].push_back(item);
        } else {
            item["children"] = nlohmann::json::array();
            toc.push_back(item);
        }
    }
    for (auto& item : toc) item["has_children"] = !item["children"].empty();
    nlohmann::json model = {{"title", article.title},
                            {"summary", article.summary},
                            {"kind_label", label_of("kind", article.kind)},
                            {"section", section_of(article.kind)},
                            {"html", body.html},
                            {"toc", toc},
                            {"has_toc", !toc.empty()},
                            {"sources", article.sources},
                            {"has_sources", !article.sources.empty()},
                            {"illustrative", article.illustrative},
                            {"filters", filter_tags(web, article)},
                            {"related_articles", related_articles(web, article.slug)},
                            {"related_threads", related_threads(web, article)},
                            {"vote", vote_model(web, visitor, article.slug)}};
    model["has_filters"] = !model["filters"].empty();
    model["has_related_articles"] = !model["related_articles"].empty();
    model["has_related_threads"] = !model["related_threads"].empty();
    if (article.updated_at) model["updated"] = french_date(*article.updated_at);
    return render_page(web, visitor, "article", model, {.title = article.title, .nav = "search"});
}

http::Response post_article_vote(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    const Form form = Form::parse(request);
    require_csrf(visitor, form);
    const std::string slug = compose_nfc(request.path_param("slug"));
    const std::string answer = form.value("utile");
    if (answer != "oui" && answer != "non") {
        throw http::ApiError::bad_request("invalid_parameter",
                                          "Répondez « oui » ou « non » à la question.");
    }
    if (!record_usefulness_vote(web.articles.db, slug, sha256_hex(visitor.id), answer == "oui")) {
        throw http::ApiError::not_found("article_not_found",
                                        "Aucun article ne porte l'identifiant « " + slug + " ».");
    }
    return see_other(visitor, article_page(slug) + "#avis");
}

}  // namespace kb::web
