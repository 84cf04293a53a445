/// @brief The resource library's pages: the library with its filters, a resource's page, its
/// file for those who may see it, and the moderators' decisions on it.
#pragma once

#include "message.hpp"
#include "web_context.hpp"

namespace kb::web {

/// GET /ressources?type=&tag=&audience=&step=&structure_type=&territory=&page=
http::Response get_resources_page(WebContext& web, const http::Request& request);
/// GET /ressources/{id}: public resources for everyone, others for their author and moderators.
http::Response get_resource_page(WebContext& web, const http::Request& request);
/// GET /ressources/{id}/fichier: the file as the page's viewer may download it (an author's
/// pending resource, or one a moderator is deciding on).
http::Response get_resource_page_file(WebContext& web, const http::Request& request);

/// POST /ressources/{id}/approuver|rejeter|masquer|retablir (moderators; rejeter takes `motif`).
http::Response post_approve_resource_page(WebContext& web, const http::Request& request);
http::Response post_reject_resource_page(WebContext& web, const http::Request& request);
http::Response post_hide_resource_page(WebContext& web, const http::Request& request);
http::Response post_restore_resource_page(WebContext& web, const http::Request& request);

}  // namespace kb::web
