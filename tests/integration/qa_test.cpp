/// @brief Q&A over HTTP against the real server on a real PostgreSQL and Xapian index: the
/// authorisation matrix, concurrency, crash safety of the outbox, bad input, moderation, experts.
#include "accounts.hpp"
#include "api_assertions.hpp"
#include "http_client.hpp"
#include "index_location.hpp"
#include "polling.hpp"
#include "process.hpp"
#include "search_helpers.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

namespace kb::test {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

class Qa : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(run_indexer(db_.url(), index_.path(), {fixture_kb_dir()}).exit_code, 0);
        asker_ = create_user_with_token(db_.url(), "alice", "Alice", "member");
        other_ = create_user_with_token(db_.url(), "carol", "Carol", "member");
        expert_ = create_user_with_token(db_.url(), "bruno", "Bruno", "expert");
        moderator_ = create_user_with_token(db_.url(), "mona", "Mona", "moderator");
        start();
    }
    void start(std::vector<std::string> extra = {}) {
        // These tests post and search quickly from one address: request limits lifted
        // (rate_limit_test.cpp tests them).
        extra.insert(extra.end(), {"--rate-limits", "false"});
        service_ = std::make_unique<ServiceProcess>(db_.url(), index_.path(), extra);
    }
    int port() const { return service_->port(); }

    HttpResponse call(const std::string& method, const std::string& target,
                      const std::string& token, const std::string& body = "") {
        std::map<std::string, std::string> headers;
        if (!token.empty()) headers["Authorization"] = "Bearer " + token;
        return http_request(port(), method, target, body, headers);
    }
    Json ok(const std::string& method, const std::string& target, const std::string& token,
            const std::string& body = "", int expected = 200) {
        return expect_json(call(method, target, token, body), expected, method + " " + target);
    }
    long long new_thread(const std::string& token, const std::string& title,
                         const std::string& body = "Question posée pour le test ?") {
        Json t = ok("POST", "/api/v1/threads", token, Json{{"title", title}, {"body", body}}.dump(),
                    201);
        return t["id"].get<long long>();
    }
    long long new_answer(long long thread, const std::string& token, const std::string& body) {
        Json a = ok("POST", "/api/v1/threads/" + std::to_string(thread) + "/answers", token,
                    Json{{"body", body}}.dump(), 201);
        return a["id"].get<long long>();
    }
    // Polls the search API until q finds the thread (or, expected false, no longer does).
    bool eventually_found(const std::string& q, long long thread, bool expected = true,
                          int timeout_ms = 5000) {
        const std::string params = "kind=thread&per_page=50&q=" + url_encode(q);
        const std::string id = "thread:" + std::to_string(thread);
        return poll_until([&] { return search_finds(port(), params, id) == expected; },
                          std::chrono::milliseconds(timeout_ms));
    }

    // Waits until the index writer has applied every committed change.
    bool wait_indexed() {
        return poll_until([&] {
            return db_.scalar("SELECT count(*) FROM search_outbox WHERE processed_at IS NULL") ==
                   "0";
        });
    }

    TestDatabase db_;
    TempDir index_;
    std::string asker_, other_, expert_, moderator_;
    std::unique_ptr<ServiceProcess> service_;
};

