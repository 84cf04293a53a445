/// @brief Q&A handlers: authenticate, validate, call the store, wait until searchable, serialise.
#include "qa_handlers.hpp"

#include "api_error.hpp"
#include "auth.hpp"
#include "entity_ids.hpp"
#include "input_checks.hpp"
#include "json_body.hpp"
#include "qa_json.hpp"
#include "request_params.hpp"
#include "vocabulary.hpp"

namespace kb {

namespace {

std::optional<std::string> checked_enum(const nlohmann::json& body, const std::string& field,
                                        const std::vector<std::string>& allowed) {
    auto value = http::optional_string(body, field);
    if (value) check_allowed(field, {*value}, allowed);
    return value;
}

std::optional<std::string> checked_structure_type(const nlohmann::json& body) {
    auto value = http::optional_string(body, "structure_type");
    if (value) value = checked_upper("structure_type", {*value}, known_structure_types()).front();
    return value;
}

// Where a question sits: its step, structure type or département; null or "" means none.
std::optional<std::string> classification(const nlohmann::json& body, const std::string& field) {
    if (clears_field(body, field)) return std::nullopt;
    if (field == "step") return checked_enum(body, field, known_steps());
    if (field == "structure_type") return checked_structure_type(body);
    return checked_territory(http::optional_string(body, field));
}

bool moderator_view(const std::optional<User>& viewer) {
    return viewer && viewer->is_moderator();
}

ThreadView view_or_404(QaContext& app, long long id, const std::optional<User>& viewer) {
    auto view = app.qa.thread_view(id, viewer);
    if (!view)
        throw http::ApiError::not_found(
            "thread_not_found", "Aucune question n'a l'identifiant " + std::to_string(id) + ".");
    return *view;
}

// The thread as the API shows it to this viewer.
nlohmann::json thread_body(QaContext& app, long long id, const std::optional<User>& viewer) {
    return thread_json(view_or_404(app, id, viewer), moderator_view(viewer));
}

http::Response created(const nlohmann::json& body, const std::string& location) {
    http::Response r = http::Response::json(201, body);
    r.headers.emplace_back("Location", location);
    return r;
}

// A write's answer leaves once its change is searchable (the store's outbox row is in the index),
// so a client that writes then searches finds what it wrote; after index_wait it leaves anyway
// and says so.
http::Response once_searchable(QaContext& app, http::Response response) {
    const bool indexed = app.outbox.wait_applied(app.index_wait);
    response.headers.emplace_back("X-Search-Indexed", indexed ? "true" : "false");
    return response;
}

http::Response set_hidden(QaContext& app, const http::Request& request, bool thread, bool hidden) {
    User user = require_user(app.db, request);
    require_moderator(user);
    const long long id = parse_id(request.path_param("id"));
    // An optional reason, as for resources: the moderation log keeps it.
    std::optional<std::string> reason;
    if (!request.body.empty()) reason = checked_reason(http::parse_json_object(request), false);
    if (thread) {
        app.qa.set_thread_hidden(id, user, hidden, reason);
    } else {
        app.qa.set_answer_hidden(id, user, hidden, reason);
    }
    return once_searchable(app, http::Response::json(200, {{"id", id}, {"hidden", hidden}}));
}

}  // namespace

http::Response post_thread(QaContext& app, const http::Request& request) {
    User user = require_user(app.db, request);
    nlohmann::json body = http::parse_json_object(request);
    ThreadInput in;
    bool present = false;
    in.title = checked_title(body, true, present);
    in.body = checked_body(body, "body", true, present, kMinQuestionBodyChars);
    in.tags = app.tags.resolve(checked_tags(http::optional_string_list(body, "tags")));
    in.step = classification(body, "step");
    in.structure_type = classification(body, "structure_type");
    in.territory = classification(body, "territory");
    const long long id = app.qa.create_thread(user, in);
    return once_searchable(app, created(thread_body(app, id, user), thread_url(id)));
}

http::Response list_threads(QaContext& app, const http::Request& request) {
    ThreadQuery q;
    auto status = enum_params(request, "status", thread_statuses());
    if (status.size() > 1)
        throw http::ApiError::bad_request("invalid_parameter", "Un seul statut à la fois.");
    if (!status.empty()) q.status = status.front();
    q.tags = enum_params(request, "tag", {});
    q.steps = enum_params(request, "step", known_steps());
    q.structure_types = upper_enum_params(request, "structure_type", known_structure_types());
    const std::string for_me = request.param("for_me").value_or("false");
    if (for_me != "true" && for_me != "false") {
        throw http::ApiError::bad_request("invalid_parameter",
                                          "Le paramètre « for_me » vaut true ou false.");
    }
    q.for_me = for_me == "true";
    q.page = int_param(request, "page", 1, 1, 100000);
    q.per_page = per_page_param(request);
    std::optional<User> viewer = optional_user(app.db, request);
    if (q.for_me) {
        if (!viewer)
            throw http::ApiError::unauthorized(
                "Connectez-vous pour voir les questions qui vous attendent.");
        if (!viewer->is_expert())
            throw http::ApiError::forbidden("Réservé aux experts et aux modérateurs.");
        q.status = kStatusUnanswered;
    }
    return http::Response::json(200, thread_page_json(app.qa.list_threads(q, viewer)));
}

http::Response get_thread(QaContext& app, const http::Request& request) {
    const long long id = parse_id(request.path_param("id"));
    return http::Response::json(200, thread_body(app, id, optional_user(app.db, request)));
}

http::Response patch_thread(QaContext& app, const http::Request& request) {
    User user = require_user(app.db, request);
    const long long id = parse_id(request.path_param("id"));
    nlohmann::json body = http::parse_json_object(request);
    ThreadPatch patch;
    bool has_title = false, has_body = false;
    std::string title = checked_title(body, false, has_title);
    std::string text = checked_body(body, "body", false, has_body, kMinQuestionBodyChars);
    if (has_title) patch.title = title;
    if (has_body) patch.body = text;
    if (body.contains("tags") && !body["tags"].is_null())
        patch.tags = app.tags.resolve(checked_tags(http::optional_string_list(body, "tags")));
    // Each may be corrected after posting, or cleared with null or "".
    for (const char* field : {"step", "structure_type", "territory"}) {
        if (clears_field(body, field)) patch.cleared.emplace_back(field);
    }
    patch.step = classification(body, "step");
    patch.structure_type = classification(body, "structure_type");
    patch.territory = classification(body, "territory");
    if (!patch.title && !patch.body && !patch.tags && !patch.step && !patch.structure_type &&
        !patch.territory && patch.cleared.empty()) {
        throw http::ApiError::bad_request(
            "empty_patch",
            "Rien à modifier : title, body, tags, step, structure_type ou territory attendus.");
    }
    app.qa.update_thread(id, user, patch);
    return once_searchable(app, http::Response::json(200, thread_body(app, id, user)));
}

http::Response get_similar_threads(QaContext& app, const http::Request& request) {
    const std::string title = request.param("title").value_or("");
    if (title.find_first_not_of(" \t") == std::string::npos) {
        throw http::ApiError::bad_request("missing_query",
                                          "Le paramètre « title » est obligatoire.");
    }
    if (utf8_length(title) > kMaxTitleChars) {
        throw http::ApiError::bad_request("title_too_long", "Le titre dépasse 200 caractères.");
    }
    SearchRequest search;
    search.q = title;
    search.filters.kinds = {kKindThread};
    search.per_page = 5;
    const SearchOutcome found = app.search.search(search);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& hit : found.response->hits) {
        items.push_back({{"id", std::stoll(hit.data.value("slug", "0"))},
                         {"title", hit.data.value("title", "")},
                         {"status", hit.data.value("status", "")},
                         {"url", hit.data.value("url", "")},
                         {"score", hit.score}});
    }
    return http::Response::json(200, {{"title", title}, {"similar", items}});
}

