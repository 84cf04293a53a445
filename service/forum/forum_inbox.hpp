/// @brief The inbox of webhook deliveries: stored before they are answered, drained by the
/// worker, each row saying when it was processed or why it was not.
#pragma once

#include "pg_pool.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace kb {

struct InboxDelivery {
    std::string event_id;  ///< X-Discourse-Event-Id, or a digest of the body when absent
    std::string event;
    std::string instance;
    nlohmann::json headers;   ///< the X-Discourse-* headers
    std::string body;         ///< the exact bytes that were signed
    bool known_event = true;  ///< false: kept, marked processed as ignored
};

/// Stores a delivery; false when its event id is already there (a redelivery).
bool store_delivery(PgPool& db, const InboxDelivery& delivery);

struct InboxRow {
    long long id = 0;
    std::string event_id;
    std::string event;
    std::string body;
    int attempts = 0;
};

/// The oldest unprocessed row that is due, if any.
std::optional<InboxRow> next_due_delivery(PgPool& db);
/// Processed; note says what was skipped (a stale edit, an unknown topic…), empty when nothing.
void mark_delivery_done(PgPool& db, long long id, const std::string& note);
/// Not processed this time: tried again after delay; error says why.
void mark_delivery_retry(PgPool& db, long long id, std::chrono::milliseconds delay,
                         const std::string& error);

}  // namespace kb
