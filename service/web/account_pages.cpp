/// @brief The account page and its three forms, over the API's UserStore and profile checks.
#include "account_pages.hpp"

#include "api_error.hpp"
#include "french_dates.hpp"
#include "input_checks.hpp"
#include "labels.hpp"
#include "notify_modes.hpp"
#include "page.hpp"
#include "profile_input.hpp"
#include "request_params.hpp"
#include "text_lists.hpp"
#include "token_store.hpp"
#include "vocabulary.hpp"

#include <algorithm>
#include <map>

namespace kb::web {

namespace {

using FieldErrors = std::map<std::string, std::string>;

constexpr int kTokenDayChoices[] = {30, 90, 365};
constexpr std::size_t kMaxTokenLabelChars = 80;

const char* notify_label(const std::string& mode) {
    if (mode == kNotifyImmediate) return "À chaque question ou réponse qui me concerne";
    if (mode == kNotifyDaily) return "Un résumé par jour";
    return "Aucun message";
}

// The profile form's values: the stored profile, or what was just posted (with its errors).
nlohmann::json profile_form(const nlohmann::json& values, const FieldErrors& errors) {
    nlohmann::json form = values;
    for (const auto& [field, message] : errors) form["errors"][field] = message;
    form["has_errors"] = !errors.empty();
    nlohmann::json types = nlohmann::json::array();
    const std::string type = values.value("structure_type", "");
    for (const auto& t : known_structure_types()) {
        types.push_back({{"value", t}, {"selected", t == type}});
    }
    form["structure_types"] = types;
    nlohmann::json modes = nlohmann::json::array();
    const std::string mode = values.value("notify_mode", "");
    for (const auto& m : notify_modes()) {
        modes.push_back({{"value", m},
                         {"label", notify_label(m)},
                         {"checked", m == mode},
                         {"id", "notification-" + m}});
    }
    form["notify_modes"] = modes;
    return form;
}

std::string joined_topics(const std::vector<std::string>& topics) {
    std::string out;
    for (const auto& t : topics) out += (out.empty() ? "" : ", ") + t;
    return out;
}

nlohmann::json stored_values(const Profile& p) {
    return {{"display_name", p.display_name},
            {"structure_name", p.structure_name.value_or("")},
            {"structure_type", p.structure_type.value_or("")},
            {"territory", p.territory.value_or("")},
            {"topics", joined_topics(p.topics)},
            {"contact_opt_in", p.contact_opt_in},
            {"contact_email", p.contact_email.value_or("")},
            {"notify_mode", p.notify_mode}};
}

nlohmann::json tokens_json(WebContext& web, const User& user) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& t : list_tokens(web.accounts.db, user.id)) {
        out.push_back({{"id", t.id},
                       {"label", t.label.empty() ? "(sans nom)" : t.label},
                       {"created", french_date(t.created_at)},
                       {"expires", french_date(t.expires_at)},
                       {"expired", t.expired},
                       {"action", "/compte/jetons/" + std::to_string(t.id) + "/revoquer"}});
    }
    return out;
}

struct AccountView {
    nlohmann::json profile_values;
    FieldErrors profile_errors;
    nlohmann::json new_token;  ///< null, or {secret, label}
    FieldErrors token_errors;
    int status = 200;
};

http::Response render_account(WebContext& web, const Visitor& visitor, const http::Request& request,
                              AccountView view) {
    const User& user = *visitor.user;
    if (view.profile_values.is_null()) {
        auto profile = web.accounts.users.profile(user.id);
        if (!profile) throw http::ApiError::unauthorized("Ce compte n'existe plus.");
        view.profile_values = stored_values(*profile);
    }
    nlohmann::json tokens = tokens_json(web, user);
    nlohmann::json days = nlohmann::json::array();
    for (int d : kTokenDayChoices) {
        days.push_back(
            {{"value", d}, {"label", std::to_string(d) + " jours"}, {"selected", d == 90}});
    }
    nlohmann::json model = {{"welcome", request.param("bienvenue") == "1"},
                            {"saved", request.param("enregistre") == "1"},
                            {"revoked", request.param("revoque") == "1"},
                            {"role_label", user.is_moderator() ? "Modérateur"
                                           : user.is_expert()  ? "Expert"
                                                               : "Membre"},
                            {"profile", profile_form(view.profile_values, view.profile_errors)},
                            {"tokens", tokens},
                            {"has_tokens", !tokens.empty()},
                            {"token_days", days},
                            {"new_token", view.new_token}};
    for (const auto& [field, message] : view.token_errors) model["token_errors"][field] = message;
    http::Response response =
        render_page(web, visitor, "account", model,
                    {.title = "Mon compte", .nav = "account", .status = view.status});
    if (!view.new_token.is_null()) {
        // The secret is on this answer only: no cache may keep it.
        for (auto& [name, value] : response.headers) {
            if (name == "Cache-Control") value = "no-store";
        }
    }
    return response;
}

