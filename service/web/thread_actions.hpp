/// @brief The thread page's small forms: vote and remove a vote, accept and withdraw the
/// acceptance, hide and restore (moderators). Each checks CSRF, then the member, then acts
/// through the API's write and goes back to the thread (Post/Redirect/Get).
#pragma once

#include "message.hpp"
#include "web_context.hpp"

namespace kb::web {

// POST /questions/{id}/…
http::Response post_accept_page(WebContext& web, const http::Request& request);
http::Response post_unaccept_page(WebContext& web, const http::Request& request);
http::Response post_hide_thread_page(WebContext& web, const http::Request& request);
http::Response post_restore_thread_page(WebContext& web, const http::Request& request);

// POST /reponses/{id}/… (the form's `question` field names the page to go back to)
http::Response post_vote_page(WebContext& web, const http::Request& request);
http::Response post_unvote_page(WebContext& web, const http::Request& request);
http::Response post_hide_answer_page(WebContext& web, const http::Request& request);
http::Response post_restore_answer_page(WebContext& web, const http::Request& request);

}  // namespace kb::web
