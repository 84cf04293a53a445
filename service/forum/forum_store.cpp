/// @brief SQL of the forum's threads and answers: upserts by external id, stale edits refused,
/// deletions and acceptance ordered by event id, an outbox row beside every change.
#include "forum_store.hpp"

#include "markdown.hpp"
#include "outbox.hpp"
#include "pg_arrays.hpp"
#include "utf8.hpp"
#include "vocabulary.hpp"

namespace kb {

namespace {

constexpr const char* kForumUser = "(SELECT id FROM users WHERE login = 'discourse-forum')";

// True when the new version (v, u) is newer than the row's: a higher version, or the same version
// edited later; by date alone when either side has no version. A row never written is older.
std::string newer_sql(const std::string& row, const std::string& v, const std::string& u) {
    return "(" + row + ".forum_updated_at IS NULL OR (" + v + " IS NOT NULL AND " + row +
           ".forum_version IS NOT NULL AND (" + v + " > " + row + ".forum_version OR (" + v +
           " = " + row + ".forum_version AND " + u + " > " + row + ".forum_updated_at))) OR ((" +
           v + " IS NULL OR " + row + ".forum_version IS NULL) AND " + u + " > " + row +
           ".forum_updated_at))";
}

// "Answered" means answered by someone other than the asker (thread_first_answers, kept by
// triggers on answers that compare local authors). Forum threads and answers share one local
// author, so for them the forum's author names are compared, after the triggers have run.
void note_first_answer(pqxx::work& tx, long long thread_id) {
    tx.exec_params(
        "WITH first AS (SELECT min(a.created_at) AS at FROM answers a JOIN threads t ON t.id = "
        "a.thread_id WHERE a.thread_id = $1 AND t.source = 'forum' AND NOT a.hidden AND "
        "a.forum_author IS DISTINCT FROM t.forum_author), "
        "gone AS (DELETE FROM thread_first_answers f USING threads t WHERE f.thread_id = $1 AND "
        "t.id = $1 AND t.source = 'forum' AND (SELECT at FROM first) IS NULL) "
        "INSERT INTO thread_first_answers (thread_id, first_answer_at) "
        "SELECT $1, at FROM first WHERE at IS NOT NULL "
        "ON CONFLICT (thread_id) DO UPDATE SET first_answer_at = EXCLUDED.first_answer_at",
        thread_id);
}

std::optional<std::string> non_empty(const std::string& text) {
    if (text.empty()) return std::nullopt;
    return text;
}

void queue_for_index(pqxx::work& tx, long long thread_id) {
    enqueue_for_index(tx, kKindThread, thread_id);
    note_first_answer(tx, thread_id);
}

// The stored text: the author's Markdown when the forum gave it, else the sanitised text.
std::string body_source(const ForumPostContent& c) {
    return c.post.raw && !c.post.raw->empty() ? *c.post.raw : c.body.text;
}

std::optional<long long> thread_of_topic(pqxx::work& tx, long long topic_id) {
    auto rows = tx.exec_params("SELECT id FROM threads WHERE forum_topic_id = $1", topic_id);
    if (rows.empty()) return std::nullopt;
    return rows[0][0].as<long long>();
}

// Applies one post to its thread (the first post is the question); false when stale.
bool apply_post(pqxx::work& tx, long long thread_id, const ForumPostContent& c) {
    const ForumPost& p = c.post;
    if (p.post_number == 1) {
        auto rows = tx.exec_params(
            "UPDATE threads t SET body_markdown = $2, body_html = $3, forum_post_id = $4, "
            "forum_author = coalesce($5, t.forum_author), forum_version = $6::int, "
            "forum_updated_at = $7::timestamptz, "
            "updated_at = greatest(t.updated_at, $7::timestamptz) WHERE t.id = $1 AND " +
                newer_sql("t", "$6::int", "$7::timestamptz") + " RETURNING t.id",
            thread_id, body_source(c), c.body.html, p.id, non_empty(p.author), p.version,
            non_empty(p.updated_at));
        return !rows.empty();
    }
    auto rows = tx.exec_params(
        std::string("INSERT INTO answers (thread_id, author_id, body_markdown, body_html, hidden, "
                    "created_at, updated_at, forum_post_id, forum_post_number, forum_author, "
                    "forum_created_at, forum_updated_at, forum_version) VALUES ($1, ") +
            kForumUser +
            ", $2, $3, $4, coalesce($5::timestamptz, now()), coalesce($6::timestamptz, now()), $7, "
            "$8, $9, $5::timestamptz, $6::timestamptz, $10::int) "
            "ON CONFLICT (forum_post_id) WHERE forum_post_id IS NOT NULL DO UPDATE SET "
            "thread_id = EXCLUDED.thread_id, body_markdown = EXCLUDED.body_markdown, "
            "body_html = EXCLUDED.body_html, forum_post_number = EXCLUDED.forum_post_number, "
            "forum_author = EXCLUDED.forum_author, updated_at = EXCLUDED.updated_at, "
            "forum_updated_at = EXCLUDED.forum_updated_at, forum_version = EXCLUDED.forum_version "
            "WHERE " +
            newer_sql("answers", "EXCLUDED.forum_version", "EXCLUDED.forum_updated_at") +
            " RETURNING id",
        thread_id, body_source(c), c.body.html, p.deleted, non_empty(p.created_at),
        non_empty(p.updated_at), p.id, p.post_number, p.author, p.version);
    if (rows.empty()) return false;
    tx.exec_params(
        "UPDATE threads SET updated_at = greatest(updated_at, $2::timestamptz) WHERE id = $1",
        thread_id, non_empty(p.updated_at));
    return true;
}

}  // namespace

long long ForumStore::save_topic(const ForumTopic& topic,
                                 const std::vector<ForumPostContent>& posts, const std::string& url,
                                 bool announce) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        std::string title = utf8_prefix(topic.title, 200);
        if (title.empty()) title = "(sans titre)";
        // xmax is 0 on a row this statement inserted, not on one it updated.
        const pqxx::row stored = tx.exec_params1(
            std::string("INSERT INTO threads (author_id, title, body_markdown, body_html, "
                        "tags, source, forum_topic_id, forum_url, forum_author, "
                        "forum_category, forum_created_at, created_at, updated_at, hidden) "
                        "VALUES (") +
                kForumUser +
                ", $1, '', '', $2::text[], 'forum', $3, $4, $5, $6, $7::timestamptz, "
                "coalesce($7::timestamptz, now()), coalesce($7::timestamptz, now()), $8) "
                "ON CONFLICT (forum_topic_id) WHERE forum_topic_id IS NOT NULL DO UPDATE "
                "SET title = EXCLUDED.title, tags = EXCLUDED.tags, forum_url = "
                "EXCLUDED.forum_url, forum_author = coalesce(EXCLUDED.forum_author, "
                "threads.forum_author), forum_category = coalesce(EXCLUDED.forum_category, "
                "threads.forum_category), forum_created_at = EXCLUDED.forum_created_at, "
                "created_at = EXCLUDED.created_at, hidden = EXCLUDED.hidden "
                "RETURNING id, xmax = 0",
            title, to_pg_array(topic.tags), topic.id, url, non_empty(topic.author), topic.category,
            non_empty(topic.created_at), topic.deleted);
        const long long thread_id = stored[0].as<long long>();
        const bool inserted = stored[1].as<bool>();
        std::optional<long long> accepted_post;
        for (const auto& content : posts) {
            apply_post(tx, thread_id, content);
            // The listing says what is deleted now, whatever the versions.
            tx.exec_params("UPDATE answers SET hidden = $2 WHERE forum_post_id = $1",
                           content.post.id, content.post.deleted);
            if (content.post.accepted_answer ||
                (topic.accepted_post_number &&
                 content.post.post_number == *topic.accepted_post_number)) {
                accepted_post = content.post.id;
            }
        }
        if (accepted_post || !topic.accepted_post_number) {
            tx.exec_params(
                "UPDATE threads t SET forum_accepted_post_id = $2, accepted_answer_id = (SELECT "
                "a.id FROM answers a WHERE a.forum_post_id = $2 AND a.thread_id = t.id) "
                "WHERE t.id = $1",
                thread_id, accepted_post);
        }
        queue_for_index(tx, thread_id);
        // The forum's askers have no account here (its payloads carry no e-mail address to match
        // one with): the thread's local author is the forum account, never an expert.
        if (announce && inserted && !topic.deleted) {
            enqueue_question_notifications(tx, thread_id, routing_);
        }
        tx.commit();
        return thread_id;
    });
}

