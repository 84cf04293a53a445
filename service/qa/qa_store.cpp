/// @brief SQL of the Q&A: one transaction per operation, outbox row beside every indexed change.
#include "qa_store.hpp"

#include "api_error.hpp"
#include "audit_log.hpp"
#include "markdown.hpp"
#include "outbox.hpp"
#include "pg_arrays.hpp"
#include "pg_fields.hpp"
#include "qa_errors.hpp"
#include "thread_status.hpp"
#include "vocabulary.hpp"

namespace kb {

namespace {

using http::ApiError;

void queue_for_index(pqxx::work& tx, long long thread_id) {
    enqueue_for_index(tx, kKindThread, thread_id);
}

// The author columns (id, display_name, role) of a row, from column `first` on.
Author author_of(const pqxx::row& r, int first) {
    return {r[first].as<long long>(), r[first + 1].as<std::string>(),
            r[first + 2].as<std::string>()};
}

std::optional<long long> optional_id(const pqxx::field& field) {
    if (field.is_null()) return std::nullopt;
    return field.as<long long>();
}

struct ThreadRow {
    long long author_id;
    bool hidden;
    std::optional<long long> accepted_answer_id;
};

// Locks the thread row for the rest of the transaction.
ThreadRow lock_thread(pqxx::work& tx, long long id, bool allow_hidden) {
    auto rows = tx.exec_params(
        "SELECT author_id, hidden, accepted_answer_id FROM threads WHERE id = $1 FOR UPDATE", id);
    if (rows.empty()) throw thread_not_found(id);
    ThreadRow row{rows[0][0].as<long long>(), rows[0][1].as<bool>(), optional_id(rows[0][2])};
    if (row.hidden && !allow_hidden) throw thread_not_found(id);
    return row;
}

// A moderator who changes the acceptance on someone else's question acts as a moderator: the
// change is logged (the asker's own choices are not moderation).
void log_acceptance(pqxx::work& tx, const User& user, long long thread_id, const ThreadRow& row,
                    const std::string& action, std::optional<long long> after) {
    if (!user.is_moderator() || row.author_id == user.id || row.accepted_answer_id == after) return;
    auto state = [](std::optional<long long> id) {
        return nlohmann::json{{"accepted_answer_id", id ? nlohmann::json(*id) : nullptr}};
    };
    append_audit(tx, {user.id, action, "thread", std::to_string(thread_id), std::nullopt,
                      state(row.accepted_answer_id), state(after)});
}

}  // namespace

long long QaStore::create_thread(const User& author, const ThreadInput& in) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        long long id =
            tx.exec_params1(
                  R"(INSERT INTO threads (author_id, title, body_markdown, body_html, tags, step,
                                                    structure_type, territory)
                                VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8) RETURNING id)",
                  author.id, in.title, in.body, render_markdown_html(in.body), to_pg_array(in.tags),
                  in.step, in.structure_type, in.territory)[0]
                .as<long long>();
        queue_for_index(tx, id);
        enqueue_question_notifications(tx, id, routing_);
        tx.commit();
        return id;
    });
}

