/// @brief The questions listing (/questions): all, unanswered, answered or solved, filtered by
/// tag, step, structure type and territory (a GET form, bookmarkable), paged; "Pour moi" for
/// experts.
#pragma once

#include "message.hpp"
#include "web_context.hpp"

namespace kb::web {

http::Response get_questions(WebContext& web, const http::Request& request);

}  // namespace kb::web
