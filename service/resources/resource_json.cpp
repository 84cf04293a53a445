/// @brief The JSON shapes of resources, listings and versions.
#include "resource_json.hpp"

#include "entity_ids.hpp"
#include "json_values.hpp"

namespace kb {

namespace {

nlohmann::json file_json(const std::optional<StoredFile>& file, long long resource_id) {
    if (!file) return nullptr;
    nlohmann::json out = {{"name", file->name},
                          {"mime_type", file->mime},
                          {"size", file->size},
                          {"sha256", file->sha256}};
    if (resource_id > 0) out["url"] = resource_url(resource_id) + "/file";
    return out;
}

nlohmann::json fields_json(const ResourceFields& f) {
    return {{"title", f.title},
            {"summary", f.summary},
            {"description", f.description},
            {"type", f.type},
            {"link", http::nullable(f.link)},
            {"licence", f.licence},
            {"audiences", f.audiences},
            {"steps", f.steps},
            {"structure_types", f.structure_types},
            {"territory", f.territory.value_or("national")},
            {"tags", f.tags}};
}

}  // namespace

nlohmann::json resource_summary_json(const Resource& r) {
    nlohmann::json out = fields_json(r.fields);
    out.erase("description");
    out["id"] = r.id;
    out["status"] = r.status;
    out["author"] = {{"id", r.author_id}, {"display_name", r.author_name}, {"role", r.author_role}};
    out["file"] = file_json(r.file, r.id);
    out["created_at"] = r.created_at;
    out["updated_at"] = r.updated_at;
    out["published_at"] = http::nullable(r.published_at);
    out["url"] = resource_url(r.id);
    return out;
}

nlohmann::json resource_json(const Resource& r, bool moderator_view) {
    nlohmann::json out = resource_summary_json(r);
    out["description"] = r.fields.description;
    out["html"] = r.description_html;
    out["reject_reason"] = http::nullable(r.reject_reason);
    out["extraction_status"] = r.extraction_status;
    out["download_count"] = r.download_count;
    out["view_count"] = r.view_count;
    out["version_count"] = r.version_count;
    if (moderator_view) {
        out["hidden"] = r.hidden;
        out["extraction_error"] = http::nullable(r.extraction_error);
    }
    return out;
}

nlohmann::json version_json(const ResourceVersion& v) {
    nlohmann::json out = fields_json(v.fields);
    out["id"] = v.id;
    out["editor_id"] = v.editor_id;
    out["created_at"] = v.created_at;
    out["file"] = file_json(v.file, 0);
    return out;
}

nlohmann::json snapshot_json(const ResourceFields& fields, const std::optional<StoredFile>& file) {
    nlohmann::json f = fields_json(fields);
    f["territory"] = http::nullable(fields.territory);
    return {{"fields", f}, {"file", file_json(file, 0)}};
}

void read_snapshot(const nlohmann::json& snapshot, ResourceFields& fields,
                   std::optional<StoredFile>& file) {
    const nlohmann::json& f = snapshot.at("fields");
    fields.title = f.at("title").get<std::string>();
    fields.summary = f.at("summary").get<std::string>();
    fields.description = f.at("description").get<std::string>();
    fields.type = f.at("type").get<std::string>();
    fields.link = f.at("link").is_null()
                      ? std::nullopt
                      : std::optional<std::string>(f.at("link").get<std::string>());
    fields.licence = f.at("licence").get<std::string>();
    fields.audiences = f.at("audiences").get<std::vector<std::string>>();
    fields.steps = f.at("steps").get<std::vector<std::string>>();
    fields.structure_types = f.at("structure_types").get<std::vector<std::string>>();
    fields.territory = f.at("territory").is_null()
                           ? std::nullopt
                           : std::optional<std::string>(f.at("territory").get<std::string>());
    fields.tags = f.at("tags").get<std::vector<std::string>>();
    const nlohmann::json& stored = snapshot.at("file");
    if (stored.is_null()) {
        file.reset();
    } else {
        file = StoredFile{
            stored.at("sha256").get<std::string>(), stored.at("name").get<std::string>(),
            stored.at("mime_type").get<std::string>(), stored.at("size").get<long long>()};
    }
}

}  // namespace kb
