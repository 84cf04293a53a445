/// @brief Who may use a page or a form: sign-in redirects back to a chosen page, the
/// moderators' gate, and the CSRF-checked form of a write.
#pragma once

#include "page.hpp"

#include <string>

namespace kb::web {

/// A redirect to the sign-in page that comes back to `back` (a path of this site) afterwards:
/// for forms, whose own address answers POST only.
http::Response sign_in_then(const Visitor& visitor, const std::string& back);

/// 403 page unless the visitor is a signed-in moderator (callers send anonymous visitors to
/// sign in first).
void require_moderator_page(const Visitor& visitor);

/// A moderator's posted form: the CSRF token checked first (403), then an anonymous visitor is
/// sent to sign in (coming back to `back`), a member refused (403). Holds the form or the
/// redirect.
struct ModeratorForm {
    Visitor visitor;
    Form form;
    std::optional<http::Response> redirect;
};
ModeratorForm moderator_form(WebContext& web, const http::Request& request,
                             const std::string& back);

}  // namespace kb::web
