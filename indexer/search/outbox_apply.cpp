/// @brief apply_outbox: read a batch, apply each entity through its kind's loader, commit, mark.
#include "outbox_apply.hpp"

#include "entity_loaders.hpp"

#include <limits>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace kb {

bool outbox_has_pending(pqxx::transaction_base& tx) {
    return !tx.exec_params(R"(SELECT 1 FROM search_outbox
                              WHERE processed_at IS NULL AND entity_kind = ANY($1::text[]) LIMIT 1)",
                           entity_kinds_pg_array())
                .empty();
}

std::size_t apply_outbox(Xapian::WritableDatabase& db, pqxx::connection& conn,
                         long long replay_after, std::size_t batch_limit, IndexChanges* changes,
                         const std::function<void(Xapian::rev)>& before_commit) {
    pqxx::work tx(conn);
    auto rows = tx.exec_params(
        R"(SELECT id, entity_kind, entity_id FROM search_outbox
           WHERE (processed_at IS NULL OR id > $1) AND entity_kind = ANY($2::text[])
           ORDER BY id LIMIT $3)",
        replay_after < 0 ? std::numeric_limits<long long>::max() : replay_after,
        entity_kinds_pg_array(), static_cast<long long>(batch_limit));
    if (rows.empty()) return 0;
    std::string row_ids = "{";
    std::set<std::pair<std::string, long long>> entities;
    for (const auto& row : rows) {
        row_ids += (row_ids.size() > 1 ? "," : "") + row[0].as<std::string>();
        entities.emplace(row[1].as<std::string>(), row[2].as<long long>());
    }
    row_ids += "}";
    for (const auto& [kind, id] : entities) {
        const EntityLoader& loader = *find_entity_loader(kind);
        if (loader.entry_id == nullptr) {
            // A kind that rewrites other documents or metadata (tag_index.hpp).
            if (changes) changes->touch_everything();
            apply_entity(db, tx, loader, id);
            continue;
        }
        const std::string id_term = schema::kIdPrefix + loader.entry_id(id);
        if (changes) changes->before(db, id_term);  // what queries matched until now
        bool new_spelling = false;
        apply_entity(db, tx, loader, id, &new_spelling);
        if (changes) changes->after(db, id_term);  // what they will match
        if (changes && new_spelling) changes->spelling_grew();
    }
    if (before_commit) before_commit(db.get_revision() + 1);
    db.commit();
    // Marked only after the index commit: a crash in between replays these rows at start.
    tx.exec_params("UPDATE search_outbox SET processed_at = now() WHERE id = ANY($1::bigint[])",
                   row_ids);
    tx.commit();
    return rows.size();
}

}  // namespace kb
