/// @brief Gathers each part's figures at scrape time; nothing is sampled in the background.
#include "metrics_handler.hpp"

#include "entity_loaders.hpp"
#include "request_metrics.hpp"

#include <xapian.h>

#include <map>

namespace kb {

namespace {

using http::append_metric;
using http::metric_label;

// Pending outbox rows and the age of the oldest, per searchable kind (0 when none is pending).
void append_outbox(std::string& out, PgPool& db) {
    std::map<std::string, std::pair<long long, double>> pending;
    for (const auto& loader : entity_loaders()) pending[std::string(loader.kind)] = {0, 0.0};
    db.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        for (const auto& r : tx.exec(R"(SELECT entity_kind, count(*),
                                              extract(epoch FROM now() - min(created_at))
                                         FROM search_outbox WHERE processed_at IS NULL
                                        GROUP BY entity_kind)")) {
            pending[r[0].as<std::string>()] = {r[1].as<long long>(), r[2].as<double>()};
        }
    });
    out +=
        "# HELP kb_outbox_backlog Outbox rows committed and not yet applied to the index.\n"
        "# TYPE kb_outbox_backlog gauge\n";
    for (const auto& [kind, p] : pending) {
        out += "kb_outbox_backlog{kind=\"" + metric_label(kind) + "\"} " + std::to_string(p.first) +
               "\n";
    }
    out +=
        "# HELP kb_outbox_lag_seconds Age of the oldest pending outbox row (0: none).\n"
        "# TYPE kb_outbox_lag_seconds gauge\n";
    for (const auto& [kind, p] : pending) {
        out += "kb_outbox_lag_seconds{kind=\"" + metric_label(kind) + "\"} " +
               std::to_string(p.second) + "\n";
    }
}

void append_index(std::string& out, IndexReaders& index) {
    double documents = 0;
    std::string version = "none";
    try {
        auto lease = index.lease();
        documents = static_cast<double>(lease.db().get_doccount());
        version = lease.version();
    } catch (const Xapian::Error&) {
        // No index yet: reported as zero documents and version "none".
    }
    append_metric(out, "kb_index_documents", "gauge", "Documents in the live search index.",
                  documents);
    append_metric(out, "kb_index_reads_overtaken_total", "counter",
                  "Index reads that a writer's commits overtook (run again on a newer reader).",
                  static_cast<double>(index.overtaken()));
    out +=
        "# HELP kb_index_info The live index generation and revision, as a label.\n"
        "# TYPE kb_index_info gauge\n"
        "kb_index_info{version=\"" +
        metric_label(version) + "\"} 1\n";
}

}  // namespace

http::Response get_metrics(MetricsContext& app, const http::Request&) {
    std::string out = app.requests.render();
    const ResultCache::Stats cache = app.cache.stats();
    append_metric(out, "kb_search_cache_hits_total", "counter",
                  "Searches answered from the result cache.", static_cast<double>(cache.hits));
    append_metric(out, "kb_search_cache_misses_total", "counter",
                  "Searches computed by the engine.", static_cast<double>(cache.misses));
    append_metric(out, "kb_search_cache_refreshed_total", "counter",
                  "Hits on an answer a commit changed, refreshed rather than computed again.",
                  static_cast<double>(cache.refreshed));
    append_metric(out, "kb_search_cache_refreshed_within_window_total", "counter",
                  "Refreshed answers whose documents outside the ranked window could not have "
                  "risen into it, so that only the window and the written documents were weighed "
                  "again.",
                  static_cast<double>(cache.refreshed_within_window));
    append_metric(out, "kb_search_cache_shared_total", "counter",
                  "Searches that waited for the same question another request was computing.",
                  static_cast<double>(cache.shared));
    append_metric(out, "kb_search_cache_entries", "gauge", "Answers held by the result cache.",
                  static_cast<double>(cache.entries));
    append_metric(out, "kb_search_cache_bytes", "gauge", "Memory held by the result cache.",
                  static_cast<double>(cache.bytes));
    const PgPool::Stats pool = app.db.stats();
    append_metric(out, "kb_db_pool_size", "gauge", "PostgreSQL connections allowed.",
                  static_cast<double>(pool.size));
    append_metric(out, "kb_db_pool_in_use", "gauge", "PostgreSQL connections leased now.",
                  static_cast<double>(pool.in_use));
    append_metric(out, "kb_db_pool_waits_total", "counter",
                  "Requests that waited for a PostgreSQL connection.",
                  static_cast<double>(pool.waits));
    append_metric(out, "kb_db_pool_timeouts_total", "counter",
                  "Requests that gave up waiting for a PostgreSQL connection.",
                  static_cast<double>(pool.timeouts));
    append_metric(out, "kb_notifications_sent_total", "counter",
                  "Notification mails accepted by the SMTP server (or spooled).",
                  static_cast<double>(app.notifications.sent.load()));
    append_metric(out, "kb_notifications_failed_total", "counter",
                  "Notification deliveries that failed and were rescheduled.",
                  static_cast<double>(app.notifications.failed.load()));
    append_outbox(out, app.db);
    append_index(out, app.index);
    http::Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = std::move(out);
    return r;
}

}  // namespace kb
