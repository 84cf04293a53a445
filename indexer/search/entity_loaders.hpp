/// @brief The searchable kinds of PostgreSQL entities and how each one reaches the index.
#pragma once

#include "search_schema.hpp"

#include <xapian.h>
#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kb {

/// How one kind of entity stored in PostgreSQL (a Q&A thread today; resources and forum topics
/// next) becomes a search document. The outbox names entities by (kind, id); the service's writer
/// and kb-indexer's rebuild both go through this table, so a kind indexes the same either way.
struct EntityLoader {
    std::string_view kind;
    /// The entity's search entry, or nullopt when it must leave the index (hidden, removed).
    std::optional<schema::IndexEntry> (*load)(pqxx::transaction_base& tx, long long id);
    /// Ids of every entity of this kind that belongs in the index, for rebuilds.
    std::vector<long long> (*indexable_ids)(pqxx::transaction_base& tx);
    /// The entity's id in search results (entity_ids.hpp), which load's entries carry.
    std::string (*entry_id)(long long id);
    /// For a kind that is not one document of its own (tag_index.hpp): applies the entity's
    /// change to db itself, and load and entry_id are null.
    void (*apply)(Xapian::WritableDatabase& db, pqxx::transaction_base& tx, long long id);
};

/// Every searchable kind. Adding one is a loader pair and a line in entity_loaders.cpp.
const std::vector<EntityLoader>& entity_loaders();

/// The loader of kind, or null when this build has none.
const EntityLoader* find_entity_loader(std::string_view kind);

/// The kinds of entity_loaders(), as a PostgreSQL text[] literal for `= ANY($n::text[])`.
const std::string& entity_kinds_pg_array();

/// Replaces or deletes the entity's document in db (no commit); its spelling words are added.
void apply_entity(Xapian::WritableDatabase& db, pqxx::transaction_base& tx,
                  const EntityLoader& loader, long long id, bool* new_spelling = nullptr);

/// Writes every indexable entity of every kind into db (no commit), for rebuilds.
void index_all_entities(Xapian::WritableDatabase& db, pqxx::transaction_base& tx);

}  // namespace kb
