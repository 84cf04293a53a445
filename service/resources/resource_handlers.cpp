/// @brief Resource handlers: authenticate, validate, call the store, wake the background
/// workers, serialise.
#include "resource_handlers.hpp"

#include "api_error.hpp"
#include "auth.hpp"
#include "entity_ids.hpp"
#include "file_type.hpp"
#include "input_checks.hpp"
#include "json_body.hpp"
#include "multipart.hpp"
#include "request_params.hpp"
#include "resource_input.hpp"
#include "resource_json.hpp"
#include "vocabulary.hpp"

#include <thread>

namespace kb {

namespace {

Resource visible_or_404(ResourceContext& app, long long id, const std::optional<User>& viewer) {
    auto found = app.resources.find(id, viewer);
    if (!found) {
        throw http::ApiError::not_found(
            "resource_not_found", "Aucune ressource n'a l'identifiant " + std::to_string(id) + ".");
    }
    return *found;
}

http::Response view(ResourceContext& app, long long id, const User& viewer, int status = 200) {
    return http::Response::json(
        status, resource_json(visible_or_404(app, id, viewer), viewer.is_moderator()));
}

User moderator(ResourceContext& app, const http::Request& request) {
    User user = require_user(app.db, request);
    require_moderator(user);
    return user;
}

http::Response moderate(ResourceContext& app, const http::Request& request, ResourceAction action) {
    User user = moderator(app, request);
    const long long id = parse_id(request.path_param("id"));
    std::optional<std::string> reason;
    if (action == ResourceAction::reject || !request.body.empty())
        reason = http::optional_string(http::parse_json_object(request), "reason");
    decide_resource(app, id, user, action, reason);
    // Answers once the decision shows in search (or after index_wait anyway).
    return once_searchable(app, view(app, id, user));
}

// The uploaded bytes and the name they came with: a multipart part named "file", or the raw
// body with ?filename=.
std::pair<std::string, std::string> uploaded_file(const http::Request& request) {
    if (http::is_multipart_form(request.content_type)) {
        for (auto& part : http::parse_multipart(request.body, request.content_type)) {
            if (part.name != "file") continue;
            if (!part.filename) {
                throw http::ApiError::bad_request("missing_filename",
                                                  "La partie « file » n'a pas de nom de fichier.");
            }
            return {std::move(part.body), *part.filename};
        }
        throw http::ApiError::bad_request("missing_field",
                                          "La partie « file » du formulaire est obligatoire.");
    }
    auto filename = request.param("filename");
    if (!filename) {
        throw http::ApiError::bad_request(
            "missing_filename",
            "Envoyez le fichier en multipart/form-data (champ « file ») ou indiquez ?filename=.");
    }
    return {request.body, *filename};
}

bool etag_matches(const std::string& if_none_match, const std::string& etag) {
    if (if_none_match.empty()) return false;
    if (if_none_match.find('*') != std::string::npos) return true;
    return if_none_match.find(etag) != std::string::npos;
}

}  // namespace

std::size_t upload_body_limit(const ResourceSettings& settings) {
    return settings.max_file_bytes + 64 * 1024;
}

StoredFile store_upload(ResourceContext& app, const std::string& bytes,
                        const std::string& raw_name) {
    if (bytes.size() > app.settings.max_file_bytes) {
        throw http::ApiError(413, "file_too_large", "Fichier trop volumineux",
                             "Le fichier dépasse la limite de " +
                                 std::to_string(app.settings.max_file_bytes) + " octets.");
    }
    if (bytes.empty()) throw http::ApiError::bad_request("empty_file", "Le fichier est vide.");
    const std::string name = checked_filename(raw_name);
    const FileType type = check_file_type(bytes, name);
    // The file first, then the row: a crash in between leaves a file no row refers to, never
    // served and removed at the next start.
    StoredFile file{app.files.put(bytes), with_extension(name, type), type.mime,
                    static_cast<long long>(bytes.size())};
    if (app.settings.file_commit_delay.count() > 0)
        std::this_thread::sleep_for(app.settings.file_commit_delay);
    return file;
}

long long submit_resource(ResourceContext& app, const User& author, ResourceFields fields,
                          const std::optional<StoredFile>& file) {
    fields.tags = app.tags.resolve(fields.tags);
    const long long id = app.resources.create(author, fields, file);
    if (file) app.extraction.notify();
    return id;
}

http::Response once_searchable(ResourceContext& app, http::Response response) {
    return once_searchable(app.outbox, app.settings.index_wait, std::move(response));
}

void decide_resource(ResourceContext& app, long long id, const User& moderator,
                     ResourceAction action, const std::optional<std::string>& reason) {
    nlohmann::json body = nlohmann::json::object();
    if (reason) body["reason"] = *reason;
    const auto checked = checked_reason(body, action == ResourceAction::reject);
    app.resources.moderate(id, moderator, action, checked);
}

http::Response post_resource(ResourceContext& app, const http::Request& request) {
    User user = require_user(app.db, request);
    const long long id =
        submit_resource(app, user, resource_fields_from(http::parse_json_object(request)));
    http::Response r = view(app, id, user, 201);
    r.headers.emplace_back("Location", resource_url(id));
    return r;
}

ResourceQuery resource_query_from(ResourceContext& app, const http::Request& request) {
    ResourceQuery q;
    q.types = enum_params(request, "type", known_resource_types());
    q.tags = app.tags.resolve(enum_params(request, "tag", {}));
    q.audiences = enum_params(request, "audience", known_audiences());
    q.steps = enum_params(request, "step", known_steps());
    q.structure_types = enum_params(request, "structure_type", known_structure_types());
    for (const auto& t : enum_params(request, "territory", {}))
        q.territories.push_back(t == "national" ? t : checked_departement(t));
    q.statuses = enum_params(request, "status", resource_statuses());
    q.page = int_param(request, "page", 1, 1, 100000);
    q.per_page = per_page_param(request);
    return q;
}

http::Response list_resources(ResourceContext& app, const http::Request& request) {
    const ResourceQuery q = resource_query_from(app, request);
    const std::optional<User> viewer = optional_user(app.db, request);
    const ResourcePage page = app.resources.list(q, viewer);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : page.items) items.push_back(resource_summary_json(r));
    return http::Response::json(
        200,
        {{"total", page.total}, {"page", q.page}, {"per_page", q.per_page}, {"results", items}});
}

