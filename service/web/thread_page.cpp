/// @brief get_thread_page and post_answer_page: the Q&A store's thread view as HTML, and the
/// answer form (preview, validation next to the field, publication through the API's write).
#include "thread_page.hpp"

#include "api_error.hpp"
#include "entity_ids.hpp"
#include "french_dates.hpp"
#include "input_checks.hpp"
#include "labels.hpp"
#include "markdown.hpp"
#include "page.hpp"
#include "qa_actions.hpp"
#include "qa_errors.hpp"
#include "question_views.hpp"
#include "web_urls.hpp"

#include <algorithm>

namespace kb::web {

namespace {

// What the answer form shows again after a preview or a refusal.
struct AnswerDraft {
    std::string body;
    std::string preview_html;
    std::string error;
};

nlohmann::json author_json(const Author& author) {
    return {{"name", author.display_name},
            {"expert", author.role == kRoleExpert},
            {"moderator", author.role == kRoleModerator}};
}

nlohmann::json answer_json(const ThreadView& thread, const Answer& a, const Visitor& visitor,
                           const std::vector<long long>& voted, bool writable) {
    const auto& user = visitor.user;
    const bool signed_in = user.has_value();
    const bool moderator = signed_in && user->is_moderator();
    const bool asker_or_moderator = signed_in && (user->id == thread.author.id || moderator);
    const bool has_voted = std::find(voted.begin(), voted.end(), a.id) != voted.end();
    nlohmann::json answer = {
        {"id", a.id},
        {"anchor", "reponse-" + std::to_string(a.id)},
        {"author", author_json(a.author)},
        {"date", french_date(a.created_at)},
        {"html", a.html},
        {"votes", a.votes},
        {"votes_label", std::to_string(a.votes) + (a.votes <= 1 ? " vote" : " votes")},
        {"accepted", a.accepted},
        {"hidden", a.hidden},
        {"thread_id", thread.id}};
    if (!writable) return answer;
    // Everyone but its author may vote for a visible answer; the asker (or a moderator) accepts.
    const bool can_vote = signed_in && user->id != a.author.id && !a.hidden;
    answer["can_vote"] = can_vote && !has_voted;
    answer["can_unvote"] = can_vote && has_voted;
    answer["can_accept"] = asker_or_moderator && !a.accepted && !a.hidden;
    answer["can_unaccept"] = asker_or_moderator && a.accepted;
    answer["can_moderate"] = moderator;
    answer["has_actions"] = can_vote || asker_or_moderator;
    return answer;
}

http::Response render_thread(WebContext& web, const Visitor& visitor, long long id,
                             const AnswerDraft& draft, int status) {
    auto thread = web.qa.qa.thread_view(id, visitor.user);
    if (!thread) throw thread_not_found(id);
    const std::optional<std::string> forum_url = web.forum.store.forum_url_of_thread(id);
    // A forum topic is written on the forum: no local forms (the write routes refuse it too).
    const bool writable = !forum_url;
    const bool moderator = visitor.user && visitor.user->is_moderator();
    const std::vector<long long> voted = visitor.user && writable
                                             ? web.qa.qa.voted_answers(id, visitor.user->id)
                                             : std::vector<long long>{};
    nlohmann::json answers = nlohmann::json::array();
    for (const auto& a : thread->answers) {
        answers.push_back(answer_json(*thread, a, visitor, voted, writable));
    }
    nlohmann::json model = {
        {"id", thread->id},
        {"title", thread->title},
        {"html", thread->html},
        {"badge", status_badge(thread->status)},
        {"tags",
         tag_links(thread->tags, thread->tags.empty() ? TagLabels() : web.tags.tags.labels())},
        {"has_tags", !thread->tags.empty()},
        {"author", author_json(thread->author)},
        {"date", french_date(thread->created_at)},
        {"hidden", thread->hidden},
        {"answers", answers},
        {"answers_label", answers_label(static_cast<long long>(thread->answers.size()))},
        {"writable", writable},
        {"can_moderate", writable && moderator},
        {"can_answer", writable && visitor.user.has_value()},
        {"sign_in_url", with_query("/connexion", {{"retour", thread_page(id)}})}};
    // Mustache shows a section for any string, even empty: absent keys hide them.
    nlohmann::json form = {{"body", draft.body}};
    if (!draft.preview_html.empty()) form["preview_html"] = draft.preview_html;
    if (!draft.error.empty()) form["error"] = draft.error;
    model["draft"] = form;
    if (forum_url) model["forum_url"] = *forum_url;
    if (thread->step) model["step"] = label_of("step", *thread->step);
    if (thread->structure_type) model["structure_type"] = *thread->structure_type;
    if (thread->territory) model["territory"] = label_of("territory", *thread->territory);
    return render_page(web, visitor, "thread", model,
                       {.title = thread->title, .nav = "questions", .status = status});
}

}  // namespace

http::Response get_thread_page(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    return render_thread(web, visitor, parse_id(request.path_param("id")), {}, 200);
}

http::Response post_answer_page(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    const long long id = parse_id(request.path_param("id"));
    const Form form = Form::parse(request);
    require_csrf(visitor, form);
    if (!visitor.user) {
        return see_other(visitor, with_query("/connexion", {{"retour", thread_page(id)}}));
    }
    AnswerDraft draft{form.value("body"), "", ""};
    std::string text;
    try {
        bool present = false;
        text = checked_body(nlohmann::json{{"body", draft.body}}, "body", true, present,
                            kMinAnswerBodyChars);
    } catch (const http::ApiError& e) {
        draft.error = e.detail();
        return render_thread(web, visitor, id, draft, 400);
    }
    if (form.value("action") == "apercu") {
        draft.preview_html = render_markdown_html(text);
        return render_thread(web, visitor, id, draft, 200);
    }
    const long long answer_id = answer_question(web.qa, *visitor.user, id, text);
    return once_searchable(
        web.qa, see_other(visitor, thread_page(id) + "#reponse-" + std::to_string(answer_id)));
}

}  // namespace kb::web
