/// @brief GET /metrics over HTTP: what operators scrape, checked by promtool and by a real
/// Prometheus started on loopback by the test.
#include "api_assertions.hpp"
#include "http_client.hpp"
#include "polling.hpp"
#include "process.hpp"
#include "test_env.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <regex>

namespace kb::test {
namespace {

namespace fs = std::filesystem;

class Metrics : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(run_indexer(db_.url(), index_.path(), {fixture_kb_dir()}).exit_code, 0);
        service_ = std::make_unique<ServiceProcess>(db_.url(), index_.path());
    }
    HttpResponse get(const std::string& target) {
        return http_request(service_->port(), "GET", target);
    }
    // The value of the sample whose line starts with `series` (name and labels), or -1.
    static double sample(const std::string& text, const std::string& series) {
        const auto at = text.find("\n" + series + " ");
        if (at == std::string::npos) return -1;
        return std::stod(text.substr(at + series.size() + 2));
    }

    TestDatabase db_;
    TempDir index_;
    std::unique_ptr<ServiceProcess> service_;
};

TEST_F(Metrics, CountRequestsByRoutePatternWithLatenciesAndReportEachPart) {
    ASSERT_EQ(get("/api/v1/threads/424242").status, 404);
    ASSERT_EQ(get("/api/v1/threads/424243").status, 404);
    ASSERT_EQ(get("/api/v1/search?q=conventionnement").status, 200);
    ASSERT_EQ(get("/api/v1/search?q=conventionnement").status, 200);  // from the cache
    ASSERT_EQ(get("/nulle/part").status, 404);
    HttpResponse r = get("/metrics");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    const std::string& m = r.body;
    // The pattern, never the raw path: two ids, one series.
    EXPECT_EQ(
        sample(m,
               R"(kb_http_requests_total{route="/api/v1/threads/:id",method="GET",status="404"})"),
        2);
    EXPECT_EQ(m.find("424242"), std::string::npos);
    EXPECT_EQ(
        sample(m, R"(kb_http_requests_total{route="/api/v1/search",method="GET",status="200"})"),
        2);
    EXPECT_EQ(sample(m, R"(kb_http_requests_total{route="unmatched",method="GET",status="404"})"),
              1);
    EXPECT_EQ(sample(m, R"(kb_http_request_duration_seconds_count{route="/api/v1/threads/:id"})"),
              2);
    EXPECT_EQ(
        sample(m,
               R"(kb_http_request_duration_seconds_bucket{route="/api/v1/threads/:id",le="+Inf"})"),
        2);
    EXPECT_EQ(sample(m, "kb_search_cache_hits_total"), 1);
    EXPECT_GE(sample(m, "kb_search_cache_misses_total"), 1);
    EXPECT_EQ(sample(m, "kb_search_cache_refreshed_total"), 0);
    EXPECT_EQ(sample(m, R"(kb_outbox_backlog{kind="thread"})"), 0);
    EXPECT_GT(sample(m, "kb_index_documents"), 0);
    EXPECT_EQ(sample(m, "kb_index_reads_overtaken_total"), 0);
    EXPECT_EQ(sample(m, "kb_db_pool_size"), 8);
    EXPECT_GE(sample(m, "kb_db_pool_in_use"), 0);
    EXPECT_EQ(sample(m, "kb_db_pool_timeouts_total"), 0);
    // The scrape itself is counted by the next one.
    EXPECT_EQ(sample(get("/metrics").body,
                     R"(kb_http_requests_total{route="/metrics",method="GET",status="200"})"),
              1);
}

TEST_F(Metrics, PromtoolFindsNothingToSay) {
    if (!fs::exists("/usr/bin/promtool"))
        GTEST_FAIL() << "promtool missing (Debian package prometheus)";
    ASSERT_EQ(get("/api/v1/search?q=aci").status, 200);
    TempDir dir;
    write_file(dir.path() / "metrics.txt", get("/metrics").body);
    CommandResult r = run_command("/bin/sh", {"-c", "/usr/bin/promtool check metrics < " +
                                                        (dir.path() / "metrics.txt").string()});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(r.out + r.err, "") << "promtool's remarks";
}

int free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    close(fd);
    return ntohs(a.sin_port);
}

TEST_F(Metrics, ARealPrometheusScrapesThem) {
    if (!fs::exists("/usr/bin/prometheus")) GTEST_FAIL() << "prometheus missing";
    TempDir dir;
    write_file(dir.path() / "prometheus.yml",
               "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n"
               "  - job_name: kb\n    static_configs:\n      - targets: ['127.0.0.1:" +
                   std::to_string(service_->port()) + "']\n");
    const int port = free_port();  // Prometheus cannot report a port chosen by the OS
    const pid_t pid = fork();
    if (pid == 0) {
        const std::string config = "--config.file=" + (dir.path() / "prometheus.yml").string();
        const std::string storage = "--storage.tsdb.path=" + (dir.path() / "data").string();
        const std::string listen = "--web.listen-address=127.0.0.1:" + std::to_string(port);
        const std::string log = (dir.path() / "prometheus.log").string();
        freopen(log.c_str(), "w", stderr);
        execl("/usr/bin/prometheus", "prometheus", config.c_str(), storage.c_str(), listen.c_str(),
              static_cast<char*>(nullptr));
        _exit(127);
    }
    // Up once Prometheus has scraped the service and found it healthy; the scrapes count
    // themselves from the second one on.
    nlohmann::json up;
    HttpResponse series;
    const bool scraped = poll_until(
        [&] {
            HttpResponse r =
                http_request(port, "GET", "/api/v1/query?query=up%7Bjob%3D%22kb%22%7D");
            up = nlohmann::json::parse(r.body, nullptr, false);
            series = http_request(
                port, "GET",
                "/api/v1/query?query=kb_http_requests_total%7Broute%3D%22%2Fmetrics%22%7D");
            return r.status == 200 && up["data"]["result"].size() == 1 &&
                   up["data"]["result"][0]["value"][1] == "1" &&
                   series.body.find("\"route\":\"/metrics\"") != std::string::npos;
        },
        std::chrono::seconds(30));
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
    EXPECT_TRUE(scraped) << up.dump() << "\n" << read_file(dir.path() / "prometheus.log");
    EXPECT_NE(series.body.find("\"route\":\"/metrics\""), std::string::npos) << series.body;
}

}  // namespace
}  // namespace kb::test
