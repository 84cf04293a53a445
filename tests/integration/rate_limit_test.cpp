/// @brief Request limits over HTTP with the service's default budgets: searches and writes per
/// caller, one question every 15 s per token, 429 problem+json with Retry-After.
#include "abuse_support.hpp"

namespace kb::test {
namespace {

class RateLimits : public AbuseServer {
  protected:
    void SetUp() override {
        AbuseServer::SetUp();
        alice_ = token("alice", "member");
        bob_ = token("bob", "member");
    }
    static int retry_after(const HttpResponse& r) {
        const std::string value = r.header("retry-after");
        return value.empty() ? -1 : std::stoi(value);
    }
    std::string alice_, bob_;
};

TEST_F(RateLimits, SixtySearchesAMinuteThenRateLimitedWithRetryAfter) {
    start({});  // the defaults
    for (int i = 0; i < 60; ++i) {
        HttpResponse r = call("GET", "/api/v1/search?q=conventionnement" + std::to_string(i % 3));
        ASSERT_EQ(r.status, 200) << "search " << i << ": " << r.body;
    }
    HttpResponse refused = call("GET", "/api/v1/search?q=conventionnement");
    expect_problem(refused, 429, "rate_limited", "61st search");
    EXPECT_GE(retry_after(refused), 1);
    EXPECT_LE(retry_after(refused), 2);  // one search more every second
    // POST shares the budget; other reads do not use it.
    expect_problem(call("POST", "/api/v1/search", "", R"({"q": "iae"})"), 429, "rate_limited",
                   "POST search");
    EXPECT_EQ(call("GET", "/api/v1/articles").status, 200);
}

TEST_F(RateLimits, OneQuestionEveryFifteenSecondsPerTokenAndRefusedPostsDoNotCount) {
    start({});
    // A post refused for its content leaves the budget whole: the corrected one goes through.
    expect_problem(call("POST", "/api/v1/threads", alice_, R"({"body": "Sans titre."})"), 400,
                   "missing_field", "untitled question");
    EXPECT_GT(new_thread(alice_, "Première question"), 0);
    HttpResponse second = call("POST", "/api/v1/threads", alice_,
                               Json{{"title", "Deuxième question"}, {"body", "Texte."}}.dump());
    expect_problem(second, 429, "rate_limited", "second question within 15 s");
    EXPECT_GE(retry_after(second), 14);
    EXPECT_LE(retry_after(second), 15);
    // Another member is not held back by Alice's question; answers are not questions.
    EXPECT_GT(new_thread(bob_, "La question de Bob"), 0);
    EXPECT_EQ(
        call("POST", "/api/v1/threads/1/answers", alice_, R"({"body": "Une réponse."})").status,
        201);
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM threads"), "2");
}

TEST_F(RateLimits, TwentyWritesAMinutePerAddressWhateverTheToken) {
    start({});
    for (int i = 0; i < 20; ++i) {
        const std::string& who = i % 2 ? alice_ : bob_;
        HttpResponse r = call("PUT", "/api/v1/me/profile", who,
                              Json{{"structure_name", "Structure " + std::to_string(i)}}.dump());
        ASSERT_EQ(r.status, 200) << "write " << i << ": " << r.body;
    }
    // Both tokens come from one address: its budget is spent for either.
    HttpResponse refused =
        call("PUT", "/api/v1/me/profile", token("carol", "member"), R"({"structure_name": "C"})");
    expect_problem(refused, 429, "rate_limited", "21st write from the address");
    EXPECT_GE(retry_after(refused), 1);
    EXPECT_LE(retry_after(refused), 3);
}

TEST_F(RateLimits, TheOperatorCanLiftThem) {
    start({"--rate-limits", "false"});
    for (int i = 0; i < 80; ++i) {
        ASSERT_EQ(call("GET", "/api/v1/search?q=iae").status, 200) << i;
    }
    EXPECT_GT(new_thread(alice_, "Première question"), 0);
    EXPECT_GT(new_thread(alice_, "Deuxième question"), 0);
}

}  // namespace
}  // namespace kb::test
