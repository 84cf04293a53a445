/// @brief Loading threads for indexing and draining the search outbox into Xapian.
#include "thread_index.hpp"

#include "markdown.hpp"
#include "pg_arrays.hpp"
#include "thread_status.hpp"
#include "utf8.hpp"

#include <map>
#include <set>

namespace kb {

std::optional<schema::IndexEntry> load_thread_entry(pqxx::transaction_base& tx,
                                                    long long thread_id) {
    auto rows = tx.exec_params(
        R"(SELECT t.title, t.body_markdown, t.tags, coalesce(t.step, ''), coalesce(t.structure_type, ''),
                  coalesce(t.territory, ''), )" +
            thread_status_sql("t") + R"(, t.updated_at
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

void apply_thread(Xapian::WritableDatabase& db, pqxx::transaction_base& tx, long long thread_id) {
    auto entry = load_thread_entry(tx, thread_id);
    if (!entry) {
        db.delete_document(schema::thread_id(thread_id));
        return;
    }
    // Term generation is cheap enough per thread; one generator per call keeps this reentrant.
    FrenchTermGenerator generator;
    schema::SpellingCounts spelling;
    db.replace_document(schema::thread_id(thread_id), schema::make_document(*entry, generator));
    generator.take_spelling(spelling);
    for (const auto& [word, count] : spelling) db.add_spelling(word, count);
}

std::size_t apply_outbox(Xapian::WritableDatabase& db, pqxx::connection& conn,
                         long long replay_after, std::size_t batch_limit) {
    std::vector<long long> row_ids;
    std::set<long long> threads;
    {
        pqxx::work tx(conn);
        auto rows = tx.exec_params(
            R"(SELECT id, thread_id FROM search_outbox
               WHERE processed_at IS NULL OR id > $1 ORDER BY id LIMIT $2)",
            replay_after < 0 ? std::numeric_limits<long long>::max() : replay_after,
            static_cast<long long>(batch_limit));
        for (const auto& row : rows) {
            row_ids.push_back(row[0].as<long long>());
            threads.insert(row[1].as<long long>());
        }
        if (row_ids.empty()) return 0;
        // Read every thread in one snapshot: the index gets each thread's latest committed state.
        for (long long id : threads) apply_thread(db, tx, id);
        db.commit();
        // Marked only after the index commit: a crash in between replays these rows at start.
        tx.exec_params("UPDATE search_outbox SET processed_at = now() WHERE id = ANY($1::bigint[])",
                       [&] {
                           std::string list = "{";
                           for (std::size_t i = 0; i < row_ids.size(); ++i) {
                               list += (i ? "," : "") + std::to_string(row_ids[i]);
                           }
                           return list + "}";
                       }());
        tx.commit();
    }
    return row_ids.size();
}

}  // namespace kb
