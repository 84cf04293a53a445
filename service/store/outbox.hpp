/// @brief Queueing an entity for the search index, in the transaction of the write that changed it.
#pragma once

#include <pqxx/pqxx>

#include <string_view>

namespace kb {

/// The channel on which every outbox row is announced; PostgreSQL delivers the notification to
/// listeners when (and only when) the writing transaction commits.
inline constexpr std::string_view kOutboxChannel = "search_outbox";

/// Writes a search_outbox row naming (kind, id) in tx and announces it on kOutboxChannel, so the
/// index writer wakes on commit without anyone's help; a rollback drops both. kind must have a
/// loader (entity_loaders.hpp), else std::invalid_argument. Returns the row's id.
long long enqueue_for_index(pqxx::work& tx, std::string_view kind, long long id);

}  // namespace kb
