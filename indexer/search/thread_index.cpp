/// @brief Loading a thread's search entry (question and visible answers) from PostgreSQL.
#include "thread_index.hpp"

#include "markdown.hpp"
#include "pg_arrays.hpp"
#include "thread_status.hpp"
#include "utf8.hpp"

namespace kb {

std::optional<schema::IndexEntry> load_thread_entry(pqxx::transaction_base& tx,
                                                    long long thread_id) {
    auto rows = tx.exec_params(
        R"(SELECT t.title, t.body_markdown, t.tags, coalesce(t.step, ''), coalesce(t.structure_type, ''),
                  coalesce(t.territory, ''), )" +
            thread_status_sql("t") + R"(, t.updated_at,
                  t.source, coalesce(t.forum_url, ''), coalesce(t.forum_category, '')
           FROM threads t WHERE t.id = $1 AND NOT t.hidden)",
        thread_id);
    if (rows.empty()) return std::nullopt;
    const auto& r = rows[0];
    schema::IndexEntry e;
    e.id = thread_entry_id(thread_id);
    e.kind = kKindThread;
    e.slug = std::to_string(thread_id);
    e.title = r[0].as<std::string>();
    const std::string question = markdown_plain_text(r[1].as<std::string>());
    e.summary = utf8_prefix(question, 300);
    e.tags = from_pg_array(r[2]);
    if (!r[3].as<std::string>().empty()) e.steps = {r[3].as<std::string>()};
    if (!r[4].as<std::string>().empty()) e.structure_types = {r[4].as<std::string>()};
    e.territory = r[5].as<std::string>();
    e.updated_at = r[7].as<std::string>();
    e.url = thread_url(thread_id);
    e.source = r[8].as<std::string>();
    // A forum thread's result leads back to its topic on the forum, where it is answered.
    if (e.source == "forum" && !r[9].as<std::string>().empty()) e.url = r[9].as<std::string>();
    e.category = r[10].as<std::string>();
    e.body_text = question;
    for (const auto& a : tx.exec_params(
             "SELECT body_markdown FROM answers WHERE thread_id = $1 AND NOT hidden ORDER BY id",
             thread_id)) {
        e.body_text += "\n" + markdown_plain_text(a[0].as<std::string>());
    }
    e.status = r[6].as<std::string>();
    return e;
}

std::vector<long long> visible_thread_ids(pqxx::transaction_base& tx) {
    std::vector<long long> ids;
    for (const auto& row : tx.exec("SELECT id FROM threads WHERE NOT hidden ORDER BY id")) {
        ids.push_back(row[0].as<long long>());
    }
    return ids;
}

}  // namespace kb
