/// @brief Moderators hiding and restoring Q&A posts: the change, its flags, its log entry.
#include "qa_store.hpp"

#include "audit_log.hpp"
#include "outbox.hpp"
#include "qa_errors.hpp"
#include "vocabulary.hpp"

namespace kb {

namespace {

// Resolves the flags a hide answers, and logs a change of visibility like the resources' hide
// and restore: who, what, when, why, before and after (with the flags it resolved).
void log_visibility(pqxx::work& tx, const User& moderator, const std::string& item_kind,
                    long long item_id, bool hidden, const std::optional<std::string>& reason,
                    const std::string& flagged_answers_sql = "") {
    nlohmann::json after = {{"hidden", hidden}};
    if (hidden) {
        std::vector<long long> resolved = resolve_open_flags(tx, item_kind, item_id, moderator.id);
        // A hidden thread hides its answers: what was flagged on them is answered too.
        if (!flagged_answers_sql.empty()) {
            for (const auto& row : tx.exec_params(flagged_answers_sql, item_id)) {
                for (long long id :
                     resolve_open_flags(tx, "answer", row[0].as<long long>(), moderator.id))
                    resolved.push_back(id);
            }
        }
        after["resolved_flags"] = resolved;
    }
    append_audit(tx, {moderator.id,
                      hidden ? "hide" : "restore",
                      item_kind,
                      std::to_string(item_id),
                      reason,
                      {{"hidden", !hidden}},
                      after});
}

}  // namespace

long long QaStore::set_thread_hidden(long long thread_id, const User& moderator, bool hidden,
                                     const std::optional<std::string>& reason) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        auto rows =
            tx.exec_params("SELECT hidden FROM threads WHERE id = $1 FOR UPDATE", thread_id);
        if (rows.empty()) throw thread_not_found(thread_id);
        if (rows[0][0].as<bool>() == hidden) return thread_id;  // nothing to do, nothing to log
        tx.exec_params("UPDATE threads SET hidden = $2 WHERE id = $1", thread_id, hidden);
        log_visibility(tx, moderator, "thread", thread_id, hidden, reason,
                       "SELECT DISTINCT f.item_id FROM flags f JOIN answers a ON a.id = f.item_id "
                       "WHERE f.item_kind = 'answer' AND f.status = 'open' AND a.thread_id = $1");
        enqueue_for_index(tx, kKindThread, thread_id);
        tx.commit();
        return thread_id;
    });
}

long long QaStore::set_answer_hidden(long long answer_id, const User& moderator, bool hidden,
                                     const std::optional<std::string>& reason) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        auto rows = tx.exec_params("SELECT thread_id, hidden FROM answers WHERE id = $1 FOR UPDATE",
                                   answer_id);
        if (rows.empty()) throw answer_not_found(answer_id);
        const long long thread_id = rows[0][0].as<long long>();
        if (rows[0][1].as<bool>() == hidden) return thread_id;
        // The thread keeps accepted_answer_id: a hidden accepted answer only stops counting
        // (accepted_answer_sql), so restoring it brings the acceptance back.
        tx.exec_params("UPDATE answers SET hidden = $2 WHERE id = $1", answer_id, hidden);
        log_visibility(tx, moderator, "answer", answer_id, hidden, reason);
        enqueue_for_index(tx, kKindThread, thread_id);
        tx.commit();
        return thread_id;
    });
}

}  // namespace kb
