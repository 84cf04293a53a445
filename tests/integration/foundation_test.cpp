/// @brief Foundation tests through the real binaries on a real PostgreSQL: migrations, error
/// answers, readiness across a database restart, graceful shutdown under load.
#include "api_assertions.hpp"
#include "http_client.hpp"
#include "polling.hpp"
#include "process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <atomic>
#include <csignal>
#include <thread>

namespace kb::test {
namespace {

namespace fs = std::filesystem;

TEST(Migrations, ApplyingTwiceIsANoOp) {
    TestDatabase db;  // already migrated once by the fixture
    CommandResult again = run_migrate(db.url());
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("0 applied"), std::string::npos) << again.out;
    const auto files =
        std::distance(fs::directory_iterator(source_dir() / "schema"), fs::directory_iterator{});
    EXPECT_EQ(db.scalar("SELECT count(*) FROM schema_migrations"), std::to_string(files));
}

TEST(Migrations, AFailingMigrationLeavesTheDatabaseAsItWasAndNamesTheFile) {
    TestDatabase db;
    TempDir schema;
    for (const auto& entry : fs::directory_iterator(source_dir() / "schema")) {
        fs::copy_file(entry.path(), schema.path() / entry.path().filename());
    }
    write_file(schema.path() / "9998_good.sql", "CREATE TABLE good_one (id int);");
    write_file(schema.path() / "9999_broken.sql",
               "CREATE TABLE half_done (id int);\nINSERT INTO no_such_table VALUES (1);");
    CommandResult r = run_migrate(db.url(), schema.path());
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("9999_broken.sql"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("no_such_table"), std::string::npos) << r.err;
    // The good migration before it committed; the broken one left nothing behind.
    EXPECT_EQ(db.scalar("SELECT count(*) FROM schema_migrations WHERE version = '9998_good.sql'"),
              "1");
    EXPECT_EQ(db.scalar("SELECT count(*) FROM schema_migrations WHERE version = '9999_broken.sql'"),
              "0");
    EXPECT_EQ(db.scalar("SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'"), "0");
}

class ServiceTest : public ::testing::Test {
  protected:
    void SetUp() override {
        auto r = run_indexer(db_.url(), index_.path(), {fixture_kb_dir()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        // A burst of searches from one address is what these tests make: request limits lifted
        // (rate_limit_test.cpp tests them).
        service_ = std::make_unique<ServiceProcess>(
            db_.url(), index_.path(),
            std::vector<std::string>{"--max-body-bytes", "4096", "--rate-limits", "false"});
    }
    int port() const { return service_->port(); }
    TestDatabase db_;
    TempDir index_;
    std::unique_ptr<ServiceProcess> service_;
};

TEST_F(ServiceTest, HealthAndReadiness) {
    HttpResponse health = http_request(port(), "GET", "/healthz");
    EXPECT_EQ(health.status, 200);
    HttpResponse ready = http_request(port(), "GET", "/readyz");
    EXPECT_EQ(ready.status, 200) << ready.body;
    EXPECT_EQ(json_body(ready)["database"], "ok");
    EXPECT_EQ(json_body(ready)["search_index"], "ok");
}

TEST_F(ServiceTest, ErrorAnswersAreProblemDetails) {
    expect_problem(http_request(port(), "GET", "/api/no/such/route"), 404, "route_not_found");
    // Outside the API an unknown address is a page (the error page), with the same status.
    const HttpResponse page = http_request(port(), "GET", "/no/such/route");
    EXPECT_EQ(page.status, 404);
    EXPECT_NE(page.header("content-type").find("text/html"), std::string::npos);
    expect_problem(http_request(port(), "DELETE", "/healthz"), 405, "method_not_allowed");
    expect_problem(http_request(port(), "POST", "/api/v1/search", "{\"q\": \"x\","), 400,
                   "malformed_json");
    expect_problem(http_request(port(), "POST", "/api/v1/search", "[1, 2]"), 400, "invalid_body");
    expect_problem(http_request(port(), "POST", "/api/v1/search", "{\"q\": 12}"), 400,
                   "invalid_field_type");
    expect_problem(http_request(port(), "POST", "/api/v1/search", "{\"q\": \"caf\xC3\"}"), 400,
                   "invalid_utf8");
    // Over the configured 4096-byte limit, yet far below Pistache's own transport limit.
    std::string big = "{\"q\": \"" + std::string(5000, 'a') + "\"}";
    expect_problem(http_request(port(), "POST", "/api/v1/search", big), 413, "payload_too_large");
    expect_problem(http_request(port(), "GET", "/api/v1/articles/nope-%FF%FE"), 400,
                   "invalid_utf8");
    expect_problem(http_request(port(), "GET", "/api/v1/search?q=%C3%28"), 400, "invalid_utf8");
    expect_problem(http_request(port(), "GET", "/api/v1/search?q=%ZZ"), 400,
                   "invalid_percent_encoding");
    // A valid JSON body still works after all of this.
    HttpResponse ok =
        http_request(port(), "POST", "/api/v1/search", "{\"q\": \"conventionnement\"}");
    EXPECT_EQ(ok.status, 200) << ok.body;
}

TEST_F(ServiceTest, HeadAndOptionsAreAnswered) {
    HttpResponse head = http_request(port(), "HEAD", "/healthz");
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
    HttpResponse options = http_request(port(), "OPTIONS", "/api/v1/search");
    EXPECT_EQ(options.status, 204);
    EXPECT_NE(options.header("allow").find("POST"), std::string::npos);
}

TEST_F(ServiceTest, LogsOneJsonLinePerRequest) {
    http_request(port(), "GET", "/healthz");
    http_request(port(), "GET", "/nothing-here");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::istringstream log(service_->log());
    int matching = 0;
    for (std::string line; std::getline(log, line);) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.contains("path")) continue;
        if (j["path"] == "/nothing-here") {
            EXPECT_EQ(j["method"], "GET");
            EXPECT_EQ(j["status"], 404);
            EXPECT_TRUE(j["duration_ms"].is_number());
            ++matching;
        }
    }
    EXPECT_EQ(matching, 1) << service_->log();
}

TEST_F(ServiceTest, SigtermDuringABurstAnswersCompletelyAndExitsCleanly) {
    std::atomic<bool> stop{false};
    std::atomic<int> ok{0}, refused{0}, broken_bodies{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < 8; ++c) {
        clients.emplace_back([&] {
            for (int round = 0; round < 2000 && !stop.load(); ++round) {
                HttpConnection conn(port());
                for (int i = 0; i < 50 && conn.open() && !stop.load(); ++i) {
                    HttpResponse r =
                        conn.request("GET", "/api/v1/search?q=conventionnement&per_page=2");
                    if (r.status == 200) {
                        auto body = nlohmann::json::parse(r.body, nullptr, false);
                        // An answered 2xx must be whole: a truncated body would not parse.
                        if (body.is_discarded() || !body.contains("results"))
                            ++broken_bodies;
                        else
                            ++ok;
                    } else if (r.status == 503 || r.status == 0) {
                        ++refused;
                    } else {
                        ++broken_bodies;
                    }
                }
                if (!conn.open() && stop.load()) break;
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const int exit_code = service_->stop(30);
    stop = true;
    for (auto& t : clients) t.join();
    EXPECT_EQ(exit_code, 0) << service_->log();
    EXPECT_GT(ok.load(), 0);
    EXPECT_EQ(broken_bodies.load(), 0);
    EXPECT_NE(service_->log().find("\"drained\":true"), std::string::npos) << service_->log();
}

// Readiness follows PostgreSQL: a private cluster is stopped and restarted under the service.
TEST(Readiness, ReadyzIs503WhilePostgresIsDownAnd200AfterItRestarts) {
    TempDir cluster;
    const std::string pg = (source_dir() / "deploy/pg-cluster").string();
    const std::string port = std::to_string(20000 + ::getpid() % 20000);
    ASSERT_EQ(run_command(pg, {"start", cluster.path().string(), port}).exit_code, 0);
    const std::string url = run_command(pg, {"url", cluster.path().string(), port}).out;
    const std::string db_url = url.substr(0, url.find('\n'));
    ASSERT_EQ(run_migrate(db_url).exit_code, 0);
    TempDir index;
    ASSERT_EQ(run_indexer(db_url, index.path(), {fixture_kb_dir()}).exit_code, 0);
    {
        ServiceProcess service(db_url, index.path());
        EXPECT_EQ(http_request(service.port(), "GET", "/readyz").status, 200);

        ASSERT_EQ(run_command(pg, {"stop", cluster.path().string()}).exit_code, 0);
        HttpResponse down = http_request(service.port(), "GET", "/readyz");
        expect_problem(down, 503, "not_ready");
        EXPECT_EQ(json_body(down)["checks"]["database"], "unavailable");
        EXPECT_EQ(json_body(down)["checks"]["search_index"], "ok");
        // Search keeps working from the index while the database is away.
        EXPECT_EQ(http_request(service.port(), "GET", "/api/v1/search?q=conventionnement").status,
                  200);

        ASSERT_EQ(run_command(pg, {"start", cluster.path().string(), port}).exit_code, 0);
        EXPECT_TRUE(poll_until(
            [&] { return http_request(service.port(), "GET", "/readyz").status == 200; }));
        EXPECT_EQ(service.stop(), 0);
    }
    run_command(pg, {"stop", cluster.path().string()});
}

}  // namespace
}  // namespace kb::test
