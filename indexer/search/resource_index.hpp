/// @brief Library resources in the search index: one document per published, visible resource,
/// the text of its attached file included.
#pragma once

#include "search_schema.hpp"

#include <pqxx/pqxx>

#include <optional>
#include <vector>

namespace kb {

/// The search entry of a published, visible resource (its file's extracted text included), or
/// nullopt when it is not public (it must then leave the index).
std::optional<schema::IndexEntry> load_resource_entry(pqxx::transaction_base& tx,
                                                      long long resource_id);

/// Ids of every public resource, for rebuilds.
std::vector<long long> public_resource_ids(pqxx::transaction_base& tx);

}  // namespace kb