std::optional<ThreadView> QaStore::thread_view(long long id, const std::optional<User>& viewer) {
    const bool moderator = viewer && viewer->is_moderator();
    return db_.with_connection([&](pqxx::connection& c) -> std::optional<ThreadView> {
        pqxx::read_transaction tx(c);
        auto rows = tx.exec_params(
            "SELECT t.id, t.title, t.body_markdown, t.body_html, t.tags, t.step, "
            "t.structure_type, t.territory, t.hidden, " +
                accepted_answer_sql("t") + ", t.created_at, t.updated_at, " +
                thread_status_sql("t") +
                R"(, u.id, u.display_name, u.role,
                   (SELECT count(*) FROM post_revisions r WHERE r.post_type = 'thread' AND r.post_id = t.id)
                   FROM threads t JOIN users u ON u.id = t.author_id WHERE t.id = $1)",
            id);
        if (rows.empty()) return std::nullopt;
        const auto& r = rows[0];
        ThreadView thread;
        thread.hidden = r[8].as<bool>();
        if (thread.hidden && !moderator) return std::nullopt;
        thread.id = r[0].as<long long>();
        thread.title = r[1].as<std::string>();
        thread.body = r[2].as<std::string>();
        thread.html = r[3].as<std::string>();
        thread.tags = from_pg_array(r[4]);
        thread.step = optional_text(r[5]);
        thread.structure_type = optional_text(r[6]);
        thread.territory = optional_text(r[7]);
        thread.accepted_answer_id = optional_id(r[9]);
        thread.created_at = timestamp_of(r[10]);
        thread.updated_at = timestamp_of(r[11]);
        thread.status = r[12].as<std::string>();
        thread.author = author_of(r, 13);
        thread.revision_count = r[16].as<long long>();
        auto answers = tx.exec_params(
            "SELECT a.id, a.body_markdown, a.body_html, a.hidden, a.created_at, a.updated_at, "
            "u.id, u.display_name, u.role, "
            "(SELECT count(*) FROM votes v WHERE v.answer_id = a.id) AS vote_count, "
            "(a.id = " +
                accepted_answer_sql("t") + R"() IS TRUE AS accepted,
                   (SELECT count(*) FROM post_revisions r WHERE r.post_type = 'answer' AND r.post_id = a.id)
                   FROM answers a JOIN users u ON u.id = a.author_id JOIN threads t ON t.id = a.thread_id
                   WHERE a.thread_id = $1 AND ($2 OR NOT a.hidden)
                   ORDER BY accepted DESC, vote_count DESC, a.created_at, a.id)",
            id, moderator);
        for (const auto& a : answers) {
            thread.answers.push_back(Answer{
                a[0].as<long long>(), id, a[1].as<std::string>(), a[2].as<std::string>(),
                timestamp_of(a[4]), timestamp_of(a[5]), author_of(a, 6), a[9].as<long long>(),
                a[10].as<bool>(), a[11].as<long long>(), a[3].as<bool>()});
        }
        return thread;
    });
}

ThreadPage QaStore::list_threads(const ThreadQuery& q, const std::optional<User>& viewer) {
    const bool moderator = viewer && viewer->is_moderator();
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        // for_me: unanswered questions matching the expert's structure type, territory or topics.
        const std::string sql =
            "WITH me AS (SELECT structure_type, territory, topics FROM users WHERE id = $8), "
            "listed AS (SELECT t.id, t.title, t.tags, t.step, t.structure_type, t.territory, " +
            thread_status_sql("t") +
            R"( AS status, t.created_at,
                u.id AS author_id, u.display_name, u.role,
                (SELECT count(*) FROM answers a WHERE a.thread_id = t.id AND NOT a.hidden) AS answer_count,
                t.source
              FROM threads t JOIN users u ON u.id = t.author_id
              WHERE ($1 OR NOT t.hidden)
                AND (cardinality($2::text[]) = 0 OR t.tags && $2::text[])
                AND (cardinality($3::text[]) = 0 OR t.step = ANY($3::text[]))
                AND (cardinality($4::text[]) = 0 OR t.structure_type = ANY($4::text[]))
                AND (cardinality($10::text[]) = 0 OR t.territory = ANY($10::text[]))
                AND (NOT $9 OR EXISTS (SELECT 1 FROM me WHERE t.structure_type = me.structure_type
                                          OR t.territory = me.territory OR t.tags && me.topics)))
            SELECT id, title, tags, step, structure_type, territory, status, created_at, author_id,
                   display_name, role, answer_count, count(*) OVER (), source
            FROM listed WHERE ($5::text IS NULL OR status = $5::text)
            ORDER BY created_at DESC, id DESC LIMIT $6 OFFSET $7)";
        auto rows = tx.exec_params(sql, moderator, to_pg_array(q.tags), to_pg_array(q.steps),
                                   to_pg_array(q.structure_types), q.status, q.per_page,
                                   static_cast<long long>(q.page - 1) * q.per_page,
                                   viewer ? viewer->id : 0, q.for_me, to_pg_array(q.territories));
        ThreadPage page;
        page.page = q.page;
        page.per_page = q.per_page;
        for (const auto& r : rows) {
            page.total = r[12].as<long long>();
            page.results.push_back(
                ThreadSummary{r[0].as<long long>(), r[1].as<std::string>(), from_pg_array(r[2]),
                              optional_text(r[3]), optional_text(r[4]), optional_text(r[5]),
                              r[6].as<std::string>(), timestamp_of(r[7]), author_of(r, 8),
                              r[11].as<long long>(), r[13].as<std::string>()});
        }
        return page;
    });
}

