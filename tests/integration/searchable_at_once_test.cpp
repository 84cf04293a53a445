/// @brief A Q&A write answers only once its change is searchable (X-Search-Indexed), so a search
/// sent right after the answer finds it and is never served a cached answer from before it.
#include "accounts.hpp"
#include "api_assertions.hpp"
#include "http_client.hpp"
#include "process.hpp"
#include "search_helpers.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <future>
#include <thread>

namespace kb::test {
namespace {

using Json = nlohmann::json;

class SearchableAtOnce : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(run_indexer(db_.url(), index_.path(), {fixture_kb_dir()}).exit_code, 0);
        asker_ = create_user_with_token(db_.url(), "alice", "Alice", "member");
        other_ = create_user_with_token(db_.url(), "carol", "Carol", "member");
        moderator_ = create_user_with_token(db_.url(), "mona", "Mona", "moderator");
    }
    void start(std::vector<std::string> extra = {}) {
        // These tests post and search quickly from one address: request limits lifted
        // (rate_limit_test.cpp tests them).
        extra.insert(extra.end(), {"--rate-limits", "false"});
        service_ = std::make_unique<ServiceProcess>(db_.url(), index_.path(), extra);
    }

    HttpResponse call(const std::string& method, const std::string& target,
                      const std::string& token, const Json& body = nullptr) {
        return http_request(service_->port(), method, target, body.is_null() ? "" : body.dump(),
                            {{"Authorization", "Bearer " + token}});
    }
    // A write that must succeed and say that its change is searchable.
    Json write(const std::string& method, const std::string& target, const std::string& token,
               const Json& body = nullptr) {
        HttpResponse r = call(method, target, token, body);
        EXPECT_EQ(r.header("x-search-indexed"), "true") << method << " " << target;
        return expect_json(r, method == "POST" && r.status == 201 ? 201 : 200,
                           method + " " + target);
    }
    long long post_thread(const std::string& title, const std::string& body) {
        return write("POST", "/api/v1/threads", asker_, {{"title", title}, {"body", body}})["id"]
            .get<long long>();
    }
    HttpResponse search(const std::string& query) {
        return http_request(service_->port(), "GET",
                            "/api/v1/search?kind=thread&per_page=50&" + query);
    }
    static bool finds(const HttpResponse& r, long long thread) {
        const auto ids = result_ids(json_body(r));
        return std::find(ids.begin(), ids.end(), "thread:" + std::to_string(thread)) != ids.end();
    }
    bool found_now(const std::string& word, long long thread) {
        return search_finds(service_->port(), "kind=thread&per_page=50&q=" + url_encode(word),
                            "thread:" + std::to_string(thread));
    }

    TestDatabase db_;
    TempDir index_;
    std::string asker_, other_, moderator_;
    std::unique_ptr<ServiceProcess> service_;
};

TEST_F(SearchableAtOnce, TwentyPostsAreEachFoundByTheSearchSentRightAfterTheir201) {
    start();
    int found = 0;
    for (int i = 0; i < 20; ++i) {
        const std::string word = "salamandre" + std::string(1, static_cast<char>('a' + i)) + "q";
        const long long thread = post_thread("Question " + word, "Le mot " + word + " ?");
        if (found_now(word, thread)) {
            ++found;
        } else {
            ADD_FAILURE() << word << " not found right after its 201";
        }
    }
    EXPECT_EQ(found, 20);
}

TEST_F(SearchableAtOnce, ASearchRightAfterARestoreFindsThePostAndIsNoStaleCacheHit) {
    start();
    const long long thread =
        post_thread("Question sur la mandragore", "Le texte de cette question.");
    const std::string t = "/api/v1/threads/" + std::to_string(thread);
    write("POST", t + "/hide", moderator_);
    // The "nothing found" answer of the hidden state is computed, then cached.
    ASSERT_FALSE(found_now("mandragore", thread));
    HttpResponse cached = search("q=mandragore");
    EXPECT_FALSE(finds(cached, thread));
    ASSERT_EQ(cached.header("x-search-cache"), "hit");

    write("POST", t + "/restore", moderator_);
    HttpResponse after = search("q=mandragore");
    EXPECT_TRUE(finds(after, thread)) << after.body;
    EXPECT_EQ(after.header("x-search-cache"), "miss");
    // The same holds for an answer hidden then restored.
    const long long answer =
        write("POST", t + "/answers", other_, {{"body", "Voir le basilic"}})["id"].get<long long>();
    const std::string a = "/api/v1/answers/" + std::to_string(answer);
    write("POST", a + "/hide", moderator_);
    EXPECT_FALSE(found_now("basilic", thread));
    EXPECT_FALSE(found_now("basilic", thread));
    write("POST", a + "/restore", moderator_);
    EXPECT_TRUE(found_now("basilic", thread));
}

TEST_F(SearchableAtOnce, EveryWriteThatChangesSearchAnswersOnceItIsSearchable) {
    start();
    const long long thread =
        post_thread("Question sur les chantiers", "Premier texte de la question");
    const std::string t = "/api/v1/threads/" + std::to_string(thread);
    const long long answer =
        write("POST", t + "/answers", other_, {{"body", "Réponse ornithorynque"}})["id"]
            .get<long long>();
    EXPECT_TRUE(found_now("ornithorynque", thread));
    const std::string a = "/api/v1/answers/" + std::to_string(answer);

    write("PATCH", t, asker_, {{"title", "Question sur les chantiers et le tamarin"}});
    EXPECT_TRUE(found_now("tamarin", thread));
    write("PATCH", a, other_, {{"body", "Réponse corrigée : okapi"}});
    EXPECT_TRUE(found_now("okapi", thread));
    EXPECT_FALSE(found_now("ornithorynque", thread));

    write("POST", t + "/accept", asker_, {{"answer_id", answer}});
    EXPECT_TRUE(finds(search("q=okapi&status=solved"), thread));
    write("DELETE", t + "/accept", asker_);
    EXPECT_TRUE(finds(search("q=okapi&status=answered"), thread));

    // A vote does not change what search returns: nothing to wait for, nothing to say.
    HttpResponse vote = call("PUT", a + "/vote", asker_);
    EXPECT_EQ(vote.status, 200) << vote.body;
    EXPECT_EQ(vote.header("x-search-indexed"), "");
}

