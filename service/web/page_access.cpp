/// @brief Sign-in redirects, the moderators' gate and moderators' forms.
#include "page_access.hpp"

#include "api_error.hpp"
#include "web_urls.hpp"

namespace kb::web {

http::Response sign_in_then(const Visitor& visitor, const std::string& back) {
    return see_other(visitor, with_query("/connexion", {{"retour", back}}));
}

void require_moderator_page(const Visitor& visitor) {
    if (!visitor.user || !visitor.user->is_moderator()) {
        throw http::ApiError::forbidden("Cette page est réservée aux modérateurs.");
    }
}

ModeratorForm moderator_form(WebContext& web, const http::Request& request,
                             const std::string& back) {
    ModeratorForm out{visitor_of(web, request), Form::parse(request), std::nullopt};
    require_csrf(out.visitor, out.form);
    if (!out.visitor.user) {
        out.redirect = sign_in_then(out.visitor, back);
        return out;
    }
    require_moderator_page(out.visitor);
    return out;
}

}  // namespace kb::web
