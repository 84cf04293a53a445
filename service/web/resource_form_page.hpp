/// @brief The submission form of the resource library: every field of the API and a file,
/// checked by the API's own rules, the errors shown beside their fields.
#pragma once

#include "message.hpp"
#include "web_context.hpp"

namespace kb::web {

/// GET /ressources/nouvelle (signed-in members).
http::Response get_new_resource_page(WebContext& web, const http::Request& request);
/// POST /ressources/nouvelle: multipart/form-data with the CSRF token among its fields and the
/// file in `file`; on success, a page saying the resource awaits moderation.
http::Response post_new_resource_page(WebContext& web, const http::Request& request);

}  // namespace kb::web