TEST_F(Qa, AuthorisationMatrixOfEveryWriteRoute) {
    const long long thread = new_thread(asker_, "Question de la matrice");
    const long long answer = new_answer(thread, other_, "Réponse de Carol");
    const std::string t = "/api/v1/threads/" + std::to_string(thread);
    const std::string a = "/api/v1/answers/" + std::to_string(answer);
    const std::string accept_body = Json{{"answer_id", answer}}.dump();
    const std::string carol_id = db_.scalar("SELECT id FROM users WHERE login = 'carol'");
    struct Case {
        std::string method, target, body;
        int anonymous, owner, non_owner, expert, moderator;
    };
    // "owner" is the asker for thread routes and Carol (the answer's author) for answer routes.
    const std::vector<Case> cases = {
        {"POST", "/api/v1/threads",
         R"({"title":"Nouvelle question","body":"Texte de la nouvelle question"})", 401, 201, 201,
         201, 201},
        {"PATCH", t, R"({"body":"Texte modifié de la question"})", 401, 200, 403, 403, 200},
        {"POST", t + "/answers", R"({"body":"Encore une réponse"})", 401, 201, 201, 201, 201},
        {"PATCH", a, R"({"body":"Réponse modifiée"})", 401, 200, 403, 403, 200},
        {"POST", t + "/accept", accept_body, 401, 200, 403, 403, 200},
        {"DELETE", t + "/accept", "", 401, 200, 403, 403, 200},
        {"PUT", a + "/vote", "", 401, 403, 200, 200, 200},
        {"DELETE", a + "/vote", "", 401, 403, 200, 200, 200},
        {"POST", a + "/hide", "", 401, 403, 403, 403, 200},
        {"POST", a + "/restore", "", 401, 403, 403, 403, 200},
        {"POST", t + "/hide", "", 401, 403, 403, 403, 200},
        {"POST", t + "/restore", "", 401, 403, 403, 403, 200},
        {"PUT", "/api/v1/users/" + carol_id + "/role", R"({"role":"member"})", 401, 403, 403, 403,
         200},
        {"PUT", "/api/v1/me/profile", R"({"structure_name":"Mon ACI"})", 401, 200, 200, 200, 200},
    };
    for (const auto& c : cases) {
        const bool answer_route = c.target.rfind("/api/v1/answers/", 0) == 0;
        const std::string owner = answer_route ? other_ : asker_;
        const std::string non_owner = answer_route ? asker_ : other_;
        const std::vector<std::pair<std::string, int>> callers = {{"", c.anonymous},
                                                                  {owner, c.owner},
                                                                  {non_owner, c.non_owner},
                                                                  {expert_, c.expert},
                                                                  {moderator_, c.moderator}};
        const char* names[] = {"anonymous", "owner", "non-owner", "expert", "moderator"};
        for (std::size_t i = 0; i < callers.size(); ++i) {
            HttpResponse r = call(c.method, c.target, callers[i].first, c.body);
            EXPECT_EQ(r.status, callers[i].second)
                << c.method << " " << c.target << " as " << names[i] << ": " << r.body;
            if (r.status >= 400) {
                EXPECT_EQ(r.header("content-type"), "application/problem+json");
            }
        }
    }
    // A bad token is a 401, never anonymous access.
    EXPECT_EQ(
        call("POST", "/api/v1/threads", "kb_not_a_token", R"({"title":"x","body":"y"})").status,
        401);
    pqxx::connection c(db_.url());
    pqxx::work tx(c);
    tx.exec(
        "UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE user_id = "
        "(SELECT id FROM users WHERE login = 'carol')");
    tx.commit();
    EXPECT_EQ(call("POST", "/api/v1/threads", other_, R"({"title":"x","body":"y"})").status, 401);
    CommandResult revoke = run_command(
        service_binary(), {"admin", "revoke-tokens", "bruno", "--database-url", db_.url()});
    EXPECT_EQ(revoke.exit_code, 0) << revoke.err;
    EXPECT_EQ(call("POST", "/api/v1/threads", expert_, R"({"title":"x","body":"y"})").status, 401);
    // Tokens are stored only as hashes.
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM api_tokens WHERE token_hash = '" + asker_ + "'"),
              "0");
}

