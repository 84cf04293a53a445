/// @brief The API's contract against the real server: the served OpenAPI document is the source
/// file, and real answers of every documented operation (successes and problems) match the
/// schemas, media types and headers the document declares for them.
#include "accounts.hpp"
#include "forum_helpers.hpp"
#include "http_client.hpp"
#include "openapi_check.hpp"
#include "polling.hpp"
#include "process.hpp"
#include "search_helpers.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>

namespace kb::test {
namespace {

using Json = nlohmann::json;
const std::string kForumSecret = "contract-secret";

class Contract : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(run_indexer(db_.url(), index_.path(), {fixture_kb_dir()}).exit_code, 0);
        // A small body limit, so that 413 is cheap to provoke; request budgets lifted, as one
        // member asks twice in a row (429 is provoked on a server of its own below); a forum link
        // (its API is never called here: only pings are delivered).
        service_ = std::make_unique<ServiceProcess>(
            db_.url(), index_.path(),
            std::vector<std::string>{"--max-body-bytes", "4096", "--rate-limits", "false",
                                     "--forum-url", "https://forum.example.org",
                                     "--forum-webhook-secret", kForumSecret});
        HttpResponse served = http_request(service_->port(), "GET", "/api/v1/openapi.json");
        ASSERT_EQ(served.status, 200);
        document_ = Json::parse(served.body);
    }

    /// Sends a request, checks its status and that the answer is the one the document declares
    /// for (method, path); records the status for the coverage check. Returns the parsed body.
    Json expect(const std::string& method, const std::string& path, const std::string& target,
                int status, const std::string& token = "", const std::string& body = "",
                std::map<std::string, std::string> headers = {}) {
        if (!token.empty()) headers["Authorization"] = "Bearer " + token;
        if (!body.empty() && !headers.count("Content-Type"))
            headers["Content-Type"] = "application/json";
        HttpResponse r = http_request(service_->port(), method, target, body, headers);
        EXPECT_EQ(r.status, status) << method << " " << target << " -> " << r.body;
        for (const auto& e : answer_errors(document_, method, path, r))
            ADD_FAILURE() << method << " " << target << " (" << r.status << "): " << e;
        seen_[{method, path}].insert(r.status);
        last_ = r;
        return Json::parse(r.body, nullptr, false);
    }

    TestDatabase db_;
    TempDir index_;
    std::unique_ptr<ServiceProcess> service_;
    Json document_;
    std::map<std::pair<std::string, std::string>, std::set<int>> seen_;
    HttpResponse last_;
};

TEST_F(Contract, ServedDocumentIsTheSourceFile) {
    const Json source = Json::parse(read_file(source_dir() / "service/app/openapi.json"));
    EXPECT_EQ(document_, source);
    EXPECT_EQ(document_["openapi"], "3.1.0");
    expect("GET", "/api/v1/openapi.json", "/api/v1/openapi.json", 200);
    EXPECT_EQ(last_.header("content-type"), "application/json");
}

