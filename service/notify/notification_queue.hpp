/// @brief Queueing notifications in the transaction of the write they announce (a rollback drops
/// them, a commit makes them durable); the sender delivers them afterwards.
#pragma once

#include <pqxx/pqxx>

namespace kb {

/// Who hears of a new question.
struct RoutingPolicy {
    int max_experts = 5;  ///< at most this many experts per question
};

/// Chooses the experts a new question (local, or a new forum topic) concerns (same structure
/// type, same territory, or a topic among its tags), never its asker nor anyone who chose `none` or
/// has no address, at most policy.max_experts of them, least recently solicited first, and marks
/// them solicited. Experts on `daily` get an item of their next digest. Returns how many were
/// chosen.
int enqueue_question_notifications(pqxx::work& tx, long long thread_id,
                                   const RoutingPolicy& policy);

/// Tells the asker that someone else answered their question.
void enqueue_answer_notification(pqxx::work& tx, long long thread_id, long long answer_author_id);

/// Tells the asker that an answer was accepted, unless they accepted it themselves.
void enqueue_accepted_notification(pqxx::work& tx, long long thread_id, long long accepter_id);

}  // namespace kb
