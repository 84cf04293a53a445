/// @brief Q&A defects of issue 13 over HTTP against the real server: the asker's own answer does
/// not answer the question, restoring the accepted answer restores the acceptance, the last
/// moderator stays, and every timestamp of every route is RFC 3339 UTC.
#include "accounts.hpp"
#include "api_assertions.hpp"
#include "http_client.hpp"
#include "polling.hpp"
#include "process.hpp"
#include "search_helpers.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <set>

namespace kb::test {
namespace {

using Json = nlohmann::json;

class QaFixes : public ::testing::Test {
  protected:
    void SetUp() override {
        write_file(fiches_.path() / "les-bases/horodatage-fin.md",
                   "---\nname: \"Horodatage fin\"\ndescription: \"Une fiche datée finement\"\n"
                   "tags:\n- name: Essai\n  slug: essai\n"
                   "timestamp: 2024-08-12T07:31:06.948653+00:00\n---\nCorps chronomètre.\n");
        ASSERT_EQ(
            run_indexer(db_.url(), index_.path(), {fixture_kb_dir(), fiches_.path()}).exit_code, 0);
        asker_ = create_user_with_token(db_.url(), "alice", "Alice", "member");
        other_ = create_user_with_token(db_.url(), "carol", "Carol", "member");
        expert_ = create_user_with_token(db_.url(), "bruno", "Bruno", "expert");
        moderator_ = create_user_with_token(db_.url(), "mona", "Mona", "moderator");
        service_ = std::make_unique<ServiceProcess>(db_.url(), index_.path());
    }

    HttpResponse call(const std::string& method, const std::string& target,
                      const std::string& token, const std::string& body = "") {
        std::map<std::string, std::string> headers;
        if (!token.empty()) headers["Authorization"] = "Bearer " + token;
        return http_request(service_->port(), method, target, body, headers);
    }
    Json ok(const std::string& method, const std::string& target, const std::string& token,
            const std::string& body = "", int expected = 200) {
        return expect_json(call(method, target, token, body), expected, method + " " + target);
    }
    long long post(const std::string& target, const std::string& token, const Json& body) {
        return ok("POST", target, token, body.dump(), 201)["id"].get<long long>();
    }
    static std::string thread_path(long long id) { return "/api/v1/threads/" + std::to_string(id); }
    // Ids of the listing's threads.
    std::set<long long> listed(const std::string& query, const std::string& token = "") {
        std::set<long long> ids;
        const Json listing = ok("GET", "/api/v1/threads?" + query, token);
        for (const auto& t : listing["results"]) ids.insert(t["id"].get<long long>());
        return ids;
    }
    // Polls a thread search until it lists the thread.
    bool search_lists(const std::string& params, long long thread) {
        const std::string id = "thread:" + std::to_string(thread);
        return poll_until(
            [&] { return search_finds(service_->port(), "kind=thread&" + params, id); });
    }
    // `kb-service admin ...`; returns its exit status.
    int admin(const std::vector<std::string>& args) {
        std::vector<std::string> all = {"admin"};
        all.insert(all.end(), args.begin(), args.end());
        all.insert(all.end(), {"--database-url", db_.url()});
        return run_command(service_binary(), all).exit_code;
    }

