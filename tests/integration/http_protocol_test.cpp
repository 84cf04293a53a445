/// @brief HTTP protocol details through the real server: keep-alive by default, Allow on 405,
/// unknown methods, HEAD lengths, WWW-Authenticate, the bearer scheme in any case, CORS.
#include "accounts.hpp"
#include "api_assertions.hpp"
#include "http_client.hpp"
#include "process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace kb::test {
namespace {

using Json = nlohmann::json;

constexpr const char* kForum = "https://forum.example.fr";

class HttpProtocol : public ::testing::Test {
  protected:
    void SetUp() override {
        auto r = run_indexer(db_.url(), index_.path(), {fixture_kb_dir()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        service_ = std::make_unique<ServiceProcess>(
            db_.url(), index_.path(),
            std::vector<std::string>{"--cors-origins",
                                     std::string(kForum) + ", http://localhost:3000"});
    }
    int port() const { return service_->port(); }
    static std::string get(const std::string& target, const std::string& extra = "") {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
    }

    TestDatabase db_;
    TempDir index_;
    std::unique_ptr<ServiceProcess> service_;
};

TEST_F(HttpProtocol, Http11KeepsTheConnectionUnlessTheClientSaysClose) {
    RawConnection conn(port());
    // No Connection header at all: HTTP/1.1's default is to keep the connection.
    HttpResponse first = conn.exchange(get("/healthz"));
    EXPECT_EQ(first.status, 200);
    EXPECT_EQ(first.header("connection"), "keep-alive");
    HttpResponse second = conn.exchange(get("/api/v1/articles?per_page=1"));
    EXPECT_EQ(second.status, 200) << "the connection was not reusable";
    EXPECT_FALSE(conn.closed_by_server(200));

    RawConnection closing(port());
    HttpResponse last = closing.exchange(get("/healthz", "Connection: close\r\n"));
    EXPECT_EQ(last.status, 200);
    EXPECT_EQ(last.header("connection"), "close");
    EXPECT_TRUE(closing.closed_by_server());
}

TEST_F(HttpProtocol, Http10ClosesUnlessItAsksForKeepAlive) {
    RawConnection plain(port());
    HttpResponse r = plain.exchange("GET /healthz HTTP/1.0\r\n\r\n");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.header("connection"), "close");
    EXPECT_TRUE(plain.closed_by_server());

    RawConnection kept(port());
    HttpResponse k = kept.exchange("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    EXPECT_EQ(k.status, 200);
    EXPECT_EQ(k.header("connection"), "keep-alive");
    EXPECT_EQ(kept.exchange("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").status, 200);
}

TEST_F(HttpProtocol, MethodNotAllowedListsTheRouteMethods) {
    HttpResponse r = http_request(port(), "DELETE", "/api/v1/threads");
    expect_problem(r, 405, "method_not_allowed");
    EXPECT_EQ(r.header("allow"), "POST, GET, HEAD, OPTIONS");
    HttpResponse one = http_request(port(), "PUT", "/api/v1/threads/12");
    expect_problem(one, 405, "method_not_allowed");
    EXPECT_EQ(one.header("allow"), "GET, PATCH, HEAD, OPTIONS");
}

TEST_F(HttpProtocol, AnUnknownMethodIsA501ProblemAndTheConnectionEnds) {
    RawConnection conn(port());
    HttpResponse r = conn.exchange(
        "FOO /api/v1/threads HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}");
    expect_problem(r, 501, "method_not_implemented");
    EXPECT_NE(r.body.find("FOO"), std::string::npos) << r.body;
    EXPECT_EQ(r.header("connection"), "close");
    EXPECT_TRUE(conn.closed_by_server());
    // The service goes on answering the others.
    EXPECT_EQ(http_request(port(), "GET", "/healthz").status, 200);
}

TEST_F(HttpProtocol, HeadGivesTheGetHeadersAndLengthWithoutABody) {
    const std::string target = "/api/v1/articles/calcul-des-postes";
    HttpResponse full = http_request(port(), "GET", target);
    ASSERT_EQ(full.status, 200);
    ASSERT_GT(full.body.size(), 100u);
    RawConnection conn(port());
    HttpResponse head =
        conn.exchange("HEAD " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", true);
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("content-length"), std::to_string(full.body.size()));
    EXPECT_EQ(head.header("content-type"), "application/json");
    // Had a body followed the headers, it would be read here as the next answer's status line.
    HttpResponse next = conn.exchange(get("/healthz"));
    EXPECT_EQ(next.status, 200);
    EXPECT_EQ(Json::parse(next.body, nullptr, false).value("status", ""), "ok") << next.body;
}

TEST_F(HttpProtocol, Unauthorized401SaysBearerAndWhyATokenWasRefused) {
    HttpResponse anonymous = http_request(port(), "GET", "/api/v1/me");
    expect_problem(anonymous, 401, "unauthenticated");
    EXPECT_EQ(anonymous.header("www-authenticate"), R"(Bearer realm="passerelle-iae")");
    HttpResponse refused =
        http_request(port(), "GET", "/api/v1/me", "", {{"Authorization", "Bearer kb_nope"}});
    expect_problem(refused, 401, "invalid_token");
    EXPECT_EQ(refused.header("www-authenticate"),
              R"(Bearer realm="passerelle-iae", error="invalid_token")");
    // Other answers carry no challenge.
    EXPECT_EQ(http_request(port(), "GET", "/healthz").header("www-authenticate"), "");
}

TEST_F(HttpProtocol, TheBearerSchemeIsCaseInsensitive) {
    const std::string token = create_user_with_token(db_.url(), "alice", "Alice", "member");
    for (const std::string scheme : {"Bearer", "bearer", "BEARER", "bEaReR"}) {
        HttpResponse r = http_request(port(), "GET", "/api/v1/me", "",
                                      {{"Authorization", scheme + " " + token}});
        EXPECT_EQ(r.status, 200) << scheme << ": " << r.body;
        EXPECT_EQ(Json::parse(r.body, nullptr, false).value("login", ""), "alice") << scheme;
    }
    EXPECT_EQ(
        http_request(port(), "GET", "/api/v1/me", "", {{"Authorization", "Basic " + token}}).status,
        401);
}

TEST_F(HttpProtocol, CorsPreflightAndSimpleRequestsFollowTheAllowList) {
    HttpResponse preflight =
        http_request(port(), "OPTIONS", "/api/v1/threads", "",
                     {{"Origin", kForum},
                      {"Access-Control-Request-Method", "POST"},
                      {"Access-Control-Request-Headers", "authorization, content-type"}});
    EXPECT_EQ(preflight.status, 204);
    EXPECT_EQ(preflight.header("access-control-allow-origin"), kForum);
    EXPECT_NE(preflight.header("access-control-allow-methods").find("POST"), std::string::npos);
    EXPECT_NE(preflight.header("access-control-allow-headers").find("Authorization"),
              std::string::npos);
    EXPECT_NE(preflight.header("access-control-allow-headers").find("Content-Type"),
              std::string::npos);
    EXPECT_EQ(preflight.header("access-control-max-age"), "600");
    EXPECT_EQ(preflight.header("vary"), "Origin");

    HttpResponse stranger = http_request(
        port(), "OPTIONS", "/api/v1/threads", "",
        {{"Origin", "https://evil.example"}, {"Access-Control-Request-Method", "POST"}});
    EXPECT_EQ(stranger.status, 204);
    EXPECT_EQ(stranger.header("access-control-allow-origin"), "");
    EXPECT_EQ(stranger.header("access-control-allow-methods"), "");

    HttpResponse simple = http_request(port(), "GET", "/api/v1/articles?per_page=1", "",
                                       {{"Origin", "http://localhost:3000"}});
    EXPECT_EQ(simple.status, 200);
    EXPECT_EQ(simple.header("access-control-allow-origin"), "http://localhost:3000");
    EXPECT_EQ(simple.header("vary"), "Origin");
    // Errors too, so that the page can read why its call failed.
    HttpResponse error = http_request(port(), "GET", "/api/v1/me", "", {{"Origin", kForum}});
    EXPECT_EQ(error.status, 401);
    EXPECT_EQ(error.header("access-control-allow-origin"), kForum);

    HttpResponse other = http_request(port(), "GET", "/api/v1/articles?per_page=1", "",
                                      {{"Origin", "https://evil.example"}});
    EXPECT_EQ(other.status, 200);
    EXPECT_EQ(other.header("access-control-allow-origin"), "");
}

TEST(HttpProtocolConfig, WithoutConfiguredOriginsNoCorsHeaderIsSent) {
    TestDatabase db;
    TempDir index;
    ASSERT_EQ(run_indexer(db.url(), index.path(), {fixture_kb_dir()}).exit_code, 0);
    ServiceProcess service(db.url(), index.path());
    HttpResponse r = http_request(service.port(), "OPTIONS", "/api/v1/threads", "",
                                  {{"Origin", kForum}, {"Access-Control-Request-Method", "POST"}});
    EXPECT_EQ(r.status, 204);
    EXPECT_EQ(r.header("access-control-allow-origin"), "");
}

}  // namespace
}  // namespace kb::test