TEST_F(Qa, ThreadViewOrdersAnswersAcceptedThenVotesThenDate) {
    const long long thread =
        new_thread(asker_, "Ordre des réponses", "Corps avec <script>alert(1)</script> **gras**");
    const long long first = new_answer(thread, other_, "Première");
    const long long second = new_answer(thread, expert_, "Deuxième");
    const long long third = new_answer(thread, moderator_, "Troisième");
    ok("PUT", "/api/v1/answers/" + std::to_string(second) + "/vote", asker_);
    ok("POST", "/api/v1/threads/" + std::to_string(thread) + "/accept", asker_,
       Json{{"answer_id", third}}.dump());
    Json view = ok("GET", "/api/v1/threads/" + std::to_string(thread), "");
    ASSERT_EQ(view["answers"].size(), 3u);
    EXPECT_EQ(view["answers"][0]["id"], third);
    EXPECT_EQ(view["answers"][0]["accepted"], true);
    EXPECT_EQ(view["answers"][1]["id"], second);
    EXPECT_EQ(view["answers"][1]["votes"], 1);
    EXPECT_EQ(view["answers"][2]["id"], first);
    EXPECT_EQ(view["status"], "solved");
    EXPECT_EQ(view["author"]["display_name"], "Alice");
    EXPECT_EQ(view["answers"][1]["author"]["role"], "expert");
    EXPECT_EQ(view["html"].get<std::string>().find("<script>"), std::string::npos);
    EXPECT_NE(view["html"].get<std::string>().find("<strong>gras</strong>"), std::string::npos);
    // Changing the accepted answer keeps one at a time.
    ok("POST", "/api/v1/threads/" + std::to_string(thread) + "/accept", asker_,
       Json{{"answer_id", first}}.dump());
    view = ok("GET", "/api/v1/threads/" + std::to_string(thread), "");
    EXPECT_EQ(view["accepted_answer_id"], first);
    int accepted = 0;
    for (const auto& a : view["answers"]) accepted += a["accepted"].get<bool>();
    EXPECT_EQ(accepted, 1);
    // Edit history is kept.
    ok("PATCH", "/api/v1/threads/" + std::to_string(thread), asker_,
       Json{{"title", "Ordre des réponses (modifié)"}}.dump());
    EXPECT_EQ(
        db_.scalar("SELECT title FROM post_revisions WHERE post_type = 'thread' AND post_id = " +
                   std::to_string(thread)),
        "Ordre des réponses");
    EXPECT_EQ(ok("GET", "/api/v1/threads/" + std::to_string(thread), "")["revision_count"], 1);
}

TEST_F(Qa, ListingByStatusAndSearchByStatus) {
    const long long unanswered = new_thread(asker_, "Sans réponse pivoine");
    const long long answered = new_thread(asker_, "Avec réponse pivoine");
    new_answer(answered, other_, "Voici");
    const long long solved = new_thread(asker_, "Résolue pivoine");
    const long long accepted = new_answer(solved, other_, "La solution");
    ok("POST", "/api/v1/threads/" + std::to_string(solved) + "/accept", asker_,
       Json{{"answer_id", accepted}}.dump());
    auto ids = [&](const std::string& query) {
        std::set<long long> out;
        const Json listing = ok("GET", "/api/v1/threads?" + query, "");
        for (const auto& t : listing["results"]) out.insert(t["id"].get<long long>());
        if (out.empty())
            ADD_FAILURE() << query << " -> " << listing.dump() << "\n" << service_->log();
        return out;
    };
    EXPECT_EQ(ids("status=unanswered"), std::set<long long>{unanswered});
    EXPECT_EQ(ids("status=answered"), std::set<long long>{answered});
    EXPECT_EQ(ids("status=solved"), std::set<long long>{solved});
    ASSERT_TRUE(wait_indexed());
    Json s = ok("GET", "/api/v1/search?q=pivoine&kind=thread&status=solved", "");
    EXPECT_EQ(s["total"], 1);
    EXPECT_EQ(s["results"][0]["id"], "thread:" + std::to_string(solved));
}

