/// @brief enqueue_for_index: the outbox row and its notification in one statement.
#include "outbox.hpp"

#include "entity_loaders.hpp"

#include <stdexcept>
#include <string>

namespace kb {

long long enqueue_for_index(pqxx::work& tx, std::string_view kind, long long id) {
    // A row no loader can apply would wait forever: refuse it while the writer's caller is here.
    if (!find_entity_loader(kind))
        throw std::invalid_argument("no search loader for entity kind '" + std::string(kind) + "'");
    return tx
        .exec_params1(R"(WITH queued AS (
                             INSERT INTO search_outbox (entity_kind, entity_id) VALUES ($1, $2)
                             RETURNING id)
                         SELECT id, pg_notify($3, id::text) FROM queued)",
                      std::string(kind), id, std::string(kOutboxChannel))[0]
        .as<long long>();
}

}  // namespace kb
