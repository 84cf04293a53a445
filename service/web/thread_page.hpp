/// @brief The thread page (/questions/{id}): the question, its answers in the API's order with
/// votes, acceptance and moderation forms, and the answer form with its Markdown preview; a forum
/// thread links to its topic and offers no local writes.
#pragma once

#include "message.hpp"
#include "web_context.hpp"

namespace kb::web {

http::Response get_thread_page(WebContext& web, const http::Request& request);
/// POST /questions/{id}/reponses: publishes the answer, or (action=apercu) shows the page again
/// with the rendered preview.
http::Response post_answer_page(WebContext& web, const http::Request& request);

}  // namespace kb::web
