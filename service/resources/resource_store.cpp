/// @brief SQL of the resource library.
#include "resource_store.hpp"

#include "api_error.hpp"
#include "audit_log.hpp"
#include "entity_ids.hpp"
#include "markdown.hpp"
#include "outbox.hpp"
#include "pg_arrays.hpp"
#include "resource_json.hpp"
#include "vocabulary.hpp"

namespace kb {

namespace {

using http::ApiError;

std::string iso(const std::string& column) {
    return "to_char(" + column + R"( AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))";
}

// Every column read_resource expects, in its order (resources r JOIN users u).
std::string columns() {
    return "r.id, r.title, r.summary, r.description_markdown, r.description_html, r.type, r.link, "
           "r.licence, r.audiences, r.steps, r.structure_types, r.territory, r.tags, r.status, "
           "r.reject_reason, r.hidden, r.file_sha256, r.file_name, r.file_mime, r.file_size, "
           "r.extraction_status, r.extraction_error, r.download_count, r.view_count, " +
           iso("r.created_at") + ", " + iso("r.updated_at") + ", " + iso("r.published_at") +
           ", r.author_id, u.display_name, u.role, "
           "(SELECT count(*) FROM resource_versions v WHERE v.resource_id = r.id)";
}

std::optional<std::string> opt_text(const pqxx::field& f) {
    if (f.is_null()) return std::nullopt;
    return f.as<std::string>();
}

Resource read_resource(const pqxx::row& r) {
    Resource out;
    out.id = r[0].as<long long>();
    out.fields.title = r[1].as<std::string>();
    out.fields.summary = r[2].as<std::string>();
    out.fields.description = r[3].as<std::string>();
    out.description_html = r[4].as<std::string>();
    out.fields.type = r[5].as<std::string>();
    out.fields.link = opt_text(r[6]);
    out.fields.licence = r[7].as<std::string>();
    out.fields.audiences = from_pg_array(r[8]);
    out.fields.steps = from_pg_array(r[9]);
    out.fields.structure_types = from_pg_array(r[10]);
    out.fields.territory = opt_text(r[11]);
    out.fields.tags = from_pg_array(r[12]);
    out.status = r[13].as<std::string>();
    out.reject_reason = opt_text(r[14]);
    out.hidden = r[15].as<bool>();
    if (!r[16].is_null()) {
        out.file = StoredFile{r[16].as<std::string>(), r[17].as<std::string>(),
                              r[18].as<std::string>(), r[19].as<long long>()};
    }
    out.extraction_status = r[20].as<std::string>();
    out.extraction_error = opt_text(r[21]);
    out.download_count = r[22].as<long long>();
    out.view_count = r[23].as<long long>();
    out.created_at = r[24].as<std::string>();
    out.updated_at = r[25].as<std::string>();
    out.published_at = opt_text(r[26]);
    out.author_id = r[27].as<long long>();
    out.author_name = r[28].as<std::string>();
    out.author_role = r[29].as<std::string>();
    out.version_count = r[30].as<long long>();
    return out;
}

ApiError not_found(long long id) {
    return ApiError::not_found("resource_not_found",
                               "Aucune ressource n'a l'identifiant " + std::to_string(id) + ".");
}

std::optional<Resource> load(pqxx::transaction_base& tx, long long id, bool lock) {
    auto rows = tx.exec_params("SELECT " + columns() +
                                   " FROM resources r JOIN users u ON u.id = r.author_id "
                                   "WHERE r.id = $1" +
                                   (lock ? " FOR UPDATE OF r" : ""),
                               id);
    if (rows.empty()) return std::nullopt;
    return read_resource(rows[0]);
}

// The resource, locked, if the editor may change it: 404 when they may not even see it.
Resource lock_for_edit(pqxx::transaction_base& tx, long long id, const User& editor) {
    auto current = load(tx, id, true);
    if (!current) throw not_found(id);
    if (current->author_id == editor.id || editor.is_moderator()) return *current;
    if (!current->is_public()) throw not_found(id);
    throw ApiError::forbidden(
        "Seuls l'auteur et les modérateurs peuvent modifier cette ressource.");
}

// The index writer picks the resource up after the commit (added or removed as it now stands).
void queue_for_index(pqxx::work& tx, long long id) {
    enqueue_for_index(tx, kKindResource, id);
}

void keep_version(pqxx::transaction_base& tx, const Resource& current, const User& editor) {
    tx.exec_params(
        "INSERT INTO resource_versions (resource_id, editor_id, snapshot) VALUES ($1, $2, $3)",
        current.id, editor.id, snapshot_json(current.fields, current.file).dump());
}

std::string extraction_for(const std::optional<StoredFile>& file) {
    if (!file) return "none";
    return file->mime.rfind("image/", 0) == 0 ? "none" : "pending";
}

// Writes the new state of a locked resource by the life-cycle rules of an edit.
void write_edit(pqxx::work& tx, const Resource& current, const ResourceFields& f,
                const std::optional<StoredFile>& file, const User& editor) {
    const bool published = current.status == "published";
    if (published) keep_version(tx, current, editor);
    std::string status = current.status;
    std::optional<std::string> reason = current.reject_reason;
    if (!published && current.author_id == editor.id) {
        status = "pending";  // submitted again
        reason.reset();
    }
    if (status == "published" && !f.link && !file) {
        throw ApiError::unprocessable("resource_incomplete",
                                      "Une ressource publiée garde un lien ou un fichier.");
    }
    const bool file_changed =
        (file ? file->sha256 : "") != (current.file ? current.file->sha256 : "");
    const auto sha = file ? std::optional<std::string>(file->sha256) : std::nullopt;
    const auto name = file ? std::optional<std::string>(file->name) : std::nullopt;
    const auto mime = file ? std::optional<std::string>(file->mime) : std::nullopt;
    const auto size = file ? std::optional<long long>(file->size) : std::nullopt;
    tx.exec_params(
        R"(UPDATE resources SET title = $2, summary = $3, description_markdown = $4,
               description_html = $5, type = $6, link = $7, licence = $8, audiences = $9::text[],
               steps = $10::text[], structure_types = $11::text[], territory = $12,
               tags = $13::text[], status = $14, reject_reason = $15, file_sha256 = $16,
               file_name = $17, file_mime = $18, file_size = $19,
               extraction_status = CASE WHEN $20 THEN $21 ELSE extraction_status END,
               extraction_error = CASE WHEN $20 THEN NULL ELSE extraction_error END,
               extracted_text = CASE WHEN $20 THEN '' ELSE extracted_text END,
               updated_at = now()
           WHERE id = $1)",
        current.id, f.title, f.summary, f.description, render_markdown_html(f.description), f.type,
        f.link, f.licence, to_pg_array(f.audiences), to_pg_array(f.steps),
        to_pg_array(f.structure_types), f.territory, to_pg_array(f.tags), status, reason, sha, name,
        mime, size, file_changed, extraction_for(file));
    if (status == "published") queue_for_index(tx, current.id);
    if (editor.is_moderator() && editor.id != current.author_id) {
        append_audit(tx, {editor.id, "edit", "resource", std::to_string(current.id), std::nullopt,
                          snapshot_json(current.fields, current.file), snapshot_json(f, file)});
    }
}

// 409 `duplicate_file` when another visible resource already shares this content.
void refuse_duplicate(pqxx::transaction_base& tx, const StoredFile& file, long long id) {
    auto other = tx.exec_params(
        "SELECT id FROM resources WHERE file_sha256 = $1 AND id <> $2 AND NOT hidden LIMIT 1",
        file.sha256, id);
    if (!other.empty()) {
        const std::string other_id = other[0][0].as<std::string>();
        throw ApiError::conflict("duplicate_file", "Ce fichier est déjà partagé par la ressource " +
                                                       other_id + " (" +
                                                       resource_url(std::stoll(other_id)) + ").");
    }
}

ResourceFields patched(ResourceFields f, const ResourcePatch& p) {
    if (p.title) f.title = *p.title;
    if (p.summary) f.summary = *p.summary;
    if (p.description) f.description = *p.description;
    if (p.type) f.type = *p.type;
    if (p.link) f.link = *p.link;
    if (p.licence) f.licence = *p.licence;
    if (p.audiences) f.audiences = *p.audiences;
    if (p.steps) f.steps = *p.steps;
    if (p.structure_types) f.structure_types = *p.structure_types;
    if (p.territory) f.territory = *p.territory;
    if (p.tags) f.tags = *p.tags;
    return f;
}

nlohmann::json state_json(const std::string& status, bool hidden) {
    return {{"status", status}, {"hidden", hidden}};
}

}  // namespace

