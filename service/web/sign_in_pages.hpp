/// @brief Sign-in by magic link: ask for a link, follow it (first sign-in asks a display name),
/// sign out.
#pragma once

#include "message.hpp"
#include "web_context.hpp"

namespace kb::web {

http::Response get_sign_in(WebContext& web, const http::Request& request);
http::Response post_sign_in(WebContext& web, const http::Request& request);
http::Response get_sign_in_link(WebContext& web, const http::Request& request);
http::Response post_sign_in_link(WebContext& web, const http::Request& request);
http::Response post_sign_out(WebContext& web, const http::Request& request);

}  // namespace kb::web
