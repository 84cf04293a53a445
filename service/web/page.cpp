/// @brief Visitor resolution, CSRF check, layout rendering, security headers and redirects.
#include "page.hpp"

#include "api_error.hpp"
#include "cookies.hpp"
#include "html_escape.hpp"
#include "web_crypto.hpp"
#include "web_urls.hpp"

#include <algorithm>

namespace kb::web {

namespace {

constexpr const char* kVisitorCookie = "kb_visitor";
constexpr const char* kSessionCookie = "kb_session";
constexpr int kVisitorCookieSeconds = 365 * 24 * 3600;

bool is_hex_id(const std::string& value) {
    return value.size() == 32 && std::all_of(value.begin(), value.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

void add_visitor_cookie(const Visitor& visitor, http::Response& response) {
    if (!visitor.new_id) return;
    response.headers.emplace_back(
        "Set-Cookie",
        set_cookie(kVisitorCookie, visitor.id, {kVisitorCookieSeconds, visitor.secure}));
}

// Where a sign-in may send the browser back to: a path of this site only.
std::string local_path(const http::Request& request) {
    const std::string& path = request.raw_path;
    if (path.empty() || path[0] != '/' || path.rfind("//", 0) == 0) return "/";
    return path;
}

}  // namespace

Visitor visitor_of(WebContext& web, const http::Request& request) {
    Visitor visitor;
    visitor.secure = web.settings.secure_cookies;
    auto id = cookie(request, kVisitorCookie);
    if (id && is_hex_id(*id)) {
        visitor.id = *id;
    } else {
        visitor.id = random_hex(16);
        visitor.new_id = true;
    }
    visitor.csrf = hmac_hex(web.secret, "csrf:" + visitor.id);
    if (auto session = cookie(request, kSessionCookie)) {
        visitor.user = web.sessions.session_user(*session);
        if (visitor.user) visitor.session = *session;
    }
    return visitor;
}

void require_csrf(const Visitor& visitor, const Form& form) {
    if (visitor.new_id || !same_secret(form.value("csrf"), visitor.csrf)) {
        throw http::ApiError(403, "csrf_invalid", "Formulaire refusé",
                             "Ce formulaire a expiré ou ne vient pas de ce site : rechargez la "
                             "page et envoyez-le à nouveau.");
    }
}

nlohmann::json layout_model(const WebContext& web, const Visitor* visitor, const PageMeta& meta) {
    const auto& a = web.assets;
    nlohmann::json model = {{"page_title", meta.title},
                            {"header_query", meta.query},
                            {"assets",
                             {{"dsfr_css", a.url("dsfr", "dsfr.min.css")},
                              {"icons_css", a.url("dsfr", "utility/icons/icons.min.css")},
                              {"dsfr_js", a.url("dsfr", "dsfr.module.min.js")},
                              {"dsfr_js_nomodule", a.url("dsfr", "dsfr.nomodule.min.js")},
                              {"favicon_svg", a.url("dsfr", "favicon/favicon.svg")},
                              {"favicon_ico", a.url("dsfr", "favicon/favicon.ico")},
                              {"app_css", a.url("app", "app.css")},
                              {"app_js", a.url("app", "app.js")}}},
                            {"nav", {{meta.nav.empty() ? "none" : meta.nav, true}}}};
    nlohmann::json scripts = nlohmann::json::array();
    for (const auto& script : meta.scripts) scripts.push_back(a.url("app", script));
    model["scripts"] = scripts;
    if (visitor != nullptr) {
        model["csrf"] = visitor->csrf;
        if (visitor->user) {
            model["user"] = {{"display_name", visitor->user->display_name},
                             {"is_moderator", visitor->user->is_moderator()},
                             {"is_expert", visitor->user->is_expert()}};
        }
    }
    return model;
}

void add_security_headers(http::Response& response) {
    response.headers.emplace_back(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
        "base-uri 'self'; object-src 'none'");
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    response.headers.emplace_back("Referrer-Policy", "same-origin");
    response.headers.emplace_back("X-Frame-Options", "DENY");
}

http::Response render_page(WebContext& web, const Visitor& visitor, const std::string& name,
                           nlohmann::json model, const PageMeta& meta) {
    nlohmann::json layout = layout_model(web, &visitor, meta);
    // The page's own template sees the layout's data too (csrf, user).
    for (const auto& [key, value] : layout.items()) {
        if (!model.contains(key)) model[key] = value;
    }
    layout["content"] = web.templates.render(name, model);
    http::Response response;
    response.status = meta.status;
    response.content_type = "text/html; charset=utf-8";
    response.body = web.templates.render("layout", layout);
    // Personal (CSRF token, name in the header): never stored by shared caches.
    response.headers.emplace_back("Cache-Control", "private, no-cache");
    response.headers.emplace_back("Vary", "Cookie");
    add_security_headers(response);
    add_visitor_cookie(visitor, response);
    return response;
}

http::Response see_other(const Visitor& visitor, const std::string& location) {
    http::Response response;
    response.status = 303;
    response.content_type = "text/html; charset=utf-8";
    response.body = "<a href=\"" + http::html_escape(location) + "\">Continuer</a>";
    response.headers.emplace_back("Location", location);
    response.headers.emplace_back("Cache-Control", "no-store");
    add_security_headers(response);
    if (visitor.new_id) {
        response.headers.emplace_back(
            "Set-Cookie",
            set_cookie(kVisitorCookie, visitor.id, {kVisitorCookieSeconds, visitor.secure}));
    }
    return response;
}

std::string session_cookie(const WebContext& web, const std::string& session) {
    const int seconds = session.empty() ? 0 : static_cast<int>(web.settings.session_ttl.count());
    return set_cookie(kSessionCookie, session, {seconds, web.settings.secure_cookies});
}

http::Response sign_in_first(const Visitor& visitor, const http::Request& request) {
    return see_other(visitor, "/connexion?retour=" + url_component(local_path(request)));
}

}  // namespace kb::web