long long ResourceStore::create(const User& author, const ResourceFields& f,
                                const std::optional<StoredFile>& file) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        const long long id =
            tx.exec_params1(
                  R"(INSERT INTO resources (author_id, title, summary, description_markdown,
                         description_html, type, link, licence, audiences, steps, structure_types,
                         territory, tags)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10::text[], $11::text[],
                             $12, $13::text[]) RETURNING id)",
                  author.id, f.title, f.summary, f.description, render_markdown_html(f.description),
                  f.type, f.link, f.licence, to_pg_array(f.audiences), to_pg_array(f.steps),
                  to_pg_array(f.structure_types), f.territory, to_pg_array(f.tags))[0]
                .as<long long>();
        // With its file in the same transaction: never a submitted resource without the file
        // it came with.
        if (file) {
            refuse_duplicate(tx, *file, id);
            write_edit(tx, *load(tx, id, true), f, file, author);
        }
        tx.commit();
        return id;
    });
}

std::optional<Resource> ResourceStore::find(long long id, const std::optional<User>& viewer) {
    return db_.with_connection([&](pqxx::connection& c) -> std::optional<Resource> {
        pqxx::read_transaction tx(c);
        auto found = load(tx, id, false);
        if (!found) return std::nullopt;
        const bool allowed = found->is_public() ||
                             (viewer && (viewer->is_moderator() || viewer->id == found->author_id));
        if (!allowed) return std::nullopt;
        return found;
    });
}

