/// @brief Related content for a forum topic: JSON (CORS for the forum only, Cache-Control, ETag),
/// the same as a self-contained HTML page for an iframe, and the theme component's script.
#include "api_error.hpp"
#include "embed_script.hpp"
#include "forum_handlers.hpp"
#include "html_escape.hpp"
#include "request_params.hpp"
#include "utf8.hpp"
#include "webhook_signature.hpp"

namespace kb {

namespace {

using http::ApiError;
using http::html_escape;

constexpr std::size_t kMaxRelated = 5;
constexpr std::size_t kMaxTextChars = 2000;
constexpr std::size_t kQueryBytes = 600;

struct Related {
    std::string topic_url;  ///< empty for ?text=
    std::vector<nlohmann::json> items;
};

void require_forum(const ForumSettings& settings) {
    if (!settings.url_configured()) {
        throw ApiError(503, "forum_not_configured", "Forum non configuré",
                       "Le lien avec le forum n'est pas configuré sur ce service (KB_FORUM_URL).");
    }
}

// The words to look for: the topic's title, tags and the start of its first post when it is
// stored here, else the words of its URL's slug.
std::string query_for_url(ForumContext& app, const std::string& url) {
    std::string slug;
    const auto topic_id = topic_id_from_url(app.settings.url, url, &slug);
    if (!topic_id) {
        throw ApiError::bad_request(
            "invalid_parameter", "Le paramètre « url » doit être l'adresse d'un sujet du forum (" +
                                     app.settings.url + "/t/…).");
    }
    if (auto topic = app.store.topic_summary(*topic_id)) {
        std::string text = topic->title;
        for (const auto& tag : topic->tags) text += " " + tag;
        return text + " " + topic->text;
    }
    for (char& c : slug) {
        if (c == '-') c = ' ';
    }
    return slug;
}

Related find_related(ForumContext& app, const http::Request& request) {
    require_forum(app.settings);
    Related related;
    std::string text;
    if (auto url = request.param("url")) {
        related.topic_url = *url;
        text = query_for_url(app, *url);
    } else if (auto given = request.param("text")) {
        if (utf8_length(*given) > kMaxTextChars) {
            throw ApiError::bad_request("text_too_long",
                                        "Le paramètre « text » dépasse 2000 caractères.");
        }
        text = *given;
    } else {
        throw ApiError::bad_request(
            "missing_parameter",
            "Indiquez l'adresse d'un sujet du forum (« url ») ou un texte (« text »).");
    }
    SearchRequest search;
    search.q = utf8_prefix(text, kQueryBytes);
    if (search.q.find_first_not_of(" \t\r\n") == std::string::npos) return related;
    search.filters.sources = {"local"};  // ours: the forum's own threads are already there
    search.per_page = static_cast<int>(kMaxRelated);
    const SearchOutcome outcome = app.search.search(search);
    for (const auto& hit : outcome.response->hits) {
        const nlohmann::json& d = hit.data();
        related.items.push_back({{"title", d.value("title", "")},
                                 {"kind", d.value("kind", "")},
                                 {"url", d.value("url", "")},
                                 {"summary", d.value("summary", "")}});
    }
    return related;
}

// CORS for the forum's pages only; caches must keep one answer per Origin.
void add_cors(http::Response& response, const ForumContext& app, const http::Request& request) {
    response.headers.emplace_back("Vary", "Origin");
    if (request.header("origin") == app.settings.origin()) {
        response.headers.emplace_back("Access-Control-Allow-Origin", app.settings.origin());
    }
}

// 304 when the client already has this body; else the body with its validator.
http::Response cacheable(const http::Request& request, http::Response response,
                         const std::string& max_age) {
    const std::string etag = "\"" + hmac_sha256_hex("etag", response.body).substr(0, 32) + "\"";
    response.headers.emplace_back("Cache-Control", "public, max-age=" + max_age);
    response.headers.emplace_back("ETag", etag);
    if (request.header("if-none-match") == etag) {
        response.status = 304;
        response.body.clear();
    }
    return response;
}

}  // namespace

http::Response get_related(ForumContext& app, const http::Request& request) {
    const Related related = find_related(app, request);
    nlohmann::json body = {{"results", related.items}};
    if (!related.topic_url.empty()) body["url"] = related.topic_url;
    http::Response response = cacheable(request, http::Response::json(200, body), "300");
    add_cors(response, app, request);
    return response;
}

http::Response get_embed_related(ForumContext& app, const http::Request& request) {
    const Related related = find_related(app, request);
    std::string html =
        "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
        "<title>Sur Passerelle IAE</title><style>"
        "body{font:14px/1.45 system-ui,sans-serif;margin:0;padding:8px;color:#222}"
        "h2{font-size:15px;margin:0 0 6px}ul{margin:0;padding-left:18px}li{margin:4px 0}"
        "small{color:#666}</style></head><body><h2>Sur Passerelle IAE</h2>";
    if (related.items.empty()) {
        html += "<p>Aucun contenu lié pour l'instant.</p>";
    } else {
        html += "<ul>";
        for (const auto& item : related.items) {
            html += "<li><a href=\"" + html_escape(item["url"].get<std::string>()) +
                    "\" target=\"_blank\" rel=\"noopener\">" +
                    html_escape(item["title"].get<std::string>()) + "</a> <small>" +
                    html_escape(item["kind"].get<std::string>()) + "</small></li>";
        }
        html += "</ul>";
    }
    html += "</body></html>";
    http::Response response;
    response.content_type = "text/html; charset=utf-8";
    response.body = std::move(html);
    response.headers.emplace_back(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors " +
            app.settings.origin());
    return cacheable(request, std::move(response), "300");
}

http::Response get_embed_script(ForumContext& app, const http::Request& request) {
    require_forum(app.settings);
    http::Response response;
    response.content_type = "application/javascript; charset=utf-8";
    response.body = std::string(kEmbedScript);
    return cacheable(request, std::move(response), "3600");
}

}  // namespace kb
