/// @brief The library and resource pages over the resource store the API uses.
#include "resource_pages.hpp"

#include "api_error.hpp"
#include "entity_ids.hpp"
#include "form_options.hpp"
#include "french_dates.hpp"
#include "input_checks.hpp"
#include "labels.hpp"
#include "page.hpp"
#include "page_access.hpp"
#include "pagination.hpp"
#include "request_params.hpp"
#include "vocabulary.hpp"
#include "web_urls.hpp"

#include <algorithm>
#include <map>

namespace kb::web {

namespace {

constexpr int kPerPage = 20;
// The library's filters, in the order of its form.
const char* const kFilters[] = {"type", "tag", "audience", "step", "structure_type", "territory"};

nlohmann::json labelled(const std::string& vocabulary, const std::vector<std::string>& values) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : values) out.push_back({{"value", v}, {"label", label_of(vocabulary, v)}});
    return out;
}

nlohmann::json summary_json(const Resource& r) {
    return {{"title", r.fields.title},
            {"url", resource_page(r.id)},
            {"type_label", label_of("type", r.fields.type)},
            {"summary", text_or_null(r.fields.summary)},
            {"licence_label", label_of("licence", r.fields.licence)},
            {"has_file", r.file.has_value()},
            {"date", french_date(r.published_at.value_or(r.created_at))}};
}

// The value of a filter in the query string ("" when absent).
std::string filter_value(const http::Request& request, const std::string& name) {
    auto values = request.params(name);
    return values.empty() ? "" : values.front();
}

nlohmann::json select_json(const std::string& name, const std::string& label,
                           const std::string& vocabulary, const std::vector<std::string>& values,
                           const std::string& selected) {
    return {{"name", name},
            {"id", "filtre-" + name},
            {"label", label},
            {"options", choices(vocabulary, values, {selected})}};
}

nlohmann::json filters_json(const std::vector<Tag>& vocabulary, const http::Request& request) {
    std::vector<Tag> tags;
    const std::string chosen_tag = filter_value(request, "tag");
    for (const auto& tag : vocabulary) {
        if (tag.resource_count > 0 || tag.slug == chosen_tag) tags.push_back(tag);
    }
    std::vector<std::string> territories = {"national"};
    for (const auto& code : departement_codes()) territories.push_back(code);
    nlohmann::json out = nlohmann::json::array();
    out.push_back(select_json("type", "Type de ressource", "type", known_resource_types(),
                              filter_value(request, "type")));
    out.push_back({{"name", "tag"},
                   {"id", "filtre-tag"},
                   {"label", "Thème"},
                   {"options", tag_choices(tags, {chosen_tag})}});
    out.push_back(select_json("audience", "Public", "audience", known_audiences(),
                              filter_value(request, "audience")));
    out.push_back(
        select_json("step", "Étape", "step", known_steps(), filter_value(request, "step")));
    out.push_back(select_json("structure_type", "Type de structure", "structure_type",
                              known_structure_types(),
                              ascii_upper(filter_value(request, "structure_type"))));
    out.push_back(select_json("territory", "Territoire", "territory", territories,
                              filter_value(request, "territory")));
    return out;
}

nlohmann::json detail_json(WebContext& web, const Resource& r, const Visitor& visitor) {
    const bool moderator = visitor.user && visitor.user->is_moderator();
    nlohmann::json model = {
        {"id", r.id},
        {"title", r.fields.title},
        {"summary", text_or_null(r.fields.summary)},
        {"html", text_or_null(r.description_html)},
        {"type_label", label_of("type", r.fields.type)},
        {"licence_label", label_of("licence", r.fields.licence)},
        {"audiences", labelled("audience", r.fields.audiences)},
        {"steps", labelled("step", r.fields.steps)},
        {"structure_types", labelled("structure_type", r.fields.structure_types)},
        {"territory_label", label_of("territory", r.fields.territory.value_or("national"))},
        {"author", r.author_name},
        {"created", french_date(r.created_at)},
        {"updated", french_date(r.updated_at)},
        {"view_count", r.view_count},
        {"download_count", r.download_count},
        {"public", r.is_public()},
        {"pending", r.status == "pending"},
        {"rejected", r.status == "rejected"},
        {"hidden", r.hidden},
        {"moderator", moderator},
        {"can_hide", moderator && !r.hidden},
        {"can_restore", moderator && r.hidden},
        {"can_decide", moderator && r.status == "pending" && !r.hidden},
        {"extraction_failed", moderator && r.extraction_status == "failed"},
        {"extraction_error", r.extraction_error.value_or("")}};
    const TagLabels labels = r.fields.tags.empty() ? TagLabels() : web.tags.tags.labels();
    nlohmann::json tags = nlohmann::json::array();
    for (const auto& tag : r.fields.tags) {
        tags.push_back({{"label", tag_label(labels, tag)},
                        {"url", with_query("/ressources", {{"tag", tag}})}});
    }
    model["tags"] = tags;
    for (const char* list : {"audiences", "steps", "structure_types", "tags"})
        model[std::string("has_") + list] = !model[list].empty();
    if (r.published_at) model["published"] = french_date(*r.published_at);
    if (r.reject_reason) model["reject_reason"] = *r.reject_reason;
    if (r.fields.link) model["link"] = *r.fields.link;
    if (r.file) {
        // Public files at the API's address; the others through the page, which knows the
        // session.
        model["file"] = {{"name", r.file->name},
                         {"mime", r.file->mime},
                         {"size", file_size_label(r.file->size)},
                         {"url", r.is_public() ? resource_url(r.id) + "/file"
                                               : resource_page(r.id) + "/fichier"}};
    }
    return model;
}

