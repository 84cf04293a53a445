/// @brief GET /metrics: the operators' view in Prometheus text format (requests, search cache,
/// outbox, index, PostgreSQL pool, notifications).
#pragma once

#include "index_readers.hpp"
#include "message.hpp"
#include "notification_sender.hpp"
#include "pg_pool.hpp"
#include "request_metrics.hpp"
#include "result_cache.hpp"

namespace kb {

/// What the metrics page reads; every part is shared with the rest of the service.
struct MetricsContext {
    http::RequestMetrics& requests;
    ResultCache& cache;
    IndexReaders& index;
    PgPool& db;
    const NotifyCounters& notifications;
};

http::Response get_metrics(MetricsContext& app, const http::Request& request);

}  // namespace kb
