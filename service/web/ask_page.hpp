/// @brief The ask form (/questions/nouvelle): title, body, tag of the vocabulary, step,
/// structure type and territory, for signed-in members; similar questions shown while the title
/// is typed (script) or on request (without script); posting redirects to the new thread.
#pragma once

#include "message.hpp"
#include "web_context.hpp"

namespace kb::web {

http::Response get_ask_page(WebContext& web, const http::Request& request);
http::Response post_ask_page(WebContext& web, const http::Request& request);

}  // namespace kb::web
