/// @brief The moderators' pages: the queue (pending resources, flags, the to-write list,
/// extraction failures) with its actions, and the audit log.
#pragma once

#include "message.hpp"
#include "web_context.hpp"

namespace kb::web {

/// GET /moderation
http::Response get_moderation_page(WebContext& web, const http::Request& request);
/// POST /moderation/signalements/{id}/classer: closes a flag without acting on its item.
http::Response post_dismiss_flag_page(WebContext& web, const http::Request& request);
/// POST /moderation/recherches/{id}/classer: takes a search off the to-write list.
http::Response post_dismiss_miss_page(WebContext& web, const http::Request& request);
/// GET /moderation/journal?page=
http::Response get_moderation_log_page(WebContext& web, const http::Request& request);

}  // namespace kb::web
