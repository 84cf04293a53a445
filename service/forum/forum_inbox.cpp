/// @brief SQL of the forum inbox.
#include "forum_inbox.hpp"

namespace kb {

bool store_delivery(PgPool& db, const InboxDelivery& d) {
    return db.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        // An unknown event is kept for the record but never processed.
        auto rows = tx.exec_params(
            "INSERT INTO forum_inbox (event_id, event, instance, headers, body, processed_at, "
            "error) VALUES ($1, $2, $3, $4::jsonb, $5, CASE WHEN $6 THEN NULL ELSE now() END, "
            "CASE WHEN $6 THEN NULL ELSE 'ignored: unknown event' END) "
            "ON CONFLICT (event_id) DO NOTHING RETURNING id",
            d.event_id, d.event, d.instance.empty() ? std::nullopt : std::optional(d.instance),
            d.headers.dump(), d.body, d.known_event);
        tx.commit();
        return !rows.empty();
    });
}

std::optional<InboxRow> next_due_delivery(PgPool& db) {
    return db.with_connection([&](pqxx::connection& c) -> std::optional<InboxRow> {
        pqxx::read_transaction tx(c);
        auto rows = tx.exec(
            "SELECT id, event_id, event, body, attempts FROM forum_inbox "
            "WHERE processed_at IS NULL AND next_attempt_at <= now() ORDER BY id LIMIT 1");
        if (rows.empty()) return std::nullopt;
        const auto& r = rows[0];
        return InboxRow{r[0].as<long long>(), r[1].as<std::string>(), r[2].as<std::string>(),
                        r[3].as<std::string>(), r[4].as<int>()};
    });
}

void mark_delivery_done(PgPool& db, long long id, const std::string& note) {
    db.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        tx.exec_params(
            "UPDATE forum_inbox SET processed_at = now(), attempts = attempts + 1, error = $2 "
            "WHERE id = $1",
            id, note.empty() ? std::nullopt : std::optional(note));
        tx.commit();
    });
}

void mark_delivery_retry(PgPool& db, long long id, std::chrono::milliseconds delay,
                         const std::string& error) {
    db.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        tx.exec_params(
            "UPDATE forum_inbox SET attempts = attempts + 1, error = $2, "
            "next_attempt_at = now() + make_interval(secs => $3::double precision / 1000) "
            "WHERE id = $1",
            id, error, static_cast<long long>(delay.count()));
        tx.commit();
    });
}

}  // namespace kb
