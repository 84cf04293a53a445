/// @brief Tag handlers: authenticate, validate, call the store, wake the index writer.
#include "tag_handlers.hpp"

#include "api_error.hpp"
#include "auth.hpp"
#include "input_checks.hpp"
#include "json_body.hpp"
#include "request_params.hpp"

namespace kb {

namespace {

nlohmann::json tag_json(const Tag& t) {
    return {{"slug", t.slug},
            {"label", t.label},
            {"description", t.description},
            {"synonyms", t.synonyms},
            {"aliases", t.aliases},
            {"resource_count", t.resource_count},
            {"thread_count", t.thread_count},
            {"article_count", t.article_count},
            {"url", "/api/v1/tags/" + t.slug}};
}

std::string checked_slug(const std::string& slug) {
    return checked_tags({slug}).front();
}

std::optional<std::string> bounded_text(const nlohmann::json& body, const std::string& field,
                                        std::size_t min, std::size_t max) {
    auto text = http::optional_string(body, field);
    if (text && (utf8_length(*text) < min || utf8_length(*text) > max)) {
        throw http::ApiError::bad_request(
            "invalid_field", "Le champ « " + field + " » compte de " + std::to_string(min) + " à " +
                                 std::to_string(max) + " caractères.");
    }
    return text;
}

std::vector<std::string> checked_synonyms(const std::vector<std::string>& synonyms) {
    if (synonyms.size() > 20)
        throw http::ApiError::bad_request("invalid_field", "Vingt synonymes au plus.");
    for (const auto& s : synonyms) {
        if (s.empty() || utf8_length(s) > 80)
            throw http::ApiError::bad_request("invalid_field",
                                              "Un synonyme compte de 1 à 80 caractères.");
    }
    return synonyms;
}

User moderator(TagContext& app, const http::Request& request) {
    User user = require_user(app.db, request);
    require_moderator(user);
    return user;
}

}  // namespace

http::Response list_tags(TagContext& app, const http::Request&) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& tag : app.tags.list()) items.push_back(tag_json(tag));
    return http::Response::json(200, {{"total", items.size()}, {"tags", items}});
}

http::Response get_tag(TagContext& app, const http::Request& request) {
    const std::string& slug = request.path_param("slug");
    auto tag = app.tags.find(slug);
    if (!tag) throw http::ApiError::not_found("tag_not_found", "Aucun mot-clé « " + slug + " ».");
    return http::Response::json(200, tag_json(*tag));
}

http::Response once_searchable(TagContext& app, http::Response response) {
    return once_searchable(app.outbox, app.index_wait, std::move(response));
}

Tag create_tag(TagContext& app, const User& moderator, const nlohmann::json& body) {
    Tag tag;
    tag.slug = checked_slug(http::require_string(body, "slug"));
    tag.label = bounded_text(body, "label", 1, 80).value_or(tag.slug);
    tag.description = bounded_text(body, "description", 0, 1000).value_or("");
    tag.synonyms = checked_synonyms(http::optional_string_list(body, "synonyms"));
    return app.tags.create(moderator, tag);
}

Tag update_tag(TagContext& app, const User& moderator, const std::string& slug,
               const nlohmann::json& body) {
    auto new_slug = http::optional_string(body, "slug");
    if (new_slug) new_slug = checked_slug(*new_slug);
    auto label = bounded_text(body, "label", 1, 80);
    auto description = bounded_text(body, "description", 0, 1000);
    std::optional<std::vector<std::string>> synonyms;
    if (body.contains("synonyms") && !body["synonyms"].is_null())
        synonyms = checked_synonyms(http::optional_string_list(body, "synonyms"));
    if (!new_slug && !label && !description && !synonyms) {
        throw http::ApiError::bad_request(
            "empty_patch", "Rien à modifier : slug, label, description ou synonyms attendus.");
    }
    return app.tags.update(moderator, slug, new_slug, label, description, synonyms);
}

Retagged merge_tags(TagContext& app, const User& moderator, const std::string& slug,
                    const std::string& into) {
    return app.tags.merge(moderator, slug, checked_slug(into));
}

http::Response post_tag(TagContext& app, const http::Request& request) {
    User user = moderator(app, request);
    Tag created = create_tag(app, user, http::parse_json_object(request));
    http::Response r = http::Response::json(201, tag_json(created));
    r.headers.emplace_back("Location", "/api/v1/tags/" + created.slug);
    return once_searchable(app, std::move(r));  // its synonyms expand searches from then on
}

http::Response patch_tag(TagContext& app, const http::Request& request) {
    User user = moderator(app, request);
    Tag tag = update_tag(app, user, request.path_param("slug"), http::parse_json_object(request));
    return once_searchable(app, http::Response::json(200, tag_json(tag)));
}

http::Response merge_tag(TagContext& app, const http::Request& request) {
    User user = moderator(app, request);
    nlohmann::json body = http::parse_json_object(request);
    const std::string into = checked_slug(http::require_string(body, "into"));
    Retagged changed = merge_tags(app, user, request.path_param("slug"), into);
    return once_searchable(app,
                           http::Response::json(200, {{"merged", request.path_param("slug")},
                                                      {"into", tag_json(*app.tags.find(into))},
                                                      {"retagged_resources", changed.resources},
                                                      {"retagged_threads", changed.threads}}));
}

void remove_tag(TagContext& app, const User& moderator, const std::string& slug) {
    app.tags.remove(moderator, slug);
}

http::Response delete_tag(TagContext& app, const http::Request& request) {
    User user = moderator(app, request);
    remove_tag(app, user, request.path_param("slug"));
    return once_searchable(app, http::Response::no_content());
}

}  // namespace kb
