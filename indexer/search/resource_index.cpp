/// @brief Loading resources for indexing.
#include "resource_index.hpp"

#include "entity_ids.hpp"
#include "markdown.hpp"
#include "pg_arrays.hpp"
#include "utf8.hpp"
#include "vocabulary.hpp"

namespace kb {

std::optional<schema::IndexEntry> load_resource_entry(pqxx::transaction_base& tx,
                                                      long long resource_id) {
    auto rows = tx.exec_params(
        R"(SELECT title, summary, description_markdown, extracted_text, type, licence, audiences,
                  steps, structure_types, coalesce(territory, ''), tags,
                  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
           FROM resources WHERE id = $1 AND status = 'published' AND NOT hidden)",
        resource_id);
    if (rows.empty()) return std::nullopt;
    const auto& r = rows[0];
    schema::IndexEntry e;
    e.id = resource_entry_id(resource_id);
    e.kind = kKindResource;
    e.slug = std::to_string(resource_id);
    e.title = r[0].as<std::string>();
    e.summary = r[1].as<std::string>();
    // The description, then the attached file's text: a phrase found only in the file finds the
    // resource.
    e.body_text = markdown_plain_text(r[2].as<std::string>()) + "\n" + r[3].as<std::string>();
    e.resource_type = r[4].as<std::string>();
    e.licence = r[5].as<std::string>();
    e.audiences = from_pg_array(r[6]);
    e.steps = from_pg_array(r[7]);
    e.structure_types = from_pg_array(r[8]);
    e.territory = r[9].as<std::string>();
    e.tags = from_pg_array(r[10]);
    e.updated_at = r[11].as<std::string>();
    e.url = resource_url(resource_id);
    if (e.summary.empty()) e.summary = utf8_prefix(e.body_text, 300);
    return e;
}

std::vector<long long> public_resource_ids(pqxx::transaction_base& tx) {
    std::vector<long long> ids;
    for (const auto& row : tx.exec(
             "SELECT id FROM resources WHERE status = 'published' AND NOT hidden ORDER BY id")) {
        ids.push_back(row[0].as<long long>());
    }
    return ids;
}

}  // namespace kb
