/// @brief Digest boundary arithmetic and the folding SQL.
#include "digests.hpp"

#include <string>

namespace kb {

std::chrono::system_clock::time_point digest_boundary(std::chrono::system_clock::time_point now,
                                                      int hour) {
    using namespace std::chrono;
    const auto day = floor<days>(now);
    const auto today = day + hours(hour);
    return today <= now ? today : today - days(1);
}

int fold_due_digests(pqxx::connection& conn, std::chrono::system_clock::time_point boundary) {
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(boundary.time_since_epoch()).count();
    pqxx::work tx(conn);
    auto rows = tx.exec_params(R"(
        WITH due AS (
            SELECT id, recipient_id, thread_id, payload FROM notifications
             WHERE delivery = 'daily' AND sent_at IS NULL AND cancelled_at IS NULL
               AND created_at < to_timestamp($1::double precision / 1000000)
             ORDER BY id
             FOR UPDATE SKIP LOCKED),
        digests AS (
            INSERT INTO notifications (recipient_id, kind, payload)
            SELECT recipient_id, 'digest',
                   jsonb_build_object('questions', jsonb_agg(payload || jsonb_build_object(
                                          'thread_id', thread_id) ORDER BY id))
              FROM due GROUP BY recipient_id
            RETURNING id, recipient_id),
        folded AS (
            UPDATE notifications n SET sent_at = now(), digest_id = d.id
              FROM due JOIN digests d USING (recipient_id)
             WHERE n.id = due.id)
        SELECT count(*) FROM digests)",
                               std::to_string(micros));
    tx.commit();
    return rows[0][0].as<int>();
}

}  // namespace kb
