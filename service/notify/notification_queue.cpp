/// @brief SQL of the notification queue: expert routing and the asker's notices.
#include "notification_queue.hpp"

#include "entity_ids.hpp"
#include "notify_modes.hpp"

#include <string>

namespace kb {

namespace {

// What every message about a thread shows: its title and its path (the sender adds the base URL),
// and for a forum thread the topic's URL on the forum, where it is answered. Kept in the row so
// that a message reads the same whenever it is sent.
constexpr const char* kThreadPayloadSql =
    "jsonb_build_object('title', t.title, 'path', $2::text) || "
    "jsonb_strip_nulls(jsonb_build_object('url', t.forum_url))";

// Queues one notice of `kind` about the thread for its asker, unless the asker is `except_id`,
// opted out, or has no address.
void enqueue_for_asker(pqxx::work& tx, long long thread_id, const char* kind, long long except_id) {
    tx.exec_params(std::string(R"(INSERT INTO notifications (recipient_id, kind, thread_id, payload)
                                  SELECT u.id, $3, t.id, )") +
                       kThreadPayloadSql + R"(
                                  FROM threads t JOIN users u ON u.id = t.author_id
                                  WHERE t.id = $1 AND u.id <> $4 AND u.notify_mode <> $5
                                    AND u.contact_email IS NOT NULL)",
                   thread_id, thread_url(thread_id), std::string(kind), except_id,
                   std::string(kNotifyNone));
}

}  // namespace

int enqueue_question_notifications(pqxx::work& tx, long long thread_id,
                                   const RoutingPolicy& policy) {
    // SKIP LOCKED: two questions posted at once each take the experts the other has not locked,
    // rather than waiting for each other (or deadlocking) over the same rows.
    auto rows = tx.exec_params(std::string(R"(
        WITH t AS (SELECT id, author_id, title, structure_type, territory, tags, forum_url
                     FROM threads WHERE id = $1),
        chosen AS (
            SELECT u.id, u.notify_mode FROM users u, t
             WHERE u.role = 'expert' AND u.id <> t.author_id AND u.notify_mode <> $4
               AND u.contact_email IS NOT NULL
               AND (u.structure_type = t.structure_type OR u.territory = t.territory
                    OR u.topics && t.tags)
             ORDER BY u.last_solicited_at NULLS FIRST, u.id
             LIMIT $3
             FOR UPDATE OF u SKIP LOCKED),
        solicited AS (
            UPDATE users SET last_solicited_at = clock_timestamp()
              FROM chosen WHERE users.id = chosen.id RETURNING users.id)
        INSERT INTO notifications (recipient_id, kind, thread_id, payload, delivery)
        SELECT chosen.id, 'question', t.id, )") +
                                   kThreadPayloadSql + R"(,
               CASE chosen.notify_mode WHEN $5 THEN 'daily' ELSE 'immediate' END
          FROM chosen JOIN solicited ON solicited.id = chosen.id, t
        RETURNING recipient_id)",
                               thread_id, thread_url(thread_id), policy.max_experts,
                               std::string(kNotifyNone), std::string(kNotifyDaily));
    return static_cast<int>(rows.size());
}

void enqueue_answer_notification(pqxx::work& tx, long long thread_id, long long answer_author_id) {
    enqueue_for_asker(tx, thread_id, "answer", answer_author_id);
}

void enqueue_accepted_notification(pqxx::work& tx, long long thread_id, long long accepter_id) {
    enqueue_for_asker(tx, thread_id, "accepted", accepter_id);
}

}  // namespace kb