TEST_F(SearchableAtOnce, ATypoOfAWordAnEditJustAddedIsCorrectedToIt) {
    start();
    const long long thread =
        post_thread("Question sur les animaux", "Premier texte de la question");
    // The misspelt word is corrected to nothing the index knows yet, and that is remembered.
    EXPECT_FALSE(finds(search("q=ornithorynqe"), thread));
    // An edit replaces the thread's document in place (same document number).
    write("PATCH", "/api/v1/threads/" + std::to_string(thread), asker_,
          {{"body", "Un ornithorynque dans le chantier"}});
    HttpResponse r = search("q=ornithorynqe");
    EXPECT_TRUE(finds(r, thread)) << r.body;
    EXPECT_EQ(Json::parse(r.body)["corrected_query"], "ornithorynque");
}

TEST_F(SearchableAtOnce, WhenIndexingLagsTheWriteAnswersAfterTheConfiguredWaitAndSaysSo) {
    // The writer holds every row for a minute: the write waits --index-wait-ms, then answers.
    start({"--test-outbox-delay-ms", "60000", "--index-wait-ms", "300"});
    const auto before = std::chrono::steady_clock::now();
    HttpResponse r =
        call("POST", "/api/v1/threads", asker_,
             {{"title", "Question en retard"}, {"body", "Texte de la question en retard"}});
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - before);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.header("x-search-indexed"), "false");
    EXPECT_GE(waited.count(), 300);
    EXPECT_LT(waited.count(), 1500);  // the configured wait, not the 2 s default
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM threads WHERE title = 'Question en retard'"), "1");
}

TEST_F(SearchableAtOnce, AModeratorsTagChangeAnswersOnceSearchSeesIt) {
    start();
    write("POST", "/api/v1/tags", moderator_, {{"slug", "tresorerie"}, {"label", "Trésorerie"}});
    const long long thread = write("POST", "/api/v1/threads", asker_,
                                   {{"title", "Question sur les encaissements"},
                                    {"body", "Comment suivre les encaissements ?"},
                                    {"tags", {"tresorerie"}}})["id"]
                                 .get<long long>();
    EXPECT_FALSE(found_now("cash flow", thread));
    // No polling: the search sent right after the answer sees the new synonym.
    write("PATCH", "/api/v1/tags/tresorerie", moderator_, {{"synonyms", {"cash flow"}}});
    EXPECT_TRUE(found_now("cash flow", thread));
}

TEST_F(SearchableAtOnce, AWriteWaitingForTheIndexKeepsNoOneElseWaiting) {
    // One worker thread, and an index that lags: the write's answer is held for --index-wait-ms,
    // and meanwhile the only worker serves everyone else (it used to wait with the write).
    start({"--threads", "1", "--test-outbox-delay-ms", "60000", "--index-wait-ms", "1500"});
    const auto before = std::chrono::steady_clock::now();
    auto held = std::async(std::launch::async, [&] {
        return call("POST", "/api/v1/threads", asker_,
                    {{"title", "Question qui attend l'index"}, {"body", "Texte de la question"}});
    });
    ASSERT_EQ(held.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout);
    for (int i = 0; i < 5; ++i) {
        const auto asked = std::chrono::steady_clock::now();
        HttpResponse r = search("q=chantier");
        const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - asked);
        EXPECT_EQ(r.status, 200) << r.body;
        EXPECT_LT(took.count(), 500) << "search " << i << " waited for the write";
    }
    EXPECT_EQ(held.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout)
        << "the write answered before its wait ran out";
    HttpResponse r = held.get();
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - before);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.header("x-search-indexed"), "false");
    EXPECT_GE(waited.count(), 1500);
}

TEST_F(SearchableAtOnce, ARequestSentBehindAHeldWriteOnItsConnectionIsAnsweredAfterIt) {
    start({"--test-outbox-delay-ms", "60000", "--index-wait-ms", "400"});
    const std::string body = R"({"title":"Question en tête","body":"Texte de la question"})";
    const std::string post =
        "POST /api/v1/threads HTTP/1.1\r\nHost: test\r\n"
        "Authorization: Bearer " +
        asker_ +
        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
        "\r\n\r\n" + body;
    const std::string get = "GET /api/v1/search?q=chantier HTTP/1.1\r\nHost: test\r\n\r\n";
    RawConnection connection(service_->port());
    // The search leaves while the write's answer is held (Pistache reads it as the next request
    // of the connection); the answers still come back in their order.
    ASSERT_TRUE(connection.send(post));
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    ASSERT_TRUE(connection.send(get));
    HttpResponse first = connection.read();
    HttpResponse second = connection.read();
    EXPECT_EQ(first.status, 201) << first.body;
    EXPECT_EQ(first.header("x-search-indexed"), "false");
    EXPECT_EQ(second.status, 200) << second.body;
    EXPECT_TRUE(json_body(second).contains("results")) << second.body;
}

}  // namespace
}  // namespace kb::test
