/// @brief Roles and tag vocabulary pages, through the same functions as the API's routes; a
/// refused change (the last moderator, a tag in use, a bad slug) is said on the page itself.
#include "moderation_admin_pages.hpp"

#include "api_error.hpp"
#include "input_checks.hpp"
#include "labels.hpp"
#include "page.hpp"
#include "page_access.hpp"
#include "request_params.hpp"
#include "vocabulary.hpp"
#include "web_urls.hpp"

#include <map>

namespace kb::web {

namespace {

const std::map<std::string, std::string> kRoleLabels = {
    {"member", "Membre"}, {"expert", "Expert"}, {"moderator", "Modérateur"}};

std::string role_label(const std::string& role) {
    auto it = kRoleLabels.find(role);
    return it == kRoleLabels.end() ? role : it->second;
}

http::Response roles_page(WebContext& web, const Visitor& visitor, const std::string& q,
                          const std::string& notice, const std::string& error, int status) {
    nlohmann::json members = nlohmann::json::array();
    for (const auto& m : web.accounts.users.find_members(q, 50)) {
        nlohmann::json roles = nlohmann::json::array();
        for (const auto& role : known_roles())
            roles.push_back(
                {{"value", role}, {"label", role_label(role)}, {"selected", role == m.role}});
        members.push_back({{"id", m.id},
                           {"name", m.display_name},
                           {"login", m.login},
                           {"email", m.email.value_or("")},
                           {"role_label", role_label(m.role)},
                           {"roles", roles}});
    }
    nlohmann::json model = {{"q", q},
                            {"members", members},
                            {"has_members", !members.empty()},
                            {"searched", !q.empty()},
                            {"notice", notice},
                            {"error", error}};
    return render_page(web, visitor, "moderation_roles", model,
                       {.title = "Rôles des membres", .nav = "moderation", .status = status});
}

http::Response tags_page(WebContext& web, const Visitor& visitor, const std::string& notice,
                         const std::string& error, int status,
                         const nlohmann::json& typed = nlohmann::json::object()) {
    nlohmann::json tags = nlohmann::json::array();
    nlohmann::json options = nlohmann::json::array();
    for (const auto& t : web.tags.tags.list()) {
        const long long uses = t.resource_count + t.thread_count + t.article_count;
        tags.push_back({{"slug", t.slug},
                        {"label", t.label},
                        {"aliases", t.aliases.empty() ? nlohmann::json(nullptr)
                                                      : nlohmann::json(joined(t.aliases))},
                        {"resources", t.resource_count},
                        {"threads", t.thread_count},
                        {"articles", t.article_count},
                        {"unused", uses == 0}});
        options.push_back({{"value", t.slug}, {"label", t.label + " (" + t.slug + ")"}});
    }
    nlohmann::json model = {{"tags", tags},     {"options", options}, {"count", tags.size()},
                            {"notice", notice}, {"error", error},     {"typed", typed}};
    return render_page(web, visitor, "moderation_tags", model,
                       {.title = "Vocabulaire des thèmes", .nav = "moderation", .status = status});
}

// A tag change refused for a reason the moderator can fix (400, 404 for a tag gone meanwhile,
// 409): said on the vocabulary page.
template <typename Change>
http::Response change_tags(WebContext& web, const http::Request& request, Change change) {
    auto [visitor, form, redirect] = moderator_form(web, request, "/moderation/etiquettes");
    if (redirect) return *redirect;
    std::string done;
    try {
        done = change(*visitor.user, form);
    } catch (const http::ApiError& e) {
        if (e.status() >= 500 || e.status() == 403) throw;
        nlohmann::json typed = {{"slug", form.value("slug")},
                                {"label", form.value("label")},
                                {"description", form.value("description")}};
        return tags_page(web, visitor, "", e.detail(), e.status(), typed);
    }
    return once_searchable(
        web.tags, see_other(visitor, with_query("/moderation/etiquettes", {{"fait", done}})));
}

std::string tag_notice(const std::string& done) {
    if (done == "creee") return "Le thème est créé.";
    if (done == "renommee") return "Le thème est renommé ; l'ancien nom renvoie vers lui.";
    if (done == "fusionnee") return "Les thèmes sont fusionnés : les contenus sont retagués.";
    if (done == "supprimee") return "Le thème est supprimé.";
    return "";
}

}  // namespace

http::Response get_roles_page(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    if (!visitor.user) return sign_in_first(visitor, request);
    require_moderator_page(visitor);
    const std::string q = request.param("q").value_or("");
    if (utf8_length(q) > 100)
        throw http::ApiError::bad_request("invalid_parameter",
                                          "La recherche dépasse 100 caractères.");
    const std::string notice =
        request.param("fait").value_or("") == "role" ? "Le rôle est enregistré." : "";
    return roles_page(web, visitor, q, notice, "", 200);
}

http::Response post_role_page(WebContext& web, const http::Request& request) {
    const long long id = parse_id(request.path_param("id"));
    auto [visitor, form, redirect] = moderator_form(web, request, "/moderation/roles");
    if (redirect) return *redirect;
    const std::string q = form.value("q");
    try {
        change_role(web.accounts, *visitor.user, id, form.value("role"));
    } catch (const http::ApiError& e) {
        // The last moderator kept (409) or an unknown role (400): said above the list.
        if (e.status() != 409 && e.status() != 400) throw;
        return roles_page(web, visitor, q, "", e.detail(), e.status());
    }
    return see_other(visitor, with_query("/moderation/roles", {{"q", q}, {"fait", "role"}}));
}

http::Response get_tags_page(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    if (!visitor.user) return sign_in_first(visitor, request);
    require_moderator_page(visitor);
    return tags_page(web, visitor, tag_notice(request.param("fait").value_or("")), "", 200);
}

http::Response post_new_tag_page(WebContext& web, const http::Request& request) {
    return change_tags(web, request, [&](const User& moderator, const Form& form) {
        nlohmann::json body = {{"slug", form.value("slug")}};
        if (!form.value("label").empty()) body["label"] = form.value("label");
        if (!form.value("description").empty()) body["description"] = form.value("description");
        create_tag(web.tags, moderator, body);
        return std::string("creee");
    });
}

http::Response post_rename_tag_page(WebContext& web, const http::Request& request) {
    return change_tags(web, request, [&](const User& moderator, const Form& form) {
        nlohmann::json body = nlohmann::json::object();
        if (!form.value("slug").empty()) body["slug"] = form.value("slug");
        if (!form.value("label").empty()) body["label"] = form.value("label");
        update_tag(web.tags, moderator, form.value("tag"), body);
        return std::string("renommee");
    });
}

http::Response post_merge_tag_page(WebContext& web, const http::Request& request) {
    return change_tags(web, request, [&](const User& moderator, const Form& form) {
        if (form.value("from") == form.value("into"))
            throw http::ApiError::bad_request("invalid_parameter",
                                              "Choisissez deux thèmes différents à fusionner.");
        merge_tags(web.tags, moderator, form.value("from"), form.value("into"));
        return std::string("fusionnee");
    });
}

http::Response post_delete_tag_page(WebContext& web, const http::Request& request) {
    const std::string slug = request.path_param("slug");
    return change_tags(web, request, [&](const User& moderator, const Form&) {
        remove_tag(web.tags, moderator, slug);
        return std::string("supprimee");
    });
}

}  // namespace kb::web
