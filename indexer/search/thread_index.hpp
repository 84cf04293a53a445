/// @brief Q&A threads in the search index: one document per visible thread, its answers included.
#pragma once

#include "search_schema.hpp"

#include <xapian.h>
#include <pqxx/pqxx>

#include <optional>
#include <vector>

namespace kb {

/// The search entry of a thread (title, question, visible answers), or nullopt when the thread
/// is hidden or gone (it must then leave the index).
std::optional<schema::IndexEntry> load_thread_entry(pqxx::transaction_base& tx,
                                                    long long thread_id);

/// Ids of every visible thread, for rebuilds.
std::vector<long long> visible_thread_ids(pqxx::transaction_base& tx);

/// Replaces or deletes the thread's document in db (no commit). Spelling words are added too.
void apply_thread(Xapian::WritableDatabase& db, pqxx::transaction_base& tx, long long thread_id);

/// Applies pending outbox rows (id order), commits the index, then marks them processed.
/// Rows with id > replay_after are applied even if already processed (used after a rebuild).
/// Returns how many rows were applied.
std::size_t apply_outbox(Xapian::WritableDatabase& db, pqxx::connection& conn,
                         long long replay_after = -1, std::size_t batch_limit = 1000);

}  // namespace kb
