/// @brief Liveness and readiness probes.
#pragma once

#include "index_readers.hpp"
#include "message.hpp"
#include "pg_pool.hpp"

namespace kb {

/// What the probes look at.
struct HealthContext {
    PgPool& db;
    IndexReaders& index;
};

http::Response get_healthz(HealthContext& app, const http::Request& request);
http::Response get_readyz(HealthContext& app, const http::Request& request);

}  // namespace kb