ResourcePage ResourceStore::list(const ResourceQuery& q, const std::optional<User>& viewer) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        auto rows = tx.exec_params(
            "SELECT " + columns() + R"(, count(*) OVER ()
               FROM resources r JOIN users u ON u.id = r.author_id
               WHERE ($1 OR (r.status = 'published' AND NOT r.hidden) OR r.author_id = $2)
                 AND (cardinality($3::text[]) = 0 OR r.type = ANY($3::text[]))
                 AND (cardinality($4::text[]) = 0 OR r.tags && $4::text[])
                 AND (cardinality($5::text[]) = 0 OR r.audiences && $5::text[])
                 AND (cardinality($6::text[]) = 0 OR r.steps && $6::text[])
                 AND (cardinality($7::text[]) = 0 OR r.structure_types && $7::text[])
                 AND (cardinality($8::text[]) = 0
                      OR coalesce(r.territory, 'national') = ANY($8::text[]))
                 AND (cardinality($9::text[]) = 0 OR r.status = ANY($9::text[]))
               ORDER BY coalesce(r.published_at, r.created_at) DESC, r.id DESC
               LIMIT $10 OFFSET $11)",
            viewer && viewer->is_moderator(), viewer ? viewer->id : 0, to_pg_array(q.types),
            to_pg_array(q.tags), to_pg_array(q.audiences), to_pg_array(q.steps),
            to_pg_array(q.structure_types), to_pg_array(q.territories), to_pg_array(q.statuses),
            q.per_page, static_cast<long long>(q.page - 1) * q.per_page);
        ResourcePage page;
        for (const auto& row : rows) {
            page.items.push_back(read_resource(row));
            page.total = row[31].as<long long>();
        }
        return page;
    });
}

void ResourceStore::update(long long id, const User& editor, const ResourcePatch& patch) {
    db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        const Resource current = lock_for_edit(tx, id, editor);
        write_edit(tx, current, patched(current.fields, patch), current.file, editor);
        tx.commit();
    });
}

