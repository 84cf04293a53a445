/// @brief Shared Q&A operations: field checks, listing parameters, writes that answer once
/// searchable, moderation of posts, similar questions.
#include "qa_actions.hpp"

#include "api_error.hpp"
#include "auth.hpp"
#include "input_checks.hpp"
#include "json_body.hpp"
#include "request_params.hpp"
#include "vocabulary.hpp"

namespace kb {

const std::vector<std::string>& question_fields() {
    static const std::vector<std::string> fields = {"title", "body",           "tags",
                                                    "step",  "structure_type", "territory"};
    return fields;
}

std::optional<std::string> question_classification(const nlohmann::json& body,
                                                   const std::string& field) {
    if (clears_field(body, field)) return std::nullopt;
    auto value = http::optional_string(body, field);
    if (!value) return std::nullopt;
    if (field == "step") {
        check_allowed(field, {*value}, known_steps());
        return value;
    }
    if (field == "structure_type")
        return checked_upper("structure_type", {*value}, known_structure_types()).front();
    return checked_territory(value);
}

void read_question_field(QaContext& app, const nlohmann::json& body, const std::string& field,
                         ThreadInput& into) {
    bool present = false;
    if (field == "title") {
        into.title = checked_title(body, true, present);
    } else if (field == "body") {
        into.body = checked_body(body, "body", true, present, kMinQuestionBodyChars);
    } else if (field == "tags") {
        into.tags = app.tags.resolve(checked_tags(http::optional_string_list(body, "tags")));
    } else if (field == "step") {
        into.step = question_classification(body, field);
    } else if (field == "structure_type") {
        into.structure_type = question_classification(body, field);
    } else if (field == "territory") {
        into.territory = question_classification(body, field);
    }
}

ThreadInput read_question(QaContext& app, const nlohmann::json& body) {
    ThreadInput input;
    for (const auto& field : question_fields()) read_question_field(app, body, field, input);
    return input;
}

ThreadQuery thread_query_of(const http::Request& request) {
    ThreadQuery q;
    auto status = enum_params(request, "status", thread_statuses());
    if (status.size() > 1)
        throw http::ApiError::bad_request("invalid_parameter", "Un seul statut à la fois.");
    if (!status.empty()) q.status = status.front();
    q.tags = enum_params(request, "tag", {});
    q.steps = enum_params(request, "step", known_steps());
    q.structure_types = upper_enum_params(request, "structure_type", known_structure_types());
    q.territories = checked_territories(enum_params(request, "territory", {}));
    const std::string for_me = request.param("for_me").value_or("false");
    if (for_me != "true" && for_me != "false") {
        throw http::ApiError::bad_request("invalid_parameter",
                                          "Le paramètre « for_me » vaut true ou false.");
    }
    q.for_me = for_me == "true";
    q.page = int_param(request, "page", 1, 1, 100000);
    q.per_page = per_page_param(request);
    return q;
}

void restrict_to_me(ThreadQuery& query, const User& viewer) {
    if (!viewer.is_expert())
        throw http::ApiError::forbidden("Réservé aux experts et aux modérateurs.");
    query.for_me = true;
    query.status = kStatusUnanswered;
}

http::Response once_searchable(QaContext& app, http::Response response) {
    return once_searchable(app.outbox, app.index_wait, std::move(response));
}

long long ask_question(QaContext& app, const User& author, const ThreadInput& input) {
    return app.qa.create_thread(author, input);
}

long long answer_question(QaContext& app, const User& author, long long thread_id,
                          const std::string& body) {
    return app.qa.create_answer(thread_id, author, body);
}

void set_accepted_answer(QaContext& app, const User& user, long long thread_id,
                         std::optional<long long> answer_id) {
    if (answer_id) {
        app.qa.accept(thread_id, user, *answer_id);
    } else {
        app.qa.unaccept(thread_id, user);
    }
}

void set_post_hidden(QaContext& app, const User& user, QaPost post, long long id, bool hidden,
                     const std::optional<std::string>& reason) {
    require_moderator(user);
    if (post == QaPost::thread) {
        app.qa.set_thread_hidden(id, user, hidden, reason);
    } else {
        app.qa.set_answer_hidden(id, user, hidden, reason);
    }
}

std::vector<SimilarThread> similar_threads(QaContext& app, const std::string& title) {
    SearchRequest search;
    search.q = title;
    search.filters.kinds = {kKindThread};
    search.per_page = 5;
    const SearchOutcome found = app.search.search(search);
    std::vector<SimilarThread> out;
    for (const auto& hit : found.response->hits) {
        const nlohmann::json& d = hit.data();
        out.push_back({std::stoll(d.value("slug", "0")), d.value("title", ""),
                       d.value("status", ""), d.value("url", ""), hit.score});
    }
    return out;
}

}  // namespace kb