TEST_F(Contract, EveryOperationAnswersAsDocumented) {
    const std::string alice = create_user_with_token(db_.url(), "alice", "Alice", "member");
    const std::string carol = create_user_with_token(db_.url(), "carol", "Carol", "member");
    const std::string bruno = create_user_with_token(db_.url(), "bruno", "Bruno", "expert");
    const std::string mona = create_user_with_token(db_.url(), "mona", "Mona", "moderator");
    const std::string bogus = "not-a-token";
    const std::string big(5000, 'x');  // over the 4096-byte limit set above
    const std::map<std::string, std::string> text_plain = {{"Content-Type", "text/plain"}};

    // Health and the document itself.
    expect("GET", "/healthz", "/healthz", 200);
    expect("GET", "/healthz", "/healthz?x=%FF", 400);
    expect("GET", "/metrics", "/metrics", 200);
    expect("GET", "/metrics", "/metrics?x=%FF", 400);
    expect("GET", "/readyz", "/readyz", 200);
    expect("GET", "/readyz", "/readyz?x=%ZZ", 400);
    expect("GET", "/api/v1/openapi.json", "/api/v1/openapi.json", 200);
    expect("GET", "/api/v1/openapi.json", "/api/v1/openapi.json?x=%FF", 400);

    // Search: cache header both ways, a correction, filters, problems.
    const std::string search = "/api/v1/search";
    expect("GET", search, "/api/v1/search?q=conventionnement&per_page=2", 200);
    EXPECT_EQ(last_.header("x-search-cache"), "miss");
    expect("GET", search, "/api/v1/search?q=conventionnement&per_page=2", 200);
    EXPECT_EQ(last_.header("x-search-cache"), "hit");
    Json corrected = expect("GET", search, "/api/v1/search?q=conventionement", 200);
    EXPECT_TRUE(corrected["corrected_query"].is_string()) << corrected.dump();
    expect("GET", search,
           "/api/v1/search?q=postes&kind=guide,thread&step=moyens&sort=recent&page=1&per_page=1",
           200);
    expect("GET", search, "/api/v1/search?q=zzqqxxwvk", 200);  // a miss, for the list below
    expect("GET", search, "/api/v1/search", 400);
    expect("GET", search, "/api/v1/search?q=a&kind=nope", 400);
    expect("GET", search, "/api/v1/search?q=a&per_page=51", 400);
    expect("POST", search, search, 200, "", R"({"q":"postes","kind":["guide"],"per_page":3})",
           {{"Cache-Control", "no-cache"}});
    EXPECT_EQ(last_.header("x-search-cache"), "miss");
    expect("POST", search, search, 400, "", R"({"q":)");
    expect("POST", search, search, 400, "", R"({"q":"a","page":"one"})");
    expect("POST", search, search, 415, "", R"({"q":"a"})", text_plain);
    expect("POST", search, search, 413, "", R"({"q":")" + big + R"("})");
    const std::string misses = "/api/v1/search/misses";
    Json listed = expect("GET", misses, misses, 200, mona);
    EXPECT_FALSE(listed["misses"].empty());
    expect("GET", misses, misses, 401);
    expect("GET", misses, misses, 401, bogus);
    expect("GET", misses, misses, 403, alice);
    expect("GET", misses, "/api/v1/search/misses?limit=0", 400, mona);
    const std::string miss = "/api/v1/search/misses/{id}";
    const std::string miss_id = std::to_string(listed["misses"][0]["id"].get<long long>());
    expect("DELETE", miss, "/api/v1/search/misses/" + miss_id, 204, mona);
    expect("DELETE", miss, "/api/v1/search/misses/" + miss_id, 403, alice);
    expect("DELETE", miss, "/api/v1/search/misses/999999", 404, mona);
    expect("DELETE", miss, "/api/v1/search/misses/x%00", 400, mona);
    expect("GET", search, "/api/v1/search?q=a%00b", 400);
    expect("GET", search,
           "/api/v1/search?q=a&tag=t0,t1,t2,t3,t4,t5,t6,t7,t8,t9,t10,t11,t12,t13,"
           "t14,t15,t16,t17,t18,t19,t20",
           400);
    const std::string suggest = "/api/v1/suggest";
    Json completions = expect("GET", suggest, "/api/v1/suggest?q=calc", 200);
    EXPECT_FALSE(completions["suggestions"].empty());
    expect("GET", suggest, suggest, 400);

    // Articles.
    const std::string articles = "/api/v1/articles";
    Json page = expect("GET", articles, "/api/v1/articles?per_page=2", 200);
    EXPECT_EQ(page["results"].size(), 2u);
    expect("GET", articles, "/api/v1/articles?kind=guide&step=moyens&page=50", 200);
    expect("GET", articles, "/api/v1/articles?per_page=101", 400);
    expect("GET", articles, "/api/v1/articles?kind=thread", 400);
    const std::string article = "/api/v1/articles/{slug}";
    expect("GET", article, "/api/v1/articles/calcul-des-postes", 200);
    expect("GET", article, "/api/v1/articles/absent", 404);
    expect("GET", article, "/api/v1/articles/%FF", 400);

    // Threads: ask, list, similar, read, edit.
    const std::string threads = "/api/v1/threads";
    const std::string ask =
        R"({"title":"Combien de postes en ACI ?","body":"Pour *2025*, et en tout ?",)"
        R"("tags":["etp"],"step":"moyens","structure_type":"ACI",)"
        R"("territory":"2A"})";
    Json asked = expect("POST", threads, threads, 201, alice, ask);
    const std::string id = std::to_string(asked["id"].get<long long>());
    EXPECT_EQ(last_.header("location"), "/api/v1/threads/" + id);
    expect("POST", threads, threads, 201, bruno,
           R"({"title":"Autre question","body":"Texte de l'autre question"})");
    expect("POST", threads, threads, 401, "", ask);
    expect("POST", threads, threads, 400, alice, R"({"body":"Sans titre"})");
    expect(
        "POST", threads, threads, 400, alice,
        R"({"title":"Titre correct","body":"Un corps de question correct.","tags":["Pas Bon"]})");
    expect("POST", threads, threads, 413, alice, big);
    expect("POST", threads, threads, 415, alice, ask, text_plain);
    expect("GET", threads, threads, 200);
    expect("GET", threads, "/api/v1/threads?status=unanswered&tag=etp&per_page=1", 200, mona);
    expect("GET", threads, "/api/v1/threads?for_me=true", 200, bruno);
    expect("GET", threads, "/api/v1/threads?for_me=true", 401);
    expect("GET", threads, threads, 401, bogus);
    expect("GET", threads, "/api/v1/threads?for_me=true", 403, alice);
    expect("GET", threads, "/api/v1/threads?status=closed", 400);
    const std::string similar = "/api/v1/threads/similar";
    expect("GET", similar, "/api/v1/threads/similar?title=postes%20ACI", 200);
    expect("GET", similar, similar, 400);
    const std::string thread = "/api/v1/threads/{id}";
    const std::string t = "/api/v1/threads/" + id;
    expect("GET", thread, t, 200);
    expect("GET", thread, t, 401, bogus);
    expect("GET", thread, "/api/v1/threads/abc", 400);
    expect("GET", thread, "/api/v1/threads/999999", 404);
    expect("PATCH", thread, t, 200, alice, R"({"title":"Combien de postes en ACI en 2025 ?"})");
    expect("PATCH", thread, t, 400, alice, "{}");
    expect("PATCH", thread, t, 401, "", R"({"title":"X"})");
    expect("PATCH", thread, t, 403, carol, R"({"title":"Un autre titre"})");
    expect("PATCH", thread, "/api/v1/threads/999999", 404, alice, R"({"title":"Un autre titre"})");

    // Answers, acceptance, votes.
    const std::string answers = "/api/v1/threads/{id}/answers";
    Json answered = expect("POST", answers, t + "/answers", 201, carol, R"({"body":"Trois."})");
    const std::string aid = std::to_string(answered["id"].get<long long>());
    const std::string a = "/api/v1/answers/" + aid;
    expect("POST", answers, t + "/answers", 201, mona, R"({"body":"Vu par une modératrice."})");
    expect("POST", answers, t + "/answers", 400, carol, R"({"body":"  "})");
    expect("POST", answers, t + "/answers", 401, "", R"({"body":"X"})");
    expect("POST", answers, "/api/v1/threads/999999/answers", 404, carol, R"({"body":"Réponse"})");
    const std::string accept = "/api/v1/threads/{id}/accept";
    const std::string accept_body = R"({"answer_id":)" + aid + "}";
    expect("POST", accept, t + "/accept", 200, alice, accept_body);
    expect("POST", accept, t + "/accept", 400, alice, R"({"answer_id":"one"})");
    expect("POST", accept, t + "/accept", 401, "", accept_body);
    expect("POST", accept, t + "/accept", 403, carol, accept_body);
    expect("POST", accept, t + "/accept", 404, alice, R"({"answer_id":999999})");
    const std::string other = std::to_string(
        expect("POST", threads, threads, 201, alice,
               R"({"title":"Deuxième question","body":"Le corps de la deuxième question."})")["id"]
            .get<long long>());
    expect("POST", accept, "/api/v1/threads/" + other + "/accept", 422, alice, accept_body);
    expect("GET", thread, t, 200, mona);  // the moderator's view carries `hidden`
    expect("DELETE", accept, t + "/accept", 200, alice);
    expect("DELETE", accept, "/api/v1/threads/x/accept", 400, alice);
    expect("DELETE", accept, t + "/accept", 401);
    expect("DELETE", accept, t + "/accept", 403, carol);
    expect("DELETE", accept, "/api/v1/threads/999999/accept", 404, alice);
    const std::string vote = "/api/v1/answers/{id}/vote";
    for (const std::string method : {"PUT", "DELETE"}) {
        Json state = expect(method, vote, a + "/vote", 200, bruno);
        EXPECT_EQ(state["voted"], method == "PUT");
        expect(method, vote, "/api/v1/answers/0/vote", 400, bruno);
        expect(method, vote, a + "/vote", 401);
        expect(method, vote, a + "/vote", 403, carol);
        expect(method, vote, "/api/v1/answers/999999/vote", 404, bruno);
    }
    const std::string answer = "/api/v1/answers/{id}";
    expect("PATCH", answer, a, 200, carol, R"({"body":"Trois ETP."})");
    expect("PATCH", answer, a, 400, carol, R"({"text":"mauvais champ"})");
    expect("PATCH", answer, a, 401, "", R"({"body":"X"})");
    expect("PATCH", answer, a, 403, bruno, R"({"body":"Réponse modifiée"})");
    expect("PATCH", answer, "/api/v1/answers/999999", 404, carol, R"({"body":"Réponse modifiée"})");

    // Moderation of both kinds of post.
    for (const std::string kind : {"threads", "answers"}) {
        const std::string target = kind == "threads" ? t : a;
        for (const std::string action : {"hide", "restore"}) {
            const std::string path = "/api/v1/" + kind + "/{id}/" + action;
            Json done = expect("POST", path, target + "/" + action, 200, mona);
            EXPECT_EQ(done["hidden"], action == "hide");
            expect("POST", path, "/api/v1/" + kind + "/abc/" + action, 400, mona);
            expect("POST", path, target + "/" + action, 401);
            expect("POST", path, target + "/" + action, 403, alice);
            expect("POST", path, "/api/v1/" + kind + "/999999/" + action, 404, mona);
        }
    }

    // Accounts.
    expect("GET", "/api/v1/me", "/api/v1/me", 200, bruno);
    expect("GET", "/api/v1/me", "/api/v1/me", 401);
    const std::string profile = "/api/v1/me/profile";
    expect("PUT", profile, profile, 200, bruno,
           R"({"display_name":"Bruno","structure_type":"EI","territory":"69","topics":["etp"],)"
           R"("contact_opt_in":true,"contact_email":"bruno@example.org"})");
    expect("PUT", profile, profile, 400, bruno, R"({"contact_opt_in":"oui"})");
    expect("PUT", profile, profile, 401, "", "{}");
    expect("PUT", profile, profile, 413, bruno, big);
    expect("PUT", profile, profile, 415, bruno, "{}", text_plain);
    const std::string role = "/api/v1/users/{id}/role";
    const std::string carol_role = "/api/v1/users/" +
                                   db_.scalar(
                                       "SELECT id FROM users WHERE "
                                       "login = 'carol'") +
                                   "/role";
    expect("PUT", role, carol_role, 200, mona, R"({"role":"expert"})");
    expect("PUT", role, carol_role, 400, mona, R"({"role":"roi"})");
    expect("PUT", role, carol_role, 401, "", R"({"role":"expert"})");
    expect("PUT", role, carol_role, 403, alice, R"({"role":"expert"})");
    expect("PUT", role, "/api/v1/users/999999/role", 404, mona, R"({"role":"expert"})");
    Json experts = expect("GET", "/api/v1/experts", "/api/v1/experts", 200);
    EXPECT_EQ(experts["experts"].size(), 2u);  // Bruno (with his contact) and Carol
    expect("GET", "/api/v1/experts", "/api/v1/experts?structure_type=EI&topic=etp", 200);
    expect("GET", "/api/v1/experts", "/api/v1/experts?structure_type=XX", 400);

    const std::string indicators = "/api/v1/indicators";
    expect("GET", indicators, indicators, 200);
    expect("GET", indicators, indicators + "?territory=75&structure_type=ACI&format=csv", 200);
    expect("GET", indicators, indicators + "?from=2026-02-30", 400);
    const std::string feed = "/flux/questions-sans-reponse.atom";
    expect("GET", feed, feed + "?structure_type=ACI", 200);
    expect("GET", feed, feed + "?territory=abc", 400);
    // The resource library and the tag vocabulary.
    const std::string resources = "/api/v1/resources";
    const std::string octets = "application/octet-stream";
    Json submitted = expect(
        "POST", resources, resources, 201, alice,
        R"({"title":"Trame de projet","type":"modele-document","tags":["glossaire"],"link":"https://t.example"})");
    expect("POST", resources, resources, 400, alice,
           R"({"title":"T","type":"autre","tags":["x"]})");
    const std::string one = "/api/v1/resources/{id}";
    const std::string r = "/api/v1/resources/" + std::to_string(submitted.value("id", 0));
    expect("GET", resources, "/api/v1/resources?status=pending", 200, alice);
    expect("GET", resources, "/api/v1/resources?type=nope", 400);
    expect("GET", one, r, 200, alice);
    expect("GET", one, r, 404);
    expect("PATCH", one, r, 200, alice, R"({"summary":"Résumé"})");
    expect("PATCH", one, r, 400, alice, "{}");
    const std::string file = "/api/v1/resources/{id}/file";
    expect("POST", file, r + "/file?filename=trame.txt", 200, alice, "Texte de la trame.\n",
           {{"Content-Type", octets}});
    expect("POST", file, r + "/file?filename=trame.pdf", 415, alice, "Pas un PDF.\n",
           {{"Content-Type", octets}});
    expect("GET", file, r + "/file", 200, alice);
    expect("GET", file, r + "/file", 304, alice, "", {{"If-None-Match", last_.header("etag")}});
    expect("GET", file, "/api/v1/resources/999999/file", 404);
    const std::string act = "/api/v1/resources/{id}/";
    expect("POST", act + "approve", r + "/approve", 200, mona);
    expect("POST", act + "approve", r + "/approve", 409, mona);
    expect("POST", act + "reject", r + "/reject", 409, mona, R"({"reason":"Non"})");
    Json rejected = expect("POST", resources, resources, 201, carol,
                           R"({"title":"Autre ressource","type":"autre"})");
    expect("POST", act + "reject",
           resources + "/" + std::to_string(rejected.value("id", 0)) + "/reject", 200, mona,
           R"({"reason":"Hors sujet"})");
    expect("POST", act + "hide", r + "/hide", 200, mona);
    expect("POST", act + "hide", r + "/hide", 409, mona);
    expect("POST", act + "restore", r + "/restore", 200, mona);
    expect("POST", act + "restore", r + "/restore", 409, mona);
    expect("PATCH", one, r, 200, alice, R"({"title":"Trame de projet 2"})");
    Json versions = expect("GET", act + "versions", r + "/versions", 200, mona);
    expect("GET", act + "versions", r + "/versions", 403, alice);
    const std::string restore_version = "/api/v1/resources/{id}/versions/{version}/restore";
    const std::string version = std::to_string(versions["versions"][0].value("id", 0));
    expect("POST", restore_version, r + "/versions/" + version + "/restore", 200, mona);
    expect("POST", restore_version, r + "/versions/999999/restore", 404, mona);
    // A resource hit, with its facets.
    EXPECT_TRUE(poll_until([&] {
        return search_finds(service_->port(), "q=trame&kind=resource", "resource:" + r.substr(18));
    }));
    expect("GET", search, "/api/v1/search?q=trame&kind=resource&type=modele-document", 200);
    const std::string tags = "/api/v1/tags";
    const std::string tag = "/api/v1/tags/{slug}";
    expect("GET", tags, tags, 200);
    expect("GET", tags, "/api/v1/tags?x=%FF", 400);
    expect("POST", tags, tags, 201, mona, R"({"slug":"trame","label":"Trame"})");
    expect("POST", tags, tags, 409, mona, R"({"slug":"trame"})");
    expect("GET", tag, "/api/v1/tags/trame", 200);
    expect("GET", tag, "/api/v1/tags/inconnu", 404);
    expect("PATCH", tag, "/api/v1/tags/trame", 200, mona, R"({"label":"Trames"})");
    expect("PATCH", tag, "/api/v1/tags/trame", 400, mona, "{}");
    expect("POST", tag + "/merge", "/api/v1/tags/trame/merge", 200, mona,
           R"({"into":"glossaire"})");
    expect("POST", tag + "/merge", "/api/v1/tags/inconnu/merge", 404, mona,
           R"({"into":"glossaire"})");
    expect("POST", tags, tags, 201, mona, R"({"slug":"jetable"})");
    expect("DELETE", tag, "/api/v1/tags/jetable", 204, mona);
    expect("DELETE", tag, "/api/v1/tags/glossaire", 409, mona);
    // Flags, the moderation queue and its log.
    const std::string flags = "/api/v1/flags";
    const std::string flag_body =
        R"({"item_kind":"resource","item_id":)" + r.substr(18) + R"(,"reason":"obsolete"})";
    Json flag = expect("POST", flags, flags, 201, carol, flag_body);
    expect("POST", flags, flags, 409, carol, flag_body);
    const std::string dismiss = "/api/v1/flags/{id}/dismiss";
    const std::string flag_url = "/api/v1/flags/" + std::to_string(flag.value("id", 0));
    Json queue = expect("GET", "/api/v1/moderation/queue", "/api/v1/moderation/queue", 200, mona);
    EXPECT_EQ(queue["flags"].size(), 1u) << queue.dump();
    expect("GET", "/api/v1/moderation/queue", "/api/v1/moderation/queue", 403, alice);
    expect("POST", dismiss, flag_url + "/dismiss", 200, mona);
    expect("POST", dismiss, flag_url + "/dismiss", 409, mona);
    const std::string log = "/api/v1/moderation/log";
    Json entries =
        expect("GET", log, "/api/v1/moderation/log?item_kind=resource&per_page=5", 200, mona);
    EXPECT_FALSE(entries["entries"].empty());
    expect("GET", log, "/api/v1/moderation/log?item_kind=nope", 400, mona);

    // The forum: webhooks (a ping, its redelivery, bad ones), related content and the embeds.
    const std::string hook = "/api/v1/forum/webhooks", ping = R"({"ping":"OK"})";
    auto signed_ping = [&](const std::string& body, const std::string& id) {
        return std::map<std::string, std::string>{
            {"X-Discourse-Event", "ping"},
            {"X-Discourse-Event-Id", id},
            {"X-Discourse-Event-Signature", discourse_signature(kForumSecret, body)}};
    };
    EXPECT_EQ(expect("POST", hook, hook, 202, "", ping, signed_ping(ping, "1"))["status"],
              "queued");
    EXPECT_EQ(expect("POST", hook, hook, 200, "", ping, signed_ping(ping, "1"))["status"],
              "duplicate");
    expect("POST", hook, hook, 401, "", ping, {{"X-Discourse-Event", "ping"}});
    expect("POST", hook, hook, 400, "", "{\"ping\"", signed_ping("{\"ping\"", "2"));
    expect("POST", hook, hook, 413, "", big, signed_ping(big, "3"));
    const std::string related = "/api/v1/related?text=conventionnement";
    expect("GET", "/api/v1/related", related, 200);
    const std::string etag = last_.header("etag");
    expect("GET", "/api/v1/related", related, 304, "", "", {{"If-None-Match", etag}});
    expect("GET", "/api/v1/related", "/api/v1/related", 400);
    expect("GET", "/embed/related", "/embed/related?text=conventionnement", 200);
    expect("GET", "/embed/related", "/embed/related?url=https%3A%2F%2Fevil.example%2Ft%2Fa%2F1",
           400);
    expect("GET", "/embed/related.js", "/embed/related.js", 200);
    expect("GET", "/embed/related.js", "/embed/related.js?x=%FF", 400);

    // The `default` problems, which any operation may answer: an unknown path, a wrong method.
    struct Stray {
        const char* method;
        const char* target;
        int status;
    };
    for (const Stray& stray : {Stray{"GET", "/api/v1/search/nothing-here", 404},
                               Stray{"DELETE", "/api/v1/search", 405}}) {
        HttpResponse r = http_request(service_->port(), stray.method, stray.target);
        const int status = stray.status;
        EXPECT_EQ(r.status, status) << r.body;
        for (const auto& e : answer_errors(document_, "GET", "/api/v1/search", r))
            ADD_FAILURE() << status << ": " << e;
    }

    // Coverage: every documented operation answered at least one success and one problem here.
    for (const auto& [method, path] : document_operations(document_)) {
        const std::set<int>& statuses = seen_[{method, path}];
        const bool success = std::any_of(statuses.begin(), statuses.end(),
                                         [](int s) { return s >= 200 && s < 300; });
        const bool problem = std::any_of(statuses.begin(), statuses.end(),
                                         [](int s) { return s >= 400 && s < 500; });
        EXPECT_TRUE(success && problem) << method << " " << path << " was not exercised both ways";
    }
}

// A search past its deadline and a caller over its budget answer as documented.
TEST_F(Contract, PartialAnswersAndBudgetsAnswerAsDocumented) {
    service_ = std::make_unique<ServiceProcess>(
        db_.url(), index_.path(), std::vector<std::string>{"--search-deadline-ms", "0"});
    Json partial = expect("GET", "/api/v1/search", "/api/v1/search?q=postes", 200);
    EXPECT_EQ(partial["partial"], true);
    for (int i = 0; i < 59; ++i) http_request(service_->port(), "GET", "/api/v1/search?q=postes");
    expect("GET", "/api/v1/search", "/api/v1/search?q=postes", 429);
    expect("POST", "/api/v1/search", "/api/v1/search", 429, "", R"({"q":"postes"})");
}

// Without a search index, the probe and the search answer their documented 503s.
TEST_F(Contract, UnavailableIndexAnswersAsDocumented) {
    TempDir empty_index;
    service_ = std::make_unique<ServiceProcess>(db_.url(), empty_index.path());
    Json probe = expect("GET", "/readyz", "/readyz", 503);
    EXPECT_EQ(probe["checks"]["search_index"], "unavailable");
    expect("GET", "/api/v1/search", "/api/v1/search?q=postes", 503);
    EXPECT_EQ(last_.header("retry-after"), "1");
    expect("GET", "/api/v1/articles/{slug}", "/api/v1/articles/calcul-des-postes", 503);
    // And without a forum link, the forum's routes.
    expect("GET", "/api/v1/related", "/api/v1/related?text=postes", 503);
    EXPECT_EQ(Json::parse(last_.body)["code"], "forum_not_configured");
}

}  // namespace
}  // namespace kb::test