void ResourceStore::check_can_edit(long long id, const User& editor) {
    db_.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        auto current = load(tx, id, false);
        if (!current) throw not_found(id);
        if (current->author_id == editor.id || editor.is_moderator()) return;
        if (!current->is_public()) throw not_found(id);
        throw ApiError::forbidden(
            "Seuls l'auteur et les modérateurs peuvent modifier cette ressource.");
    });
}

bool ResourceStore::attach_file(long long id, const User& editor, const StoredFile& file) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        const Resource current = lock_for_edit(tx, id, editor);
        if (current.file && current.file->sha256 == file.sha256) return false;
        refuse_duplicate(tx, file, id);
        write_edit(tx, current, current.fields, file, editor);
        tx.commit();
        return true;
    });
}

void ResourceStore::moderate(long long id, const User& moderator, ResourceAction action,
                             const std::optional<std::string>& reason) {
    db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        std::string sql, name, conflict_code, conflict_detail;
        switch (action) {
            case ResourceAction::approve:
                name = "approve";
                sql = R"(UPDATE resources SET status = 'published', reject_reason = NULL,
                             published_at = coalesce(published_at, now()), updated_at = now()
                         WHERE id = $1 AND status = 'pending' AND NOT hidden
                           AND (link IS NOT NULL OR file_sha256 IS NOT NULL))";
                conflict_code = "not_pending";
                conflict_detail = "La ressource n'est pas en attente de modération";
                break;
            case ResourceAction::reject:
                name = "reject";
                sql = R"(UPDATE resources SET status = 'rejected', reject_reason = $2,
                             updated_at = now()
                         WHERE id = $1 AND status = 'pending' AND NOT hidden)";
                conflict_code = "not_pending";
                conflict_detail = "La ressource n'est pas en attente de modération";
                break;
            case ResourceAction::hide:
                name = "hide";
                sql = "UPDATE resources SET hidden = true WHERE id = $1 AND NOT hidden";
                conflict_code = "already_hidden";
                conflict_detail = "La ressource est déjà masquée";
                break;
            case ResourceAction::restore:
                name = "restore";
                sql = "UPDATE resources SET hidden = false WHERE id = $1 AND hidden";
                conflict_code = "not_hidden";
                conflict_detail = "La ressource n'est pas masquée";
                break;
        }
        auto before = tx.exec_params(
            "SELECT status, hidden, link IS NOT NULL OR file_sha256 IS NOT NULL FROM resources "
            "WHERE id = $1",
            id);
        if (before.empty()) throw not_found(id);
        const auto changed = action == ResourceAction::reject
                                 ? tx.exec_params(sql + " RETURNING status, hidden", id, *reason)
                                 : tx.exec_params(sql + " RETURNING status, hidden", id);
        if (changed.empty()) {
            // Re-read: a decision committed since our first read is what makes this one late.
            auto now = tx.exec_params("SELECT status, hidden FROM resources WHERE id = $1", id);
            const std::string status = now[0][0].as<std::string>();
            const bool hidden = now[0][1].as<bool>();
            if (action == ResourceAction::approve && status == "pending" && !hidden &&
                !before[0][2].as<bool>()) {
                throw ApiError::unprocessable(
                    "resource_incomplete",
                    "Une ressource sans lien ni fichier ne peut pas être publiée.");
            }
            throw ApiError::conflict(conflict_code, conflict_detail + " (statut : " + status +
                                                        (hidden ? ", masquée" : "") + ").");
        }
        if (action == ResourceAction::hide) {
            // Hiding is what the open flags on the resource asked for: they are resolved.
            resolve_open_flags(tx, "resource", id, moderator.id);
        }
        append_audit(tx, {moderator.id, name, "resource", std::to_string(id), reason,
                          state_json(before[0][0].as<std::string>(), before[0][1].as<bool>()),
                          state_json(changed[0][0].as<std::string>(), changed[0][1].as<bool>())});
        queue_for_index(tx, id);
        tx.commit();
    });
}

