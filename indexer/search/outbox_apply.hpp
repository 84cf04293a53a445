/// @brief Draining search_outbox rows into Xapian, whatever the kind of entity they name.
#pragma once

#include "index_changes.hpp"

#include <xapian.h>
#include <pqxx/pqxx>

#include <cstddef>
#include <functional>

namespace kb {

/// True when some outbox row that this build can apply waits to be applied.
bool outbox_has_pending(pqxx::transaction_base& tx);

/// Applies pending outbox rows (id order), commits the index, then marks them processed. Each
/// row's entity is loaded by the loader of its kind, every entity once, all in one snapshot, so
/// the index gets each entity's latest committed state. Rows of a kind this build has no loader
/// for are left pending for a build that has one. Rows with id > replay_after are applied even if
/// already processed (used after a rebuild). Returns how many rows were applied. When changes is
/// given, it receives what the writes changed (IndexChanges); `before_commit`, when given, is
/// called with the revision the index commit will make, just before it (so that readers who
/// see that revision find it described).
std::size_t apply_outbox(Xapian::WritableDatabase& db, pqxx::connection& conn,
                         long long replay_after = -1, std::size_t batch_limit = 1000,
                         IndexChanges* changes = nullptr,
                         const std::function<void(Xapian::rev)>& before_commit = {});

}  // namespace kb