Resource open_resource(ResourceContext& app, long long id, const std::optional<User>& viewer) {
    Resource resource = visible_or_404(app, id, viewer);
    if (resource.is_public() && !(viewer && viewer->id == resource.author_id)) {
        app.resources.count_view(id);
        ++resource.view_count;
    }
    return resource;
}

http::Response get_resource(ResourceContext& app, const http::Request& request) {
    const long long id = parse_id(request.path_param("id"));
    const std::optional<User> viewer = optional_user(app.db, request);
    const Resource resource = open_resource(app, id, viewer);
    return http::Response::json(200, resource_json(resource, viewer && viewer->is_moderator()));
}

http::Response patch_resource(ResourceContext& app, const http::Request& request) {
    User user = require_user(app.db, request);
    const long long id = parse_id(request.path_param("id"));
    nlohmann::json body = http::parse_json_object(request);
    ResourcePatch patch = resource_patch_from(body);
    if (patch.tags) patch.tags = app.tags.resolve(*patch.tags);
    app.resources.update(id, user, patch);
    return view(app, id, user);
}

http::Response approve_resource(ResourceContext& app, const http::Request& r) {
    return moderate(app, r, ResourceAction::approve);
}
http::Response reject_resource(ResourceContext& app, const http::Request& r) {
    return moderate(app, r, ResourceAction::reject);
}
http::Response hide_resource(ResourceContext& app, const http::Request& r) {
    return moderate(app, r, ResourceAction::hide);
}
http::Response restore_resource(ResourceContext& app, const http::Request& r) {
    return moderate(app, r, ResourceAction::restore);
}

http::Response list_resource_versions(ResourceContext& app, const http::Request& request) {
    moderator(app, request);
    const long long id = parse_id(request.path_param("id"));
    nlohmann::json items = nlohmann::json::array();
    for (const auto& v : app.resources.versions(id)) items.push_back(version_json(v));
    return http::Response::json(200, {{"resource_id", id}, {"versions", items}});
}

http::Response restore_resource_version(ResourceContext& app, const http::Request& request) {
    User user = moderator(app, request);
    const long long id = parse_id(request.path_param("id"));
    const long long version = parse_id(request.path_param("version"));
    app.resources.restore_version(id, version, user);
    app.extraction.notify();
    return once_searchable(app, view(app, id, user));
}

http::Response post_resource_file(ResourceContext& app, const http::Request& request) {
    User user = require_user(app.db, request);
    const long long id = parse_id(request.path_param("id"));
    app.resources.check_can_edit(id, user);
    auto [bytes, raw_name] = uploaded_file(request);
    const StoredFile file = store_upload(app, bytes, raw_name);
    const bool changed = app.resources.attach_file(id, user, file);
    if (changed) app.extraction.notify();
    return view(app, id, user);
}

http::Response get_resource_file(ResourceContext& app, const http::Request& request) {
    return file_response(app, request, optional_user(app.db, request));
}

http::Response file_response(ResourceContext& app, const http::Request& request,
                             const std::optional<User>& viewer) {
    const long long id = parse_id(request.path_param("id"));
    const Resource resource = visible_or_404(app, id, viewer);
    if (!resource.file || !app.files.contains(resource.file->sha256)) {
        throw http::ApiError::not_found("file_not_found", "Cette ressource n'a pas de fichier.");
    }
    const std::string etag = "\"" + resource.file->sha256 + "\"";
    http::Response r;
    r.headers.emplace_back("ETag", etag);
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("Cache-Control", resource.is_public()
                                                ? "public, max-age=0, must-revalidate"
                                                : "private, no-store");
    if (etag_matches(request.if_none_match, etag)) {
        r.status = 304;
        r.content_type.clear();
        return r;
    }
    r.body = app.files.read(resource.file->sha256);
    r.content_type = resource.file->mime;
    r.headers.emplace_back("Content-Disposition", attachment_disposition(resource.file->name));
    if (resource.is_public()) app.resources.count_download(id);
    return r;
}

}  // namespace kb