std::vector<long long> QaStore::voted_answers(long long thread_id, long long user_id) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        std::vector<long long> ids;
        for (const auto& r :
             tx.exec_params("SELECT v.answer_id FROM votes v JOIN answers a ON a.id = v.answer_id "
                            "WHERE a.thread_id = $1 AND v.user_id = $2",
                            thread_id, user_id))
            ids.push_back(r[0].as<long long>());
        return ids;
    });
}

void QaStore::update_thread(long long id, const User& editor, const ThreadPatch& patch) {
    db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        ThreadRow row = lock_thread(tx, id, editor.is_moderator());
        if (row.author_id != editor.id && !editor.is_moderator()) {
            throw ApiError::forbidden(
                "Seul l'auteur ou un modérateur peut modifier cette question.");
        }
        tx.exec_params(
            R"(INSERT INTO post_revisions (post_type, post_id, editor_id, title, body_markdown)
                          SELECT 'thread', id, $2, title, body_markdown FROM threads WHERE id = $1)",
            id, editor.id);
        std::optional<std::string> html;
        if (patch.body) html = render_markdown_html(*patch.body);
        std::optional<std::string> tags;
        if (patch.tags) tags = to_pg_array(*patch.tags);
        tx.exec_params(
            R"(UPDATE threads SET title = coalesce($2, title), body_markdown = coalesce($3, body_markdown),
                                             body_html = coalesce($4, body_html),
                                             tags = coalesce($5::text[], tags),
                 step = CASE WHEN 'step' = ANY($9::text[]) THEN NULL ELSE coalesce($6, step) END,
                 structure_type = CASE WHEN 'structure_type' = ANY($9::text[]) THEN NULL
                                       ELSE coalesce($7, structure_type) END,
                 territory = CASE WHEN 'territory' = ANY($9::text[]) THEN NULL
                                  ELSE coalesce($8, territory) END,
                 updated_at = now()
                          WHERE id = $1)",
            id, patch.title, patch.body, html, tags, patch.step, patch.structure_type,
            patch.territory, to_pg_array(patch.cleared));
        queue_for_index(tx, id);
        tx.commit();
    });
}

long long QaStore::create_answer(long long thread_id, const User& author, const std::string& body) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        // A shared lock is enough: answers to one thread may be written concurrently.
        auto rows = tx.exec_params("SELECT hidden FROM threads WHERE id = $1 FOR SHARE", thread_id);
        if (rows.empty() || (rows[0][0].as<bool>() && !author.is_moderator()))
            throw thread_not_found(thread_id);
        long long id =
            tx.exec_params1(R"(INSERT INTO answers (thread_id, author_id, body_markdown, body_html)
                                          VALUES ($1, $2, $3, $4) RETURNING id)",
                            thread_id, author.id, body, render_markdown_html(body))[0]
                .as<long long>();
        queue_for_index(tx, thread_id);
        enqueue_answer_notification(tx, thread_id, author.id);
        tx.commit();
        return id;
    });
}

