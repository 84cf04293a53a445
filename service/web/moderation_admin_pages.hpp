/// @brief The moderators' administration pages: members' roles and the tag vocabulary.
#pragma once

#include "message.hpp"
#include "web_context.hpp"

namespace kb::web {

/// GET /moderation/roles?q=: find a member (name, login or e-mail).
http::Response get_roles_page(WebContext& web, const http::Request& request);
/// POST /moderation/roles/{id} with `role`: member, expert or moderator.
http::Response post_role_page(WebContext& web, const http::Request& request);

/// GET /moderation/etiquettes: the vocabulary with its counts.
http::Response get_tags_page(WebContext& web, const http::Request& request);
/// POST /moderation/etiquettes: a new tag (slug, label, description).
http::Response post_new_tag_page(WebContext& web, const http::Request& request);
/// POST /moderation/etiquettes/renommer: `tag` gets a new `slug` and/or `label`.
http::Response post_rename_tag_page(WebContext& web, const http::Request& request);
/// POST /moderation/etiquettes/fusionner: `from` merged into `into`.
http::Response post_merge_tag_page(WebContext& web, const http::Request& request);
/// POST /moderation/etiquettes/{slug}/supprimer: an unused tag removed.
http::Response post_delete_tag_page(WebContext& web, const http::Request& request);

}  // namespace kb::web