// The form's fields as PUT /api/v1/me/profile's body: every field sent, "" clears it.
nlohmann::json profile_body(const Form& form) {
    // Topics typed apart by commas, spaces or semicolons; nothing else is trimmed.
    std::string typed = form.value("topics");
    std::replace_if(
        typed.begin(), typed.end(), [](char c) { return c == ' ' || c == ';'; }, ',');
    nlohmann::json topics = nlohmann::json::array();
    for (const std::string_view topic : list_items(typed, ',', "")) topics.push_back(topic);
    return {{"display_name", form.value("display_name")},
            {"structure_name", form.value("structure_name")},
            {"structure_type", form.value("structure_type")},
            {"territory", form.value("territory")},
            {"topics", topics.empty() ? nlohmann::json("") : topics},
            {"contact_opt_in", form.get("contact_opt_in").has_value()},
            {"contact_email", form.value("contact_email")},
            {"notify_mode", form.value("notify_mode")}};
}

// The forms' answer to a visitor without a session (signed out, or expired meanwhile).
http::Response sign_in_again(const Visitor& visitor) {
    return see_other(visitor, "/connexion?retour=%2Fcompte");
}

}  // namespace

http::Response get_account_page(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    if (!visitor.user) return sign_in_first(visitor, request);
    return render_account(web, visitor, request, {});
}

http::Response post_account_profile(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    const Form form = Form::parse(request);
    require_csrf(visitor, form);
    if (!visitor.user) return sign_in_again(visitor);
    const User& user = *visitor.user;
    const nlohmann::json body = profile_body(form);
    // Each field checked alone first, so every message sits beside its own field.
    FieldErrors errors;
    for (const auto& [field, value] : body.items()) {
        try {
            (void)profile_input_from_json({{field, value}});
        } catch (const http::ApiError& e) {
            errors[field] = e.detail();
        }
    }
    if (!errors.empty()) {
        nlohmann::json values = body;
        values["topics"] = form.value("topics");
        return render_account(web, visitor, request,
                              {.profile_values = values, .profile_errors = errors, .status = 400});
    }
    web.accounts.users.update_profile(user, profile_input_from_json(body));
    return see_other(visitor, "/compte?enregistre=1");
}

http::Response post_account_token(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    const Form form = Form::parse(request);
    require_csrf(visitor, form);
    if (!visitor.user) return sign_in_again(visitor);
    const User& user = *visitor.user;
    const std::string label = form.value("label");
    const std::string days_text = form.value("days");
    FieldErrors errors;
    if (label.empty()) {
        errors["label"] = "Donnez un nom à ce jeton (par exemple l'outil qui l'utilisera).";
    } else if (utf8_length(label) > kMaxTokenLabelChars) {
        errors["label"] = "Le nom compte au plus 80 caractères.";
    }
    int days = 0;
    for (int d : kTokenDayChoices) {
        if (days_text == std::to_string(d)) days = d;
    }
    if (days == 0) errors["days"] = "Choisissez une durée de validité proposée.";
    if (!errors.empty()) {
        return render_account(web, visitor, request, {.token_errors = errors, .status = 400});
    }
    const std::string secret = create_user_token(web.accounts.db, user.id, days, label);
    return render_account(web, visitor, request,
                          {.new_token = {{"secret", secret}, {"label", label}}});
}

http::Response post_account_token_revoke(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    const Form form = Form::parse(request);
    require_csrf(visitor, form);
    if (!visitor.user) return sign_in_again(visitor);
    const User& user = *visitor.user;
    const long long id = parse_id(request.path_param("id"));
    if (!revoke_token(web.accounts.db, user.id, id)) {
        throw http::ApiError::not_found("token_not_found",
                                        "Aucun de vos jetons actifs ne porte ce numéro.");
    }
    return see_other(visitor, "/compte?revoque=1#jetons");
}

}  // namespace kb::web