TEST_F(Qa, FiftyConcurrentAnswersFromTenUsersAreAllStoredAndSearchable) {
    const long long thread = new_thread(asker_, "Question très demandée");
    std::vector<std::string> tokens;
    for (int u = 0; u < 10; ++u) {
        tokens.push_back(create_user_with_token(db_.url(), "user" + std::to_string(u),
                                                "Utilisateur " + std::to_string(u), "member"));
    }
    std::atomic<int> created{0};
    std::vector<std::thread> writers;
    for (int u = 0; u < 10; ++u) {
        writers.emplace_back([&, u] {
            for (int k = 0; k < 5; ++k) {
                const std::string word = "motunique" + std::string(1, static_cast<char>('a' + u)) +
                                         std::string(1, static_cast<char>('a' + k));
                HttpResponse r =
                    call("POST", "/api/v1/threads/" + std::to_string(thread) + "/answers",
                         tokens[u], Json{{"body", "Réponse " + word}}.dump());
                if (r.status == 201) ++created;
            }
        });
    }
    for (auto& w : writers) w.join();
    EXPECT_EQ(created.load(), 50);
    EXPECT_EQ(
        db_.scalar("SELECT count(*) FROM answers WHERE thread_id = " + std::to_string(thread)),
        "50");
    for (int u = 0; u < 10; ++u) {
        for (int k = 0; k < 5; ++k) {
            const std::string word = "motunique" + std::string(1, static_cast<char>('a' + u)) +
                                     std::string(1, static_cast<char>('a' + k));
            EXPECT_TRUE(eventually_found(word, thread)) << word;
        }
    }
    EXPECT_EQ(ok("GET", "/api/v1/threads/" + std::to_string(thread), "")["answer_count"], 50);
}

TEST_F(Qa, ConcurrentVotesStayExact) {
    const long long thread = new_thread(asker_, "Votes sur une réponse");
    const long long answer = new_answer(thread, asker_, "Réponse à voter");
    std::vector<std::string> tokens;
    for (int u = 0; u < 12; ++u)
        tokens.push_back(
            create_user_with_token(db_.url(), "voter" + std::to_string(u), "V", "member"));
    auto hammer = [&](const std::string& method, int from, int to) {
        std::vector<std::thread> threads;
        for (int u = from; u < to; ++u) {
            threads.emplace_back([&, u] {
                for (int repeat = 0; repeat < 3; ++repeat) {  // idempotent: one vote per user
                    call(method, "/api/v1/answers/" + std::to_string(answer) + "/vote", tokens[u]);
                }
            });
        }
        for (auto& t : threads) t.join();
    };
    hammer("PUT", 0, 12);
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM votes WHERE answer_id = " + std::to_string(answer)),
              "12");
    hammer("DELETE", 0, 5);
    Json view = ok("GET", "/api/v1/threads/" + std::to_string(thread), "");
    EXPECT_EQ(view["answers"][0]["votes"], 7);
}

TEST_F(Qa, PostIsSearchableAfterTheServiceIsKilledRightAfter201) {
    service_->stop();
    // A long indexing delay makes sure the kill lands between the commit and the indexing.
    start({"--test-outbox-delay-ms", "60000"});
    const long long thread =
        new_thread(asker_, "Survivra au crash", "Le mot phénix doit rester trouvable");
    EXPECT_EQ(db_.scalar(
                  "SELECT count(*) FROM search_outbox WHERE processed_at IS NULL AND entity_kind = "
                  "'thread' AND entity_id = " +
                  std::to_string(thread)),
              "1");
    service_->kill_hard();
    start();
    EXPECT_TRUE(eventually_found("phenix", thread, true, 10000));
    // Rows are marked processed just after the index commit that the search already sees.
    EXPECT_TRUE(wait_indexed());
}

