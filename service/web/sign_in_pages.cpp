/// @brief The sign-in pages: a link by mail (rate-limited, never saying whether an account
/// exists), used once within its lifetime, opening a session cookie.
#include "sign_in_pages.hpp"

#include "api_error.hpp"
#include "input_checks.hpp"
#include "page.hpp"
#include "request_params.hpp"
#include "text_lists.hpp"
#include "web_urls.hpp"

#include <algorithm>
#include <cctype>
#include <iostream>

namespace kb::web {

namespace {

// Where to go after signing in: a path of this site, never another site ("//host", "http:").
std::string safe_return(const std::string& wanted) {
    if (wanted.empty() || wanted[0] != '/' || wanted.rfind("//", 0) == 0 ||
        wanted.find('\\') != std::string::npos || wanted.size() > 300)
        return "/";
    return wanted;
}

std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

http::Response sign_in_form(WebContext& web, const Visitor& visitor, const std::string& retour,
                            const std::string& email, const std::string& error, int status) {
    nlohmann::json model = {{"retour", retour}, {"email", email}};
    // An empty string would open a mustache section: the key is there only with a message.
    if (!error.empty()) model["error"] = error;
    return render_page(web, visitor, "sign_in", model,
                       {.title = "Se connecter", .nav = "sign_in", .status = status});
}

void too_many(int seconds) {
    throw http::ApiError(429, "rate_limited", "Trop de demandes",
                         "Trop de liens de connexion demandés : réessayez dans " +
                             std::to_string(seconds) + " secondes.")
        .with_retry_after(seconds);
}

void send_link(WebContext& web, const std::string& email, const std::string& link) {
    const int minutes = static_cast<int>(web.settings.link_ttl.count() / 60);
    MailMessage message{
        email, "Votre lien de connexion à Passerelle IAE",
        "Bonjour,\n\nPour vous connecter à Passerelle IAE, ouvrez ce lien. Il est valable " +
            std::to_string(minutes) + " minutes et ne sert qu'une fois :\n\n" + link +
            "\n\nVous n'avez rien demandé ? Ignorez ce message : sans ce lien, personne ne peut "
            "se connecter à votre place.\n\nL'équipe Passerelle IAE\n"};
    web.mailer.send(message);
    if (web.settings.development_mail) {
        // Development mode (no SMTP server): the link is also where the developer looks.
        std::cerr << http::dump_json({{"level", "warn"},
                                      {"event", "magic_link"},
                                      {"mode", "development: no --smtp-url, mail not sent"},
                                      {"to", email},
                                      {"link", link}}) +
                         "\n"
                  << std::flush;
    }
}

}  // namespace

http::Response get_sign_in(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    return sign_in_form(web, visitor, safe_return(request.param("retour").value_or("/")), "", "",
                        200);
}

http::Response post_sign_in(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    const Form form = Form::parse(request);
    require_csrf(visitor, form);
    const std::string retour = safe_return(form.value("retour"));
    const std::string typed = trim(form.value("email"));
    std::string email;
    try {
        email = lower(checked_email(typed));
    } catch (const http::ApiError& e) {
        return sign_in_form(web, visitor, retour, typed, e.detail(), 400);
    }
    // Per address and per mailbox: nobody floods someone's mailbox, nor ours.
    if (auto wait = web.links_per_address.acquire(request.client_address)) too_many(*wait);
    if (auto wait = web.links_per_email.acquire(email)) too_many(*wait);
    const std::string secret = web.sessions.create_link(email, web.settings.link_ttl);
    const std::string link = web.public_url.get() + "/connexion/lien?jeton=" + secret +
                             (retour == "/" ? "" : "&retour=" + url_component(retour));
    try {
        send_link(web, email, link);
    } catch (const MailError& e) {
        std::cerr << http::dump_json({{"level", "error"},
                                      {"event", "magic_link_not_sent"},
                                      {"error", e.what()}}) +
                         "\n";
        throw http::ApiError(503, "mail_unavailable", "Envoi impossible",
                             "Le message n'a pas pu être envoyé. Réessayez dans quelques minutes.");
    }
    // The same answer whether or not the address has an account.
    nlohmann::json model = {{"email", email}, {"minutes", web.settings.link_ttl.count() / 60}};
    return render_page(web, visitor, "sign_in_sent", model,
                       {.title = "Vérifiez votre messagerie", .nav = "sign_in"});
}

http::Response get_sign_in_link(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    const std::string secret = request.param("jeton").value_or("");
    auto link = web.sessions.usable_link(secret);
    if (!link) {
        throw http::ApiError(400, "invalid_link", "Lien de connexion invalide",
                             "Ce lien de connexion a déjà servi, a expiré ou n'existe pas. "
                             "Demandez-en un nouveau depuis la page de connexion.");
    }
    // A page with a button rather than a sign-in on GET: mail scanners that open links must not
    // use them up.
    nlohmann::json model = {{"jeton", secret},
                            {"email", link->email},
                            {"new_account", !link->has_account},
                            {"retour", safe_return(request.param("retour").value_or("/"))}};
    return render_page(
        web, visitor, "sign_in_link", model,
        {.title = link->has_account ? "Se connecter" : "Créer votre compte", .nav = "sign_in"});
}

http::Response post_sign_in_link(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    const Form form = Form::parse(request);
    require_csrf(visitor, form);
    const std::string secret = form.value("jeton");
    const std::string name = trim(form.value("display_name"));
    const std::string retour = safe_return(form.value("retour"));
    if (utf8_length(name) > 80) {
        throw http::ApiError::bad_request("invalid_display_name",
                                          "Le nom affiché compte au plus 80 caractères.");
    }
    const SignIn result = web.sessions.sign_in(secret, name, web.settings.session_ttl);
    if (result.outcome == SignIn::Outcome::invalid_link) {
        throw http::ApiError(400, "invalid_link", "Lien de connexion invalide",
                             "Ce lien de connexion a déjà servi, a expiré ou n'existe pas. "
                             "Demandez-en un nouveau depuis la page de connexion.");
    }
    if (result.outcome == SignIn::Outcome::name_needed) {
        auto link = web.sessions.usable_link(secret);
        nlohmann::json model = {
            {"jeton", secret},
            {"email", link ? link->email : ""},
            {"new_account", true},
            {"retour", retour},
            {"error", "Indiquez le nom qui sera affiché à côté de vos messages."}};
        return render_page(web, visitor, "sign_in_link", model,
                           {.title = "Créer votre compte", .nav = "sign_in", .status = 400});
    }
    // A new member is welcomed on the account page, unless a sign-in was asked on the way to
    // another page (asking a question): that page comes first.
    http::Response response =
        see_other(visitor, result.created && retour == "/" ? "/compte?bienvenue=1" : retour);
    response.headers.emplace_back("Set-Cookie", session_cookie(web, result.session));
    return response;
}

http::Response post_sign_out(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    require_csrf(visitor, Form::parse(request));
    if (!visitor.session.empty()) web.sessions.end_session(visitor.session);
    http::Response response = see_other(visitor, "/");
    response.headers.emplace_back("Set-Cookie", session_cookie(web, ""));
    return response;
}

}  // namespace kb::web