std::vector<ResourceVersion> ResourceStore::versions(long long id) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        if (tx.exec_params("SELECT 1 FROM resources WHERE id = $1", id).empty())
            throw not_found(id);
        std::vector<ResourceVersion> out;
        for (const auto& row : tx.exec_params(
                 "SELECT id, editor_id, " + iso("created_at") +
                     ", snapshot FROM resource_versions WHERE resource_id = $1 ORDER BY id DESC",
                 id)) {
            ResourceVersion v;
            v.id = row[0].as<long long>();
            v.editor_id = row[1].as<long long>();
            v.created_at = row[2].as<std::string>();
            read_snapshot(nlohmann::json::parse(row[3].as<std::string>()), v.fields, v.file);
            out.push_back(std::move(v));
        }
        return out;
    });
}

void ResourceStore::restore_version(long long id, long long version_id, const User& moderator) {
    db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        const Resource current = lock_for_edit(tx, id, moderator);
        auto rows = tx.exec_params(
            "SELECT snapshot FROM resource_versions WHERE id = $1 AND resource_id = $2", version_id,
            id);
        if (rows.empty()) {
            throw ApiError::not_found(
                "version_not_found",
                "Aucune version " + std::to_string(version_id) + " pour cette ressource.");
        }
        ResourceFields fields;
        std::optional<StoredFile> file;
        read_snapshot(nlohmann::json::parse(rows[0][0].as<std::string>()), fields, file);
        write_edit(tx, current, fields, file, moderator);
        append_audit(tx,
                     {moderator.id, "restore_version", "resource", std::to_string(id),
                      "version " + std::to_string(version_id),
                      snapshot_json(current.fields, current.file), snapshot_json(fields, file)});
        tx.commit();
    });
}

void ResourceStore::count_view(long long id) {
    increment(id, "view_count");
}

void ResourceStore::count_download(long long id) {
    increment(id, "download_count");
}

void ResourceStore::increment(long long id, const std::string& counter) {
    db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        tx.exec_params("UPDATE resources SET " + counter + " = " + counter + " + 1 WHERE id = $1",
                       id);
        tx.commit();
    });
}

std::optional<ExtractionJob> ResourceStore::next_extraction() {
    return db_.with_connection([&](pqxx::connection& c) -> std::optional<ExtractionJob> {
        pqxx::read_transaction tx(c);
        auto rows = tx.exec(
            "SELECT id, file_sha256, file_name, file_mime, file_size FROM resources "
            "WHERE extraction_status = 'pending' ORDER BY id LIMIT 1");
        if (rows.empty()) return std::nullopt;
        const auto& r = rows[0];
        return ExtractionJob{r[0].as<long long>(),
                             {r[1].as<std::string>(), r[2].as<std::string>(),
                              r[3].as<std::string>(), r[4].as<long long>()}};
    });
}

void ResourceStore::record_extraction(const ExtractionJob& job, bool ok, const std::string& text,
                                      const std::string& error) {
    db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        auto rows = tx.exec_params(
            R"(UPDATE resources SET extraction_status = $3, extracted_text = $4,
                   extraction_error = $5
               WHERE id = $1 AND file_sha256 = $2 AND extraction_status = 'pending'
               RETURNING status)",
            job.resource_id, job.file.sha256, ok ? "done" : "failed", ok ? text : "",
            ok ? std::nullopt : std::optional<std::string>(error));
        if (!rows.empty() && rows[0][0].as<std::string>() == "published")
            queue_for_index(tx, job.resource_id);
        tx.commit();
    });
}

std::set<std::string> ResourceStore::referenced_files() {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        std::set<std::string> out;
        for (const auto& row : tx.exec(
                 R"(SELECT file_sha256 FROM resources WHERE file_sha256 IS NOT NULL
                    UNION SELECT snapshot->'file'->>'sha256' FROM resource_versions
                    WHERE snapshot->'file'->>'sha256' IS NOT NULL)")) {
            out.insert(row[0].as<std::string>());
        }
        return out;
    });
}

}  // namespace kb
