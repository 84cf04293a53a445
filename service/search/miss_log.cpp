/// @brief SQL of the search_misses table.
#include "miss_log.hpp"

#include "pg_fields.hpp"

#include <sstream>

namespace kb {

std::string miss_key(const std::string& normalized_query) {
    std::istringstream in(normalized_query);
    std::string word, out;
    while (in >> word) out += (out.empty() ? "" : " ") + word;
    return out;
}

void record_miss(PgPool& pool, const std::string& key, const std::string& example) {
    pool.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        tx.exec_params(
            // A dismissed entry comes back as a new one: counted from 1, seen first now.
            R"(INSERT INTO search_misses (normalized_query, example_query) VALUES ($1, $2)
               ON CONFLICT (normalized_query) DO UPDATE
               SET miss_count = CASE WHEN search_misses.dismissed_at IS NULL
                                     THEN search_misses.miss_count + 1 ELSE 1 END,
                   first_seen = CASE WHEN search_misses.dismissed_at IS NULL
                                     THEN search_misses.first_seen ELSE now() END,
                   last_seen = now(), dismissed_at = NULL,
                   example_query = EXCLUDED.example_query)",
            key, example);
        tx.commit();
    });
}

std::vector<nlohmann::json> top_misses(PgPool& pool, int limit) {
    return pool.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        std::vector<nlohmann::json> out;
        auto rows = tx.exec_params(
            R"(SELECT normalized_query, example_query, miss_count, last_seen, first_seen, id
               FROM search_misses WHERE dismissed_at IS NULL
               ORDER BY miss_count DESC, last_seen DESC LIMIT $1)",
            limit);
        for (const auto& r : rows) {
            out.push_back({{"id", r[5].as<long long>()},
                           {"query", r[0].as<std::string>()},
                           {"example", r[1].as<std::string>()},
                           {"count", r[2].as<long long>()},
                           {"last_seen", rfc3339_utc(timestamp_of(r[3]))},
                           {"first_seen", rfc3339_utc(timestamp_of(r[4]))}});
        }
        return out;
    });
}

bool dismiss_miss(PgPool& pool, long long id) {
    return pool.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        // Dismissing twice is harmless: the entry exists, it stays dismissed.
        auto rows = tx.exec_params(
            "UPDATE search_misses SET dismissed_at = coalesce(dismissed_at, now()) WHERE id = $1",
            id);
        tx.commit();
        return rows.affected_rows() == 1;
    });
}

}  // namespace kb
