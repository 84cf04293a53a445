/// @brief Q&A handlers: authenticate, validate, call the store, wait until searchable, serialise.
#include "qa_handlers.hpp"

#include "api_error.hpp"
#include "auth.hpp"
#include "entity_ids.hpp"
#include "input_checks.hpp"
#include "json_body.hpp"
#include "qa_actions.hpp"
#include "qa_json.hpp"
#include "request_params.hpp"
#include "vocabulary.hpp"

namespace kb {

namespace {

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

http::Response set_hidden(QaContext& app, const http::Request& request, QaPost post, bool hidden) {
    User user = require_user(app.db, request);
    require_moderator(user);  // before reading the body: a member learns nothing more
    const long long id = parse_id(request.path_param("id"));
    // An optional reason, as for resources: the moderation log keeps it.
    std::optional<std::string> reason;
    if (!request.body.empty()) reason = checked_reason(http::parse_json_object(request), false);
    set_post_hidden(app, user, post, id, hidden, reason);
    return once_searchable(app, http::Response::json(200, {{"id", id}, {"hidden", hidden}}));
}

}  // namespace

http::Response post_thread(QaContext& app, const http::Request& request) {
    User user = require_user(app.db, request);
    const ThreadInput input = read_question(app, http::parse_json_object(request));
    const long long id = ask_question(app, user, input);
    return once_searchable(app, created(thread_body(app, id, user), thread_url(id)));
}

http::Response list_threads(QaContext& app, const http::Request& request) {
    ThreadQuery q = thread_query_of(request);
    std::optional<User> viewer = optional_user(app.db, request);
    if (q.for_me) {
        if (!viewer)
            throw http::ApiError::unauthorized(
                "Connectez-vous pour voir les questions qui vous attendent.");
        restrict_to_me(q, *viewer);
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
    patch.step = question_classification(body, "step");
    patch.structure_type = question_classification(body, "structure_type");
    patch.territory = question_classification(body, "territory");
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
    nlohmann::json items = nlohmann::json::array();
    for (const auto& t : similar_threads(app, title)) {
        items.push_back({{"id", t.id},
                         {"title", t.title},
                         {"status", t.status},
                         {"url", t.url},
                         {"score", t.score}});
    }
    return http::Response::json(200, {{"title", title}, {"similar", items}});
}

http::Response post_answer(QaContext& app, const http::Request& request) {
    User user = require_user(app.db, request);
    const long long thread_id = parse_id(request.path_param("id"));
    nlohmann::json body = http::parse_json_object(request);
    bool present = false;
    const std::string text = checked_body(body, "body", true, present, kMinAnswerBodyChars);
    const long long answer_id = answer_question(app, user, thread_id, text);
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
    set_accepted_answer(app, user, thread_id, answer_id);
    return once_searchable(app, http::Response::json(200, thread_body(app, thread_id, user)));
}

http::Response delete_accept(QaContext& app, const http::Request& request) {
    User user = require_user(app.db, request);
    const long long thread_id = parse_id(request.path_param("id"));
    set_accepted_answer(app, user, thread_id, std::nullopt);
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
    return set_hidden(app, r, QaPost::thread, true);
}
http::Response restore_thread(QaContext& app, const http::Request& r) {
    return set_hidden(app, r, QaPost::thread, false);
}
http::Response hide_answer(QaContext& app, const http::Request& r) {
    return set_hidden(app, r, QaPost::answer, true);
}
http::Response restore_answer(QaContext& app, const http::Request& r) {
    return set_hidden(app, r, QaPost::answer, false);
}

}  // namespace kb