    TestDatabase db_;
    TempDir index_, fiches_;
    std::string asker_, other_, expert_, moderator_;
    std::unique_ptr<ServiceProcess> service_;
};

TEST_F(QaFixes, TheAskersOwnAnswerDoesNotAnswerTheQuestion) {
    ok("PUT", "/api/v1/me/profile", expert_, R"({"structure_type":"ACI"})");
    const long long id = post("/api/v1/threads", asker_,
                              {{"title", "Question capucine"},
                               {"body", "Comment faire pour ce chantier ?"},
                               {"structure_type", "ACI"}});
    post(thread_path(id) + "/answers", asker_, {{"body", "Précision : chantier de maraîchage"}});
    EXPECT_EQ(ok("GET", thread_path(id), "")["status"], "unanswered");
    EXPECT_EQ(listed("status=unanswered"), std::set<long long>{id});
    EXPECT_TRUE(listed("status=answered").empty());
    EXPECT_EQ(listed("for_me=true", expert_), std::set<long long>{id});
    EXPECT_TRUE(search_lists("q=capucine&status=unanswered", id));

    post(thread_path(id) + "/answers", other_, {{"body", "Voici comment"}});
    EXPECT_EQ(ok("GET", thread_path(id), "")["status"], "answered");
    EXPECT_EQ(listed("status=answered"), std::set<long long>{id});
    EXPECT_TRUE(listed("for_me=true", expert_).empty());
    EXPECT_TRUE(search_lists("q=capucine&status=answered", id));
}

TEST_F(QaFixes, RestoringTheAcceptedAnswerBringsTheAcceptanceBack) {
    const long long id =
        post("/api/v1/threads", asker_,
             {{"title", "Question bégonia"}, {"body", "Alors, que faut-il faire ?"}});
    const long long answer = post(thread_path(id) + "/answers", other_, {{"body", "La solution"}});
    ok("POST", thread_path(id) + "/accept", asker_, Json{{"answer_id", answer}}.dump());
    const std::string answer_path = "/api/v1/answers/" + std::to_string(answer);

    ok("POST", answer_path + "/hide", moderator_);
    Json hidden = ok("GET", thread_path(id), "");
    EXPECT_EQ(hidden["status"], "unanswered");
    EXPECT_TRUE(hidden["accepted_answer_id"].is_null());
    EXPECT_TRUE(hidden["answers"].empty());
    Json seen = ok("GET", thread_path(id), moderator_);
    ASSERT_EQ(seen["answers"].size(), 1u);
    EXPECT_EQ(seen["answers"][0]["hidden"], true);
    EXPECT_EQ(seen["answers"][0]["accepted"], false);
    EXPECT_TRUE(search_lists("q=begonia&status=unanswered", id));

    ok("POST", answer_path + "/restore", moderator_);
    Json restored = ok("GET", thread_path(id), "");
    EXPECT_EQ(restored["status"], "solved");
    EXPECT_EQ(restored["accepted_answer_id"], answer);
    ASSERT_EQ(restored["answers"].size(), 1u);
    EXPECT_EQ(restored["answers"][0]["accepted"], true);
    EXPECT_EQ(listed("status=solved"), std::set<long long>{id});
    EXPECT_TRUE(search_lists("q=begonia&status=solved", id));
}

TEST_F(QaFixes, TheLastModeratorCannotBeDemoted) {
    const std::string mona = db_.scalar("SELECT id FROM users WHERE login = 'mona'");
    const std::string role_path = "/api/v1/users/" + mona + "/role";
    expect_problem(call("PUT", role_path, moderator_, R"({"role":"member"})"), 409,
                   "last_moderator");
    EXPECT_EQ(db_.scalar("SELECT role FROM users WHERE id = " + mona), "moderator");
    // The admin command changes roles through the same function.
    EXPECT_EQ(admin({"grant", "mona", "expert"}), 1);
    EXPECT_EQ(db_.scalar("SELECT role FROM users WHERE id = " + mona), "moderator");

    // Once another moderator exists, one of them may step down, and the other then stays.
    const std::string bruno = db_.scalar("SELECT id FROM users WHERE login = 'bruno'");
    ok("PUT", "/api/v1/users/" + bruno + "/role", moderator_, R"({"role":"moderator"})");
    ok("PUT", role_path, moderator_, R"({"role":"member"})");
    EXPECT_EQ(
        call("PUT", "/api/v1/users/" + bruno + "/role", expert_, R"({"role":"expert"})").status,
        409);
    EXPECT_EQ(db_.scalar("SELECT role FROM users WHERE id = " + bruno), "moderator");
}

// Every field named *_at, first_seen or last_seen, at any depth, that is not null.
void collect_times(const Json& value, const std::string& where,
                   std::vector<std::pair<std::string, std::string>>& out) {
    if (value.is_array()) {
        for (const auto& item : value) collect_times(item, where, out);
        return;
    }
    if (!value.is_object()) return;
    for (const auto& [key, item] : value.items()) {
        const bool time = (key.size() > 3 && key.compare(key.size() - 3, 3, "_at") == 0) ||
                          key == "first_seen" || key == "last_seen";
        if (time && !item.is_null()) out.emplace_back(where + " " + key, item.dump());
        collect_times(item, where, out);
    }
}

TEST_F(QaFixes, EveryTimestampOfEveryRouteIsRfc3339Utc) {
    const long long id =
        post("/api/v1/threads", asker_,
             {{"title", "Horloge tulipe"}, {"body", "Quelle heure est-il donc ?"}});
    Json answer =
        ok("POST", thread_path(id) + "/answers", other_, Json{{"body", "Midi tulipe"}}.dump(), 201);
    ASSERT_TRUE(search_lists("q=tulipe", id));
    ok("GET", "/api/v1/search?q=zzzxqwv", "");  // a miss, for the moderators' list
    std::vector<std::pair<std::string, std::string>> times;
    collect_times(answer, "POST answers", times);
    for (const std::string& target :
         {thread_path(id), std::string("/api/v1/threads"), std::string("/api/v1/articles"),
          std::string("/api/v1/articles/horodatage-fin"),
          std::string("/api/v1/articles/le-conventionnement-en-bref"),
          std::string("/api/v1/search?q=tulipe"), std::string("/api/v1/search?q=chronometre"),
          std::string("/api/v1/search?q=conventionnement"), std::string("/api/v1/search/misses")}) {
        collect_times(ok("GET", target, moderator_), target, times);
    }
    const std::regex rfc3339(R"("\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")");
    std::set<std::string> routes;
    for (const auto& [where, text] : times) {
        EXPECT_TRUE(std::regex_match(text, rfc3339)) << where << ": " << text;
        routes.insert(where.substr(0, where.rfind(' ')));
    }
    EXPECT_EQ(routes.size(), 10u) << "a route without any timestamp";
    // A fiche's fractional time with an offset, and a guide's bare date.
    const Json fiche = ok("GET", "/api/v1/search?q=chronometre", "");
    ASSERT_EQ(fiche["results"].size(), 1u) << fiche.dump();
    EXPECT_EQ(fiche["results"][0]["updated_at"], "2024-08-12T07:31:06Z");
    EXPECT_EQ(ok("GET", "/api/v1/articles/horodatage-fin", "")["updated_at"],
              "2024-08-12T07:31:06Z");
    EXPECT_EQ(ok("GET", "/api/v1/articles/le-conventionnement-en-bref", "")["updated_at"],
              "2026-03-01T00:00:00Z");
}

}  // namespace
}  // namespace kb::test
