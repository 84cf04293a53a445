/// @brief Q&A threads in the search index: one document per visible thread, its answers included.
#pragma once

#include "search_schema.hpp"

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

}  // namespace kb