http::Response decide(WebContext& web, const http::Request& request, ResourceAction action) {
    const long long id = parse_id(request.path_param("id"));
    auto [visitor, form, redirect] = moderator_form(web, request, resource_page(id));
    if (redirect) return *redirect;
    const bool from_queue = form.value("retour") == "moderation";
    try {
        std::optional<std::string> reason;
        if (action == ResourceAction::reject) reason = form.value("motif");
        decide_resource(web.resources, id, *visitor.user, action, reason);
    } catch (const http::ApiError& e) {
        // A missing or too long reason: said beside the field, on the resource's page.
        if (e.status() != 400) throw;
        auto resource = web.resources.resources.find(id, visitor.user);
        if (!resource) throw;
        nlohmann::json model = detail_json(web, *resource, visitor);
        model["reject_error"] = e.detail();
        model["motif"] = form.value("motif");
        return render_page(web, visitor, "resource", model,
                           {.title = resource->fields.title, .nav = "resources", .status = 400});
    }
    const std::string back = from_queue ? with_query("/moderation", {{"fait", "ressource"}})
                                        : with_query(resource_page(id), {{"fait", "decision"}});
    return once_searchable(web.resources, see_other(visitor, back));
}

}  // namespace

http::Response get_resources_page(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    ResourceQuery query = resource_query_from(web.resources, request);
    query.statuses = {"published"};
    query.per_page = kPerPage;
    // The public library: what everyone sees, moderators and authors included.
    const ResourcePage found = web.resources.resources.list(query, std::nullopt);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : found.items) items.push_back(summary_json(r));
    QueryParams filters;
    for (const char* name : kFilters) {
        const std::string value = filter_value(request, name);
        if (!value.empty()) filters.emplace_back(name, value);
    }
    nlohmann::json model = {
        {"resources", items},
        {"has_resources", !items.empty()},
        {"total_label",
         found.total == 1 ? "1 ressource" : std::to_string(found.total) + " ressources"},
        {"filters", filters_json(web.tags.tags.list(), request)},
        {"filtered", !filters.empty()},
        {"pagination",
         pagination_json(query.page, kPerPage, static_cast<std::size_t>(found.total), [&](int p) {
             QueryParams params = filters;
             if (p > 1) params.emplace_back("page", std::to_string(p));
             return with_query("/ressources", params);
         })}};
    model["has_pagination"] = !model["pagination"].empty();
    return render_page(web, visitor, "resources", model,
                       {.title = "Bibliothèque de ressources", .nav = "resources"});
}

http::Response get_resource_page(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    const long long id = parse_id(request.path_param("id"));
    const Resource resource = open_resource(web.resources, id, visitor.user);
    nlohmann::json model = detail_json(web, resource, visitor);
    const std::string done = request.param("fait").value_or("");
    if (done == "decision") model["notice"] = "Votre décision est enregistrée.";
    if (done == "envoyee" && resource.status == "pending") {
        model["notice"] =
            "Merci ! Votre ressource est envoyée : elle sera publiée après la relecture d'un "
            "modérateur.";
    }
    return render_page(web, visitor, "resource", model,
                       {.title = resource.fields.title, .nav = "resources"});
}

http::Response get_resource_page_file(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    return file_response(web.resources, request, visitor.user);
}

http::Response post_approve_resource_page(WebContext& web, const http::Request& request) {
    return decide(web, request, ResourceAction::approve);
}
http::Response post_reject_resource_page(WebContext& web, const http::Request& request) {
    return decide(web, request, ResourceAction::reject);
}
http::Response post_hide_resource_page(WebContext& web, const http::Request& request) {
    return decide(web, request, ResourceAction::hide);
}
http::Response post_restore_resource_page(WebContext& web, const http::Request& request) {
    return decide(web, request, ResourceAction::restore);
}

}  // namespace kb::web