std::optional<bool> ForumStore::save_post(const ForumPostContent& content) {
    return db_.with_connection([&](pqxx::connection& c) -> std::optional<bool> {
        pqxx::work tx(c);
        auto thread_id = thread_of_topic(tx, content.post.topic_id);
        if (!thread_id) return std::nullopt;
        if (content.post.category) {
            tx.exec_params("UPDATE threads SET forum_category = $2 WHERE id = $1", *thread_id,
                           *content.post.category);
        }
        const bool applied = apply_post(tx, *thread_id, content);
        if (applied) {
            // An accepted post arriving after its acceptance gets linked now.
            tx.exec_params(
                "UPDATE threads t SET accepted_answer_id = a.id FROM answers a WHERE t.id = $1 "
                "AND a.forum_post_id = t.forum_accepted_post_id AND a.thread_id = t.id",
                *thread_id);
            queue_for_index(tx, *thread_id);
        }
        tx.commit();
        return applied;
    });
}

bool ForumStore::set_topic_deleted(long long topic_id, bool deleted, long long seq) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        auto thread_id = thread_of_topic(tx, topic_id);
        if (!thread_id) return false;
        auto rows = tx.exec_params(
            "UPDATE threads SET hidden = $2, forum_deleted_event = $3 WHERE id = $1 AND "
            "coalesce(forum_deleted_event, -1) < $3 RETURNING id",
            *thread_id, deleted, seq);
        if (!rows.empty()) queue_for_index(tx, *thread_id);
        tx.commit();
        return true;
    });
}

