/// @brief The resource submission form: the fields go through resource_fields_from (the API's
/// checks, one field at a time so that every error is shown), the file through store_upload.
#include "resource_form_page.hpp"

#include "api_error.hpp"
#include "entity_ids.hpp"
#include "form_options.hpp"
#include "multipart.hpp"
#include "page.hpp"
#include "page_access.hpp"
#include "resource_input.hpp"
#include "vocabulary.hpp"
#include "web_urls.hpp"

#include <map>

namespace kb::web {

namespace {

const char* const kListFields[] = {"audiences", "steps", "structure_types", "tags"};
const char* const kTextFields[] = {"title", "summary", "description", "type",
                                   "link",  "licence", "territory"};

struct Upload {
    std::string bytes;
    std::string name;
};

// What the browser sent: the text fields, and the file when one was chosen (an empty file
// input sends a part with an empty name and no bytes).
std::pair<Form, std::optional<Upload>> read_submission(const http::Request& request) {
    if (!http::is_multipart_form(request.content_type)) return {Form::parse(request), std::nullopt};
    auto parts = http::parse_multipart(request.body, request.content_type);
    std::optional<Upload> upload;
    for (auto& part : parts) {
        if (part.name == "file" && part.filename && !(part.filename->empty() && part.body.empty()))
            upload = Upload{std::move(part.body), *part.filename};
    }
    return {Form::from_parts(parts), std::move(upload)};
}

// The API's JSON body of a new resource, from the form's fields.
nlohmann::json body_of(const Form& form) {
    nlohmann::json body = nlohmann::json::object();
    for (const char* field : kTextFields) {
        if (auto value = form.get(field); value && !value->empty()) body[field] = *value;
    }
    for (const char* field : kListFields) body[field] = form.values(field);
    return body;
}

// Every field checked on its own by the API's rules (beside valid stand-ins for the required
// ones), so that the form shows all its errors at once: field -> message.
std::map<std::string, std::string> field_errors(const nlohmann::json& body) {
    const nlohmann::json stand_ins = {{"title", "Titre de vérification"}, {"type", "autre"}};
    std::map<std::string, std::string> errors;
    auto check = [&](const std::string& field) {
        nlohmann::json one = stand_ins;
        if (body.contains(field)) {
            one[field] = body[field];
        } else {
            one.erase(field);
        }
        try {
            resource_fields_from(one);
        } catch (const http::ApiError& e) {
            if (e.code() != "missing_field")
                errors[field] = e.detail();
            else
                errors[field] = field == "type" ? "Choisissez le type de la ressource."
                                                : "Indiquez le titre de la ressource.";
        }
    };
    for (const char* field : kTextFields) check(field);
    for (const char* field : kListFields) check(field);
    return errors;
}

http::Response form_page(WebContext& web, const Visitor& visitor, const Form& form,
                         const std::map<std::string, std::string>& errors, int status) {
    std::vector<std::string> territories = {"national"};
    for (const auto& code : departement_codes()) territories.push_back(code);
    const std::string licence = form.get("licence").value_or("etalab-2.0");
    nlohmann::json model = {
        {"title", form.value("title")},
        {"summary", form.value("summary")},
        {"description", form.value("description")},
        {"link", form.value("link")},
        {"types", choices("type", known_resource_types(), {form.value("type")})},
        {"licences", choices("licence", known_licences(), {licence})},
        {"territories", choices("territory", territories, {form.value("territory")})},
        {"audiences", choices("audience", known_audiences(), form.values("audiences"), "public-")},
        {"steps", choices("step", known_steps(), form.values("steps"), "etape-")},
        {"structure_types", choices("structure_type", known_structure_types(),
                                    form.values("structure_types"), "structure-")},
        {"tags", tag_choices(web.tags.tags.list(), form.values("tags"), "theme-")},
        {"max_size",
         file_size_label(static_cast<long long>(web.resources.settings.max_file_bytes))},
        {"has_errors", !errors.empty()}};
    nlohmann::json error_json = nlohmann::json::object();
    for (const auto& [field, message] : errors) error_json[field] = message;
    model["errors"] = error_json;
    return render_page(web, visitor, "resource_form", model,
                       {.title = "Partager une ressource", .nav = "resources", .status = status});
}

}  // namespace

http::Response get_new_resource_page(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    if (!visitor.user) return sign_in_first(visitor, request);
    return form_page(web, visitor, Form(), {}, 200);
}

http::Response post_new_resource_page(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    auto [form, upload] = read_submission(request);
    require_csrf(visitor, form);
    if (!visitor.user) return sign_in_then(visitor, "/ressources/nouvelle");
    const nlohmann::json body = body_of(form);
    std::map<std::string, std::string> errors = field_errors(body);
    if (!upload && !body.contains("link"))
        errors["link"] = "Indiquez un lien ou joignez un fichier : l'un des deux est nécessaire.";
    if (!errors.empty()) return form_page(web, visitor, form, errors, 400);
    long long id = 0;
    try {
        std::optional<StoredFile> file;
        if (upload) file = store_upload(web.resources, upload->bytes, upload->name);
        id = submit_resource(web.resources, *visitor.user, resource_fields_from(body), file);
    } catch (const http::ApiError& e) {
        // Over the size cap: the error page (413), as for any request too large.
        if (e.status() == 413 || e.status() >= 500) throw;
        errors[e.code() == "unknown_tag" || e.code() == "invalid_tag" ? "tags" : "file"] =
            e.detail();
        return form_page(web, visitor, form, errors, e.status());
    }
    // Post/Redirect/Get: the resource's page says it awaits moderation.
    return see_other(visitor, with_query(resource_page(id), {{"fait", "envoyee"}}));
}

}  // namespace kb::web
