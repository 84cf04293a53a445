/// @brief My account (/compte): display name, expert profile, notification mode and API tokens.
#pragma once

#include "message.hpp"
#include "web_context.hpp"

namespace kb::web {

/// GET /compte (signed-in only); ?bienvenue=1 after the first sign-in, ?enregistre=1 after a save.
http::Response get_account_page(WebContext& web, const http::Request& request);
/// POST /compte/profil: the fields PUT /api/v1/me/profile takes, checked the same way.
http::Response post_account_profile(WebContext& web, const http::Request& request);
/// POST /compte/jetons (label, days): the new token's secret is shown on this answer only.
http::Response post_account_token(WebContext& web, const http::Request& request);
/// POST /compte/jetons/{id}/revoquer: only one's own token (404 page otherwise).
http::Response post_account_token_revoke(WebContext& web, const http::Request& request);

}  // namespace kb::web