bool ForumStore::set_post_deleted(long long post_id, bool deleted, long long seq) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        auto rows = tx.exec_params(
            "SELECT thread_id, coalesce(forum_deleted_event, -1) < $2 FROM answers "
            "WHERE forum_post_id = $1",
            post_id, seq);
        if (rows.empty()) {
            // The first post is the question: deleting it deletes the topic.
            auto first = tx.exec_params(
                "UPDATE threads SET hidden = $2, forum_deleted_event = $3 WHERE forum_post_id = $1 "
                "AND coalesce(forum_deleted_event, -1) < $3 RETURNING id",
                post_id, deleted, seq);
            if (!first.empty()) queue_for_index(tx, first[0][0].as<long long>());
            const bool known =
                !first.empty() ||
                !tx.exec_params("SELECT 1 FROM threads WHERE forum_post_id = $1", post_id).empty();
            tx.commit();
            return known;
        }
        if (rows[0][1].as<bool>()) {
            tx.exec_params(
                "UPDATE answers SET hidden = $2, forum_deleted_event = $3 WHERE forum_post_id = $1",
                post_id, deleted, seq);
            queue_for_index(tx, rows[0][0].as<long long>());
        }
        tx.commit();
        return true;
    });
}

bool ForumStore::set_accepted(long long topic_id, std::optional<long long> post_id, long long seq) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        auto thread_id = thread_of_topic(tx, topic_id);
        if (!thread_id) return false;
        auto rows = tx.exec_params(
            "UPDATE threads t SET forum_accepted_post_id = $2, forum_solved_event = $3, "
            "accepted_answer_id = (SELECT a.id FROM answers a WHERE a.forum_post_id = $2 AND "
            "a.thread_id = t.id) WHERE t.id = $1 AND coalesce(t.forum_solved_event, -1) < $3 "
            "RETURNING t.id",
            *thread_id, post_id, seq);
        if (!rows.empty()) queue_for_index(tx, *thread_id);
        tx.commit();
        return true;
    });
}

void ForumStore::mark_topic_gone(long long topic_id) {
    db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        auto rows = tx.exec_params(
            "UPDATE threads SET hidden = true WHERE forum_topic_id = $1 AND NOT hidden RETURNING "
            "id",
            topic_id);
        if (!rows.empty()) queue_for_index(tx, rows[0][0].as<long long>());
        tx.commit();
    });
}

bool ForumStore::topic_known(long long topic_id) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        return !tx.exec_params("SELECT 1 FROM threads WHERE forum_topic_id = $1", topic_id).empty();
    });
}

std::optional<std::string> ForumStore::forum_url_of_thread(long long thread_id) {
    return db_.with_connection([&](pqxx::connection& c) -> std::optional<std::string> {
        pqxx::read_transaction tx(c);
        auto rows = tx.exec_params(
            "SELECT coalesce(forum_url, '') FROM threads WHERE id = $1 AND source = 'forum'",
            thread_id);
        if (rows.empty()) return std::nullopt;
        return rows[0][0].as<std::string>();
    });
}

std::optional<std::string> ForumStore::forum_url_of_answer(long long answer_id) {
    return db_.with_connection([&](pqxx::connection& c) -> std::optional<std::string> {
        pqxx::read_transaction tx(c);
        auto rows = tx.exec_params(
            "SELECT coalesce(t.forum_url, '') FROM answers a JOIN threads t ON t.id = a.thread_id "
            "WHERE a.id = $1 AND t.source = 'forum'",
            answer_id);
        if (rows.empty()) return std::nullopt;
        return rows[0][0].as<std::string>();
    });
}

std::optional<ForumTopicSummary> ForumStore::topic_summary(long long topic_id) {
    return db_.with_connection([&](pqxx::connection& c) -> std::optional<ForumTopicSummary> {
        pqxx::read_transaction tx(c);
        auto rows = tx.exec_params(
            "SELECT id, title, tags, body_markdown FROM threads WHERE forum_topic_id = $1 AND NOT "
            "hidden",
            topic_id);
        if (rows.empty()) return std::nullopt;
        return ForumTopicSummary{rows[0][0].as<long long>(), rows[0][1].as<std::string>(),
                                 from_pg_array(rows[0][2]),
                                 markdown_plain_text(rows[0][3].as<std::string>())};
    });
}

}  // namespace kb
