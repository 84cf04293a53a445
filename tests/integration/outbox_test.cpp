/// @brief The search outbox names (entity_kind, entity_id) and wakes the index writer on commit
/// through LISTEN/NOTIFY: rows written by SQL from another process are indexed at once, the
/// listener survives losing its connection, unknown kinds wait, and the 0007 migration keeps
/// pending rows.
#include "accounts.hpp"
#include "http_client.hpp"
#include "polling.hpp"
#include "process.hpp"
#include "search_helpers.hpp"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include <chrono>

namespace kb::test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Writes a thread and its outbox row straight to PostgreSQL, as another process would, with the
// notification the store sends; returns the thread's id.
long long insert_thread_by_sql(const std::string& db_url, const std::string& word) {
    pqxx::connection conn(db_url);
    pqxx::work tx(conn);
    const long long id =
        tx.exec_params1(R"(INSERT INTO threads (author_id, title, body_markdown, body_html)
                           SELECT id, $1, $1, $1 FROM users ORDER BY id LIMIT 1 RETURNING id)",
                        "Question " + word)[0]
            .as<long long>();
    tx.exec_params(R"(WITH queued AS (INSERT INTO search_outbox (entity_kind, entity_id)
                                      VALUES ('thread', $1) RETURNING id)
                      SELECT pg_notify('search_outbox', id::text) FROM queued)",
                   id);
    tx.commit();
    return id;
}

// Milliseconds until the search finds the thread, or -1 after 5 s.
long long ms_until_found(int port, const std::string& word, long long thread) {
    const auto start = Clock::now();
    const bool found = poll_until([&] {
        return search_finds(port, "kind=thread&q=" + url_encode(word),
                            "thread:" + std::to_string(thread));
    });
    if (!found) return -1;
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// The backend pid of the service's LISTEN connection, or "" while it has none.
std::string listener_pid(const TestDatabase& db) {
    return db.scalar(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE "
        "'LISTEN%' ORDER BY backend_start DESC LIMIT 1");
}

class Outbox : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(run_indexer(db_.url(), index_.path(), {fixture_kb_dir()}).exit_code, 0);
        // The author of the threads written by SQL.
        (void)create_user_with_token(db_.url(), "alice", "Alice", "member");
        // Searched quickly from one address: request limits lifted (rate_limit_test.cpp tests
        // them).
        service_ = std::make_unique<ServiceProcess>(
            db_.url(), index_.path(), std::vector<std::string>{"--rate-limits", "false"});
        ASSERT_TRUE(wait_listening());
    }
    bool wait_listening(const std::string& not_pid = "") {
        return poll_until([&] {
            const std::string pid = listener_pid(db_);
            return !pid.empty() && pid != not_pid;
        });
    }
    // Writes `count` threads by SQL, each just after the previous one was found, and expects each
    // to be found well under the writer's one-second poll: a writer that only polled would take
    // about a second for each.
    void expect_each_indexed_promptly(const std::string& stem, int count) {
        for (int i = 0; i < count; ++i) {
            const std::string word = stem + std::string(1, static_cast<char>('a' + i)) + "z";
            const long long thread = insert_thread_by_sql(db_.url(), word);
            const long long ms = ms_until_found(service_->port(), word, thread);
            EXPECT_GE(ms, 0) << word << " never indexed";
            EXPECT_LT(ms, 500) << word;
        }
    }

    TestDatabase db_;
    TempDir index_;
    std::unique_ptr<ServiceProcess> service_;
};

TEST_F(Outbox, RowsWrittenBySqlFromAnotherProcessAreIndexedWellUnderTheOneSecondPoll) {
    // Nothing in the service runs for these writes: only the notification can wake its writer.
    expect_each_indexed_promptly("axolotl", 5);
}

TEST_F(Outbox, TheWriterListensAgainAfterItsConnectionIsCut) {
    const std::string pid = listener_pid(db_);
    ASSERT_FALSE(pid.empty());
    ASSERT_EQ(db_.scalar("SELECT pg_terminate_backend(" + pid + ")"), "t");
    ASSERT_TRUE(wait_listening(pid));
    expect_each_indexed_promptly("capybara", 3);
}

TEST_F(Outbox, RowsOfAKindWithoutLoaderWaitForABuildThatHasOneAndHoldNothingBack) {
    // Forum topics have no loader yet (resources have one since the resource library).
    (void)db_.scalar("INSERT INTO search_outbox (entity_kind, entity_id) VALUES ('topic', 1)");
    const long long thread = insert_thread_by_sql(db_.url(), "quokkaz");
    EXPECT_GE(ms_until_found(service_->port(), "quokkaz", thread), 0);
    // The writer marks rows processed just after the index commit that made them searchable.
    EXPECT_TRUE(poll_until([&] {
        return db_.scalar(
                   "SELECT count(*) FROM search_outbox WHERE processed_at IS NULL AND "
                   "entity_kind = 'thread'") == "0";
    }));
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM search_outbox WHERE processed_at IS NULL AND "
                         "entity_kind = 'topic'"),
              "1");
}

TEST(OutboxMigration, PendingThreadRowsBecomeEntityRowsAndAreStillReplayed) {
    TempDir old_schema, index;
    for (const auto& entry : fs::directory_iterator(source_dir() / "schema")) {
        if (entry.path().filename().string() < "0007")
            fs::copy_file(entry.path(), old_schema.path() / entry.path().filename());
    }
    TestDatabase db(old_schema.path());
    // A post committed by the previous version, whose process died before indexing it, after
    // an earlier change of the same thread that was indexed.
    (void)db.scalar(R"(INSERT INTO users (login, display_name) VALUES ('alice', 'Alice');
                       INSERT INTO threads (author_id, title, body_markdown, body_html)
                           SELECT id, 'Question du wombat', 'wombat', 'wombat' FROM users;
                       INSERT INTO search_outbox (thread_id, processed_at)
                           SELECT id, now() FROM threads;
                       INSERT INTO search_outbox (thread_id) SELECT id FROM threads;)");
    const long long thread = std::stoll(db.scalar("SELECT id FROM threads"));
    CommandResult upgrade = run_migrate(db.url());
    ASSERT_EQ(upgrade.exit_code, 0) << upgrade.err;
    EXPECT_NE(upgrade.out.find("applied 0007"), std::string::npos) << upgrade.out;
    const std::string rows =
        "SELECT string_agg(entity_kind || ':' || entity_id || ':' || (processed_at IS NULL), ' ' "
        "ORDER BY id) FROM search_outbox";
    const std::string id = std::to_string(thread);
    EXPECT_EQ(db.scalar(rows), "thread:" + id + ":false thread:" + id + ":true");

    // No index yet: the writer starts one, and replays the pending row into it.
    ServiceProcess service(db.url(), index.path());
    ASSERT_TRUE(poll_until([&] {
        return db.scalar("SELECT count(*) FROM search_outbox WHERE processed_at IS NULL") == "0";
    }));
    EXPECT_TRUE(search_finds(service.port(), "kind=thread&q=wombat", "thread:" + id));
}

}  // namespace
}  // namespace kb::test
