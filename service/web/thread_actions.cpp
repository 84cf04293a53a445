/// @brief The thread page's vote, acceptance and moderation forms, through the shared Q&A writes.
#include "thread_actions.hpp"

#include "entity_ids.hpp"
#include "input_checks.hpp"
#include "page.hpp"
#include "qa_actions.hpp"
#include "web_urls.hpp"

#include <functional>

namespace kb::web {

namespace {

// What a form acts on, once CSRF and the member are checked: the id of the path, the member,
// the form; returns the thread page to go back to.
using Act = std::function<std::string(long long id, const User& user, const Form& form)>;

// The thread page a form goes back to: the path's thread, or the `question` field of an
// answer's form (only used to build that address).
std::string back_to(const http::Request& request, const Form& form, bool thread_route) {
    if (thread_route) return thread_page(parse_id(request.path_param("id")));
    const std::string question = form.value("question");
    return question.empty() ? "/questions" : thread_page(parse_id(question));
}

http::Response act(WebContext& web, const http::Request& request, bool thread_route,
                   const Act& fn) {
    const Visitor visitor = visitor_of(web, request);
    const long long id = parse_id(request.path_param("id"));
    const Form form = Form::parse(request);
    require_csrf(visitor, form);
    const std::string back = back_to(request, form, thread_route);
    if (!visitor.user) return see_other(visitor, with_query("/connexion", {{"retour", back}}));
    const std::string anchor = fn(id, *visitor.user, form);
    return see_other(visitor, back + anchor);
}

// act, for a form whose change shows in search: its redirect leaves once search sees it.
http::Response act_searchable(WebContext& web, const http::Request& request, bool thread_route,
                              const Act& fn) {
    return once_searchable(web.qa, act(web, request, thread_route, fn));
}

std::string answer_anchor(long long answer_id) {
    return "#reponse-" + std::to_string(answer_id);
}

}  // namespace

http::Response post_accept_page(WebContext& web, const http::Request& request) {
    return act_searchable(web, request, true,
                          [&](long long id, const User& user, const Form& form) {
                              const long long answer_id = parse_id(form.value("reponse"));
                              set_accepted_answer(web.qa, user, id, answer_id);
                              return answer_anchor(answer_id);
                          });
}

http::Response post_unaccept_page(WebContext& web, const http::Request& request) {
    return act_searchable(web, request, true, [&](long long id, const User& user, const Form&) {
        set_accepted_answer(web.qa, user, id, std::nullopt);
        return std::string("#reponses");
    });
}

http::Response post_hide_thread_page(WebContext& web, const http::Request& request) {
    return act_searchable(web, request, true, [&](long long id, const User& user, const Form&) {
        set_post_hidden(web.qa, user, QaPost::thread, id, true);
        return std::string();
    });
}

http::Response post_restore_thread_page(WebContext& web, const http::Request& request) {
    return act_searchable(web, request, true, [&](long long id, const User& user, const Form&) {
        set_post_hidden(web.qa, user, QaPost::thread, id, false);
        return std::string();
    });
}

http::Response post_vote_page(WebContext& web, const http::Request& request) {
    return act(web, request, false, [&](long long id, const User& user, const Form&) {
        web.qa.qa.vote(id, user, true);
        return answer_anchor(id);
    });
}

http::Response post_unvote_page(WebContext& web, const http::Request& request) {
    return act(web, request, false, [&](long long id, const User& user, const Form&) {
        web.qa.qa.vote(id, user, false);
        return answer_anchor(id);
    });
}

http::Response post_hide_answer_page(WebContext& web, const http::Request& request) {
    return act_searchable(web, request, false, [&](long long id, const User& user, const Form&) {
        set_post_hidden(web.qa, user, QaPost::answer, id, true);
        return answer_anchor(id);
    });
}

http::Response post_restore_answer_page(WebContext& web, const http::Request& request) {
    return act_searchable(web, request, false, [&](long long id, const User& user, const Form&) {
        set_post_hidden(web.qa, user, QaPost::answer, id, false);
        return answer_anchor(id);
    });
}

}  // namespace kb::web
