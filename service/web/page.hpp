/// @brief One page's life: who is visiting (cookies), CSRF, rendering inside the layout with
/// the security headers, redirects.
#pragma once

#include "accounts.hpp"
#include "form_body.hpp"
#include "message.hpp"
#include "web_context.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace kb::web {

/// The browser behind a request: a random visitor id (cookie `kb_visitor`, set on its first
/// page), the signed-in member (cookie `kb_session`), and the CSRF token of its forms.
struct Visitor {
    std::string id;
    bool new_id = false;  ///< the response sets the visitor cookie
    std::optional<User> user;
    std::string session;  ///< the session cookie's value, when signed in
    std::string csrf;     ///< HMAC of the visitor id under the service's secret
    bool secure = false;  ///< cookies marked Secure
};

Visitor visitor_of(WebContext& web, const http::Request& request);

/// 403 `csrf_invalid` unless the form's `csrf` field is this visitor's token (a form from
/// another site, or one posted without its token).
void require_csrf(const Visitor& visitor, const Form& form);

/// What the layout needs beyond the page's own model.
struct PageMeta {
    std::string title;  ///< the <title> and, usually, the h1
    std::string nav;    ///< the main menu's current entry: home, search, questions, ...
    std::string query;  ///< the header search box's value
    int status = 200;
    /// Scripts of the `app` static mount this page adds (e.g. "similar.js"), loaded deferred.
    std::vector<std::string> scripts;
};

/// Renders template `name` with model inside the layout: HTML, security headers, no caching
/// by shared caches, the visitor cookie when new.
http::Response render_page(WebContext& web, const Visitor& visitor, const std::string& name,
                           nlohmann::json model, const PageMeta& meta);

/// 303 See Other to location (after a form is posted), with the visitor cookie when new.
http::Response see_other(const Visitor& visitor, const std::string& location);

/// The Set-Cookie value that opens session (or, when empty, ends the current one).
std::string session_cookie(const WebContext& web, const std::string& session);

/// A redirect to the sign-in page that comes back to the request's page afterwards.
http::Response sign_in_first(const Visitor& visitor, const http::Request& request);

/// The headers every HTML answer carries (CSP without unsafe-inline, nosniff, referrer policy,
/// no framing).
void add_security_headers(http::Response& response);

/// The layout's data for a visitor (assets, user, csrf, menu): used by error pages too.
nlohmann::json layout_model(const WebContext& web, const Visitor* visitor, const PageMeta& meta);

}  // namespace kb::web