TEST_F(Qa, SigtermDuringWritesLosesNoPostThatWasAnswered201) {
    const long long thread = new_thread(asker_, "Rafale pendant l'arrêt");
    std::mutex mutex;
    std::vector<std::pair<long long, std::string>> acknowledged;  // answer id, its unique word
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int w = 0; w < 6; ++w) {
        writers.emplace_back([&, w] {
            const std::string& token = (w % 2 == 0) ? other_ : expert_;
            for (int i = 0; i < 500 && !stop.load(); ++i) {
                const std::string word =
                    "rafale" + std::to_string(w) + "x" + std::to_string(i) + "fin";
                HttpResponse r =
                    call("POST", "/api/v1/threads/" + std::to_string(thread) + "/answers", token,
                         Json{{"body", "Réponse " + word}}.dump());
                if (r.status == 201) {
                    std::lock_guard lock(mutex);
                    acknowledged.emplace_back(Json::parse(r.body)["id"].get<long long>(), word);
                }
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    EXPECT_EQ(service_->stop(30), 0);
    stop = true;
    for (auto& w : writers) w.join();
    ASSERT_FALSE(acknowledged.empty());
    for (const auto& [id, word] : acknowledged) {
        EXPECT_EQ(db_.scalar("SELECT count(*) FROM answers WHERE id = " + std::to_string(id)), "1")
            << id;
    }
    start();
    ASSERT_TRUE(wait_indexed());
    for (const auto& [id, word] : acknowledged)
        EXPECT_TRUE(eventually_found(word, thread, true, 1000)) << word;
}

TEST_F(Qa, ACachedSearchAnswerGivesWayToNewPosts) {
    const std::string target = "/api/v1/search?kind=thread&q=ornithorynque";
    HttpResponse before = call("GET", target, "");
    HttpResponse again = call("GET", target, "");
    ASSERT_EQ(before.status, 200);
    EXPECT_EQ(Json::parse(before.body)["total"], 0);
    EXPECT_EQ(again.header("x-search-cache"), "hit");
    const long long thread = new_thread(asker_, "Un ornithorynque dans le chantier d'insertion");
    ASSERT_TRUE(wait_indexed());
    // Indexed means committed: the very next search sees the post, not the cached "nothing".
    HttpResponse after = call("GET", target, "");
    EXPECT_EQ(after.header("x-search-cache"), "miss");
    const Json found = Json::parse(after.body);
    ASSERT_EQ(found["total"], 1) << after.body;
    EXPECT_EQ(found["results"][0]["id"], "thread:" + std::to_string(thread));
    EXPECT_EQ(call("GET", target, "").header("x-search-cache"), "hit");
}

TEST_F(Qa, HiddenPostsAreKeptShownToModeratorsOnlyAndLeaveSearch) {
    const long long thread = new_thread(asker_, "Contenu abusif mandragore");
    const long long answer = new_answer(thread, other_, "Réponse abusive basilic");
    ASSERT_TRUE(eventually_found("basilic", thread));
    ok("POST", "/api/v1/answers/" + std::to_string(answer) + "/hide", moderator_);
    EXPECT_TRUE(eventually_found("basilic", thread, false));
    EXPECT_TRUE(ok("GET", "/api/v1/threads/" + std::to_string(thread), "")["answers"].empty());
    EXPECT_EQ(ok("GET", "/api/v1/threads/" + std::to_string(thread), moderator_)["answers"].size(),
              1u);
    ok("POST", "/api/v1/threads/" + std::to_string(thread) + "/hide", moderator_);
    EXPECT_TRUE(eventually_found("mandragore", thread, false));
    EXPECT_EQ(call("GET", "/api/v1/threads/" + std::to_string(thread), asker_).status, 404);
    Json seen = ok("GET", "/api/v1/threads/" + std::to_string(thread), moderator_);
    EXPECT_EQ(seen["hidden"], true);
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM threads WHERE id = " + std::to_string(thread)), "1");
    ok("POST", "/api/v1/threads/" + std::to_string(thread) + "/restore", moderator_);
    EXPECT_TRUE(eventually_found("mandragore", thread));
}

TEST_F(Qa, BadInputIsRejectedAndNothingIsPartiallyStored) {
    const long long thread = new_thread(asker_, "Question valide");
    const long long other_thread = new_thread(other_, "Autre question");
    const long long foreign_answer = new_answer(other_thread, expert_, "Réponse ailleurs");
    const long long own_answer = new_answer(thread, other_, "Réponse de Carol");
    const std::string before = db_.scalar("SELECT count(*) FROM threads") + "/" +
                               db_.scalar("SELECT count(*) FROM answers") + "/" +
                               db_.scalar("SELECT count(*) FROM search_outbox");
    auto expect = [&](const std::string& method, const std::string& target,
                      const std::string& token, const std::string& body, int status,
                      const std::string& code) {
        expect_problem(call(method, target, token, body), status, code,
                       method + " " + target + " " + body);
    };
    const std::string t = "/api/v1/threads/" + std::to_string(thread);
    expect("POST", "/api/v1/threads", asker_, R"({"body":"sans titre"})", 400, "missing_field");
    expect("POST", "/api/v1/threads", asker_, R"({"title":"   ","body":"x"})", 400, "empty_field");
    expect("POST", "/api/v1/threads", asker_,
           Json{{"title", std::string(201, 'a')}, {"body", "x"}}.dump(), 400, "title_too_long");
    expect("POST", "/api/v1/threads", asker_,
           Json{{"title", "Titre valide"}, {"body", std::string(20001, 'b')}}.dump(), 400,
           "body_too_long");
    expect("POST", "/api/v1/threads", asker_, R"({"title":42,"body":"x"})", 400,
           "invalid_field_type");
    expect(
        "POST", "/api/v1/threads", asker_,
        R"({"title":"Titre valide","body":"Un corps assez long pour la question.","tags":"pas-une-liste"})",
        400, "invalid_field_type");
    expect(
        "POST", "/api/v1/threads", asker_,
        R"({"title":"Titre valide","body":"Un corps assez long pour la question.","step":"inconnue"})",
        400, "invalid_parameter");
    expect(
        "POST", "/api/v1/threads", asker_,
        R"({"title":"Titre valide","body":"Un corps assez long pour la question.","tags":["Pas Valide"]})",
        400, "invalid_tag");
    expect("POST", "/api/v1/threads", asker_, R"({"title":"ok",)", 400, "malformed_json");
    expect("GET", "/api/v1/threads/999999", "", "", 404, "thread_not_found");
    expect("GET", "/api/v1/threads/abc", "", "", 400, "invalid_id");
    expect("GET", "/api/v1/threads/-3", "", "", 400, "invalid_id");
    expect("POST", "/api/v1/threads/999999/answers", asker_, R"({"body":"Réponse"})", 404,
           "thread_not_found");
    expect("POST", t + "/answers", asker_, R"({"body":""})", 400, "empty_field");
    expect("PATCH", "/api/v1/answers/999999", asker_, R"({"body":"Réponse"})", 404,
           "answer_not_found");
    expect("PATCH", t, asker_, R"({})", 400, "empty_patch");
    expect("POST", t + "/accept", asker_, Json{{"answer_id", foreign_answer}}.dump(), 422,
           "answer_not_in_thread");
    expect("POST", t + "/accept", asker_, R"({"answer_id":"12"})", 400, "invalid_field_type");
    expect("POST", t + "/accept", asker_, R"({"answer_id":999999})", 404, "answer_not_found");
    expect("PUT", "/api/v1/answers/" + std::to_string(own_answer) + "/vote", other_, "", 403,
           "own_answer");
    expect("PUT", "/api/v1/answers/x1/vote", other_, "", 400, "invalid_id");
    const std::string after = db_.scalar("SELECT count(*) FROM threads") + "/" +
                              db_.scalar("SELECT count(*) FROM answers") + "/" +
                              db_.scalar("SELECT count(*) FROM search_outbox");
    EXPECT_EQ(before, after);
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM votes"), "0");
    EXPECT_EQ(
        db_.scalar("SELECT accepted_answer_id FROM threads WHERE id = " + std::to_string(thread)),
        "");
}

TEST_F(Qa, ExpertsDirectoryAndQuestionsForMe) {
    ok("PUT", "/api/v1/me/profile", expert_,
       R"({"structure_name":"Jardins du Nord","structure_type":"ACI","territory":"59","topics":["maraichage"],"contact_opt_in":true,"contact_email":"bruno@example.org"})");
    ok("PUT", "/api/v1/me/profile", moderator_,
       R"({"structure_type":"EI","contact_email":"mona@example.org"})");
    Json experts = ok("GET", "/api/v1/experts?structure_type=ACI", "");
    ASSERT_EQ(experts["experts"].size(), 1u);
    EXPECT_EQ(experts["experts"][0]["structure_name"], "Jardins du Nord");
    EXPECT_EQ(experts["experts"][0]["contact_email"], "bruno@example.org");
    EXPECT_TRUE(ok("GET", "/api/v1/experts?territory=13", "")["experts"].empty());
    EXPECT_EQ(ok("GET", "/api/v1/experts?topic=maraichage", "")["experts"].size(), 1u);

    Json match = ok(
        "POST", "/api/v1/threads", asker_,
        R"({"title":"ACI et légumes","body":"Un corps assez long pour la question.","structure_type":"ACI"})",
        201);
    ok("POST", "/api/v1/tags", moderator_, R"({"slug":"maraichage","label":"Maraîchage"})", 201);
    Json by_topic = ok(
        "POST", "/api/v1/threads", asker_,
        R"({"title":"Semis de printemps","body":"Un corps assez long pour la question.","tags":["maraichage"]})",
        201);
    ok("POST", "/api/v1/threads", asker_,
       R"({"title":"Question sur une ETTI","body":"Un corps assez long pour la question.","structure_type":"ETTI","territory":"13"})",
       201);
    Json answered = ok(
        "POST", "/api/v1/threads", asker_,
        R"({"title":"ACI déjà répondu","body":"Un corps assez long pour la question.","structure_type":"ACI"})",
        201);
    new_answer(answered["id"].get<long long>(), other_, "Réponse");
    std::set<long long> ids;
    const Json for_me = ok("GET", "/api/v1/threads?for_me=true", expert_);
    for (const auto& t : for_me["results"]) ids.insert(t["id"].get<long long>());
    EXPECT_EQ(ids,
              (std::set<long long>{match["id"].get<long long>(), by_topic["id"].get<long long>()}));
    EXPECT_EQ(call("GET", "/api/v1/threads?for_me=true", "").status, 401);
    EXPECT_EQ(call("GET", "/api/v1/threads?for_me=true", asker_).status, 403);
}

TEST_F(Qa, SimilarQuestionsForTheAskForm) {
    const long long a = new_thread(asker_, "Comment calculer le nombre d'ETP de mon chantier ?");
    new_thread(asker_, "Quelle couleur pour le logo ?");
    ASSERT_TRUE(eventually_found("calculer", a));
    Json similar =
        ok("GET", "/api/v1/threads/similar?title=" + url_encode("calcul des ETP pour un chantier"),
           "");
    ASSERT_FALSE(similar["similar"].empty());
    EXPECT_EQ(similar["similar"][0]["id"], a);
    EXPECT_LE(similar["similar"].size(), 5u);
}

TEST_F(Qa, RebuildFromPostgresGivesTheSameResultsAsLiveIndexing) {
    const long long one =
        new_thread(asker_, "Reconstruction glycine", "Texte de la question glycine");
    const long long two = new_thread(asker_, "Autre glycine");
    const long long answer = new_answer(two, other_, "Réponse glycine acceptée");
    ok("POST", "/api/v1/threads/" + std::to_string(two) + "/accept", asker_,
       Json{{"answer_id", answer}}.dump());
    const long long hidden = new_thread(asker_, "Masquée glycine");
    ok("POST", "/api/v1/threads/" + std::to_string(hidden) + "/hide", moderator_);
    ASSERT_TRUE(wait_indexed());
    auto snapshot = [&] {
        Json r = ok("GET", "/api/v1/search?q=glycine&per_page=50", "");
        std::map<std::string, std::pair<double, std::string>> out;
        for (const auto& hit : r["results"])
            out[hit["id"]] = {hit["score"].get<double>(), hit.value("status", "")};
        return out;
    };
    auto live = snapshot();
    ASSERT_EQ(live.size(), 2u);
    EXPECT_TRUE(live.count("thread:" + std::to_string(one)));
    EXPECT_EQ(live["thread:" + std::to_string(two)].second, "solved");
    CommandResult rebuild =
        run_indexer(db_.url(), index_.path(), {fixture_kb_dir()}, {"--rebuild"});
    ASSERT_EQ(rebuild.exit_code, 0) << rebuild.err;
    EXPECT_EQ(snapshot(), live);
}

}  // namespace
}  // namespace kb::test