http::Response post_answer(QaContext& app, const http::Request& request) {
    User user = require_user(app.db, request);
    const long long thread_id = parse_id(request.path_param("id"));
    nlohmann::json body = http::parse_json_object(request);
    bool present = false;
    const std::string text = checked_body(body, "body", true, present, kMinAnswerBodyChars);
    const long long answer_id = app.qa.create_answer(thread_id, user, text);
    const ThreadView view = view_or_404(app, thread_id, user);
    nlohmann::json answer = {{"id", answer_id}};
    for (const auto& a : view.answers) {
        if (a.id == answer_id) answer = answer_json(a, moderator_view(user));
    }
    answer["thread_id"] = thread_id;
    return once_searchable(app, created(answer, thread_url(thread_id)));
}

http::Response patch_answer(QaContext& app, const http::Request& request) {
    User user = require_user(app.db, request);
    const long long answer_id = parse_id(request.path_param("id"));
    nlohmann::json body = http::parse_json_object(request);
    bool present = false;
    const std::string text = checked_body(body, "body", true, present, kMinAnswerBodyChars);
    const long long thread_id = app.qa.update_answer(answer_id, user, text);
    return once_searchable(app, http::Response::json(200, thread_body(app, thread_id, user)));
}

http::Response post_accept(QaContext& app, const http::Request& request) {
    User user = require_user(app.db, request);
    const long long thread_id = parse_id(request.path_param("id"));
    nlohmann::json body = http::parse_json_object(request);
    const long long answer_id = http::require_integer(body, "answer_id");
    app.qa.accept(thread_id, user, answer_id);
    return once_searchable(app, http::Response::json(200, thread_body(app, thread_id, user)));
}

http::Response delete_accept(QaContext& app, const http::Request& request) {
    User user = require_user(app.db, request);
    const long long thread_id = parse_id(request.path_param("id"));
    app.qa.unaccept(thread_id, user);
    return once_searchable(app, http::Response::json(200, thread_body(app, thread_id, user)));
}

http::Response put_vote(QaContext& app, const http::Request& request) {
    User user = require_user(app.db, request);
    const long long answer_id = parse_id(request.path_param("id"));
    return http::Response::json(
        200,
        {{"answer_id", answer_id}, {"votes", app.qa.vote(answer_id, user, true)}, {"voted", true}});
}

http::Response delete_vote(QaContext& app, const http::Request& request) {
    User user = require_user(app.db, request);
    const long long answer_id = parse_id(request.path_param("id"));
    return http::Response::json(200, {{"answer_id", answer_id},
                                      {"votes", app.qa.vote(answer_id, user, false)},
                                      {"voted", false}});
}

http::Response hide_thread(QaContext& app, const http::Request& r) {
    return set_hidden(app, r, true, true);
}
http::Response restore_thread(QaContext& app, const http::Request& r) {
    return set_hidden(app, r, true, false);
}
http::Response hide_answer(QaContext& app, const http::Request& r) {
    return set_hidden(app, r, false, true);
}
http::Response restore_answer(QaContext& app, const http::Request& r) {
    return set_hidden(app, r, false, false);
}

}  // namespace kb