long long QaStore::update_answer(long long answer_id, const User& editor, const std::string& body) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        auto rows = tx.exec_params(
            "SELECT a.author_id, a.thread_id, a.hidden OR t.hidden FROM answers a JOIN threads t "
            "ON t.id = a.thread_id "
            "WHERE a.id = $1 FOR UPDATE OF a",
            answer_id);
        if (rows.empty() || (rows[0][2].as<bool>() && !editor.is_moderator()))
            throw answer_not_found(answer_id);
        if (rows[0][0].as<long long>() != editor.id && !editor.is_moderator()) {
            throw ApiError::forbidden(
                "Seul l'auteur ou un modérateur peut modifier cette réponse.");
        }
        const long long thread_id = rows[0][1].as<long long>();
        tx.exec_params(R"(INSERT INTO post_revisions (post_type, post_id, editor_id, body_markdown)
                          SELECT 'answer', id, $2, body_markdown FROM answers WHERE id = $1)",
                       answer_id, editor.id);
        tx.exec_params(
            "UPDATE answers SET body_markdown = $2, body_html = $3, updated_at = now() WHERE id = "
            "$1",
            answer_id, body, render_markdown_html(body));
        queue_for_index(tx, thread_id);
        tx.commit();
        return thread_id;
    });
}

void QaStore::accept(long long thread_id, const User& user, long long answer_id) {
    db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        ThreadRow row = lock_thread(tx, thread_id, user.is_moderator());
        if (row.author_id != user.id && !user.is_moderator()) {
            throw ApiError::forbidden(
                "Seul l'auteur de la question ou un modérateur peut accepter une réponse.");
        }
        auto answer =
            tx.exec_params("SELECT thread_id, hidden FROM answers WHERE id = $1", answer_id);
        if (answer.empty() || (answer[0][1].as<bool>() && !user.is_moderator()))
            throw answer_not_found(answer_id);
        if (answer[0][0].as<long long>() != thread_id) {
            throw ApiError::unprocessable("answer_not_in_thread",
                                          "Cette réponse appartient à une autre question.");
        }
        if (answer[0][1].as<bool>()) {
            throw ApiError::unprocessable("answer_hidden",
                                          "Une réponse masquée ne peut pas être acceptée.");
        }
        tx.exec_params(
            "UPDATE threads SET accepted_answer_id = $2, updated_at = now() WHERE id = $1",
            thread_id, answer_id);
        log_acceptance(tx, user, thread_id, row, "accept", answer_id);
        queue_for_index(tx, thread_id);
        enqueue_accepted_notification(tx, thread_id, user.id);
        tx.commit();
    });
}

void QaStore::unaccept(long long thread_id, const User& user) {
    db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        ThreadRow row = lock_thread(tx, thread_id, user.is_moderator());
        if (row.author_id != user.id && !user.is_moderator()) {
            throw ApiError::forbidden(
                "Seul l'auteur de la question ou un modérateur peut retirer l'acceptation.");
        }
        tx.exec_params(
            "UPDATE threads SET accepted_answer_id = NULL, updated_at = now() WHERE id = $1",
            thread_id);
        log_acceptance(tx, user, thread_id, row, "unaccept", std::nullopt);
        queue_for_index(tx, thread_id);
        tx.commit();
    });
}

long long QaStore::vote(long long answer_id, const User& user, bool up) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        auto rows = tx.exec_params(
            "SELECT a.author_id, a.hidden OR t.hidden FROM answers a JOIN threads t ON t.id = "
            "a.thread_id "
            "WHERE a.id = $1",
            answer_id);
        if (rows.empty() || rows[0][1].as<bool>()) throw answer_not_found(answer_id);
        if (rows[0][0].as<long long>() == user.id) {
            throw ApiError(403, "own_answer", "Action non autorisée",
                           "On ne vote pas pour sa propre réponse.");
        }
        if (up) {
            tx.exec_params(
                "INSERT INTO votes (answer_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                answer_id, user.id);
        } else {
            tx.exec_params("DELETE FROM votes WHERE answer_id = $1 AND user_id = $2", answer_id,
                           user.id);
        }
        long long count =
            tx.exec_params1("SELECT count(*) FROM votes WHERE answer_id = $1", answer_id)[0]
                .as<long long>();
        tx.commit();
        return count;
    });
}

}  // namespace kb
