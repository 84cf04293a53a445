/// @brief The zero-result log: queries that found nothing, counted, for moderators to act on.
#pragma once

#include "pg_pool.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace kb {

/// Collapses a normalised query's whitespace so "Pass  IAE" and "pass iae" count together.
std::string miss_key(const std::string& normalized_query);

void record_miss(PgPool& db, const std::string& key, const std::string& example);

/// Most frequent misses not dismissed first: {id, query, example, count, last_seen, first_seen}.
std::vector<nlohmann::json> top_misses(PgPool& db, int limit);

/// Hides an entry until its query is searched again; false when no entry has this id.
bool dismiss_miss(PgPool& db, long long id);

}  // namespace kb
