/// @brief The forum's webhooks over HTTP against the real server, PostgreSQL and Xapian, with a
/// fixture forum API in the test process: signatures, the inbox, Fedora's real deliveries,
/// replays, out-of-order edits, deletions, acceptance, a forum that fails, and read-only threads.
#include "accounts.hpp"
#include "fixture_server.hpp"
#include "forum_helpers.hpp"
#include "polling.hpp"
#include "process.hpp"
#include "search_helpers.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <mutex>
#include <thread>

namespace kb::test {
namespace {

using Json = nlohmann::json;
using std::chrono::milliseconds;
const std::string kSecret = "test-webhook-secret";
constexpr std::chrono::seconds kWait{15};  // the worker's retries are 200 ms, doubling

class ForumWebhook : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(
            run_indexer(db_.url(), index_.path(), {source_dir() / "tests/fixtures/kb"}).exit_code,
            0);
        start();
    }
    void start() {
        service_ = std::make_unique<ServiceProcess>(db_.url(), index_.path(),
                                                    forum_options(forum_.url(), kSecret));
    }
    int port() const { return service_->port(); }

    void serve(const std::string& target, const Json& body, int status = 200) {
        std::lock_guard lock(mutex_);
        routes_[target] = FixtureReply{status, body.dump(), {}, milliseconds(0)};
    }
    void serve_reply(const std::string& target, FixtureReply reply) {
        std::lock_guard lock(mutex_);
        routes_[target] = std::move(reply);
    }
    // Answered once, before the target's usual reply.
    void serve_once(const std::string& target, FixtureReply reply) {
        std::lock_guard lock(mutex_);
        once_[target] = std::move(reply);
    }
    FixtureReply route(const FixtureRequest& request) {
        std::lock_guard lock(mutex_);
        if (auto once = once_.find(request.target); once != once_.end()) {
            FixtureReply reply = once->second;
            once_.erase(once);
            return reply;
        }
        auto it = routes_.find(request.target);
        if (it == routes_.end()) return {404, R"({"errors":["introuvable"]})", {}, milliseconds(0)};
        return it->second;
    }
    HttpResponse deliver(const std::string& event, const std::string& id, const Json& body) {
        return post_delivery(port(), kSecret, event, id, body.dump());
    }
    std::string inbox(const std::string& expression, const std::string& event_id) {
        return db_.scalar("SELECT " + expression + " FROM forum_inbox WHERE event_id = '" +
                          event_id + "'");
    }
    bool processed(const std::string& event_id) {
        return poll_until([&] { return inbox("processed_at IS NOT NULL", event_id) == "t"; },
                          kWait);
    }
    bool all_indexed() {
        return poll_until(
            [&] {
                return db_.scalar(
                           "SELECT count(*) FROM search_outbox WHERE processed_at IS NULL") == "0";
            },
            kWait);
    }
    std::string topic_url(const std::string& slug, long long id) {
        return forum_.url() + "/t/" + slug + "/" + std::to_string(id);
    }
    Json found(const std::string& query) { return search_get(port(), query); }
    bool finds(const std::string& query, const std::string& url) {
        return !hit_with_url(found(query), url).is_null();
    }

    std::mutex mutex_;
    std::map<std::string, FixtureReply> routes_;
    std::map<std::string, FixtureReply> once_;
    FixtureServer forum_{[this](const FixtureRequest& r) { return route(r); }};
    TestDatabase db_;
    TempDir index_;
    std::unique_ptr<ServiceProcess> service_;
};

TEST_F(ForumWebhook, DiscourseSignatureVectorIsAcceptedAndNearMissesAreRefused) {
    const Json v =
        Json::parse(read_file(corpus_dir() / "discourse/facts/webhook_signature_vector.json"));
    service_ = std::make_unique<ServiceProcess>(
        db_.url(), index_.path(), forum_options(forum_.url(), v["secret"].get<std::string>()));
    std::map<std::string, std::string> headers;
    for (const auto& [name, value] : v["headers"].items()) headers[name] = value;
    HttpResponse ok = http_request(port(), "POST", "/api/v1/forum/webhooks",
                                   v["body"].get<std::string>(), headers);
    EXPECT_EQ(ok.status, 202) << ok.body;
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM forum_inbox WHERE event = 'ping'"), "1");

    // One byte changed under the same signature, no signature, a signature of another secret.
    const std::string changed = R"({"ping":"OK!"})";
    HttpResponse wrong = http_request(port(), "POST", "/api/v1/forum/webhooks", changed, headers);
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(wrong.header("content-type"), "application/problem+json");
    EXPECT_EQ(Json::parse(wrong.body)["code"], "invalid_signature");
    headers.erase("X-Discourse-Event-Signature");
    EXPECT_EQ(http_request(port(), "POST", "/api/v1/forum/webhooks", changed, headers).status, 401);
    EXPECT_EQ(post_delivery(port(), "another-secret", "ping", "", changed).status, 401);
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM forum_inbox"), "1");
    // Rejections are logged without the body.
    EXPECT_NE(service_->log().find("forum_webhook_rejected"), std::string::npos);
    EXPECT_EQ(service_->log().find("OK!"), std::string::npos);
}

TEST_F(ForumWebhook, BadDeliveriesGetClearAnswersOrRecordedErrors) {
    HttpResponse malformed = post_delivery(port(), kSecret, "post_created", "1", "{\"post\": ");
    EXPECT_EQ(malformed.status, 400);
    EXPECT_EQ(Json::parse(malformed.body)["code"], "malformed_json");
    HttpResponse no_event =
        http_request(port(), "POST", "/api/v1/forum/webhooks", "{}",
                     {{"X-Discourse-Event-Signature", discourse_signature(kSecret, "{}")}});
    EXPECT_EQ(no_event.status, 400);
    EXPECT_EQ(Json::parse(no_event.body)["code"], "missing_event_header");
    const std::string huge = "{\"x\":\"" + std::string(1100000, 'a') + "\"}";
    EXPECT_EQ(post_delivery(port(), kSecret, "ping", "2", huge).status, 413);

    // Accepted, then refused by processing: the inbox says why.
    EXPECT_EQ(deliver("post_created", "3", {{"post", {{"id", "douze"}, {"topic_id", 1}}}}).status,
              202);
    EXPECT_EQ(deliver("topic_created", "4", {{"sujet", {{"id", 5}}}}).status, 202);
    ASSERT_TRUE(processed("3"));
    ASSERT_TRUE(processed("4"));
    EXPECT_NE(inbox("error", "3").find("invalid payload: field 'id'"), std::string::npos);
    EXPECT_NE(inbox("error", "4").find("invalid payload"), std::string::npos);
    // A topic the forum answers 404 for.
    EXPECT_EQ(deliver("topic_created", "5", {{"topic", {{"id", 404404}}}}).status, 202);
    ASSERT_TRUE(processed("5"));
    EXPECT_NE(inbox("error", "5").find("404"), std::string::npos);
    EXPECT_EQ(http_request(port(), "GET", "/healthz").status, 200);
}

TEST_F(ForumWebhook, FedoraRealDeliveriesEndUpInSearch) {
    const auto dir = corpus_dir() / "discourse/gpl/fedora_discourse2fedmsg_messages";
    const std::vector<std::string> order = {
        "topic_created",   "topic_edited",      "post_created",    "post_edited",
        "post_recovered",  "accepted_solution", "topic_recovered", "post_destroyed",
        "topic_destroyed", "post_liked"};
    std::vector<Json> deliveries;
    for (const auto& name : order)
        deliveries.push_back(Json::parse(read_file(dir / (name + ".json"))));

    // The forum as it stands after these events: each topic with its first post, and the
    // stripped posts (discourse2fedmsg removed their text) readable at /posts/{id}.json.
    struct Topic {
        std::string title, slug;
        Json tags = Json::array();
        Json first;
        bool deleted = false;
    };
    std::map<long long, Topic> topics;
    for (const auto& d : deliveries) {
        const Json& body = d["body"];
        if (body.contains("topic")) {
            const Json& t = body["topic"];
            Topic& topic = topics[t["id"].get<long long>()];
            topic.title = t["title"];
            topic.slug = t["slug"];
            topic.tags = t["tags"];
        }
        for (const char* key : {"post", "solved"}) {
            if (!body.contains(key)) continue;
            Json p = body[key];
            Topic& topic = topics[p["topic_id"].get<long long>()];
            if (topic.title.empty()) topic.title = p["topic_title"];
            if (topic.slug.empty()) topic.slug = p["topic_slug"];
            if (!p.contains("cooked")) {
                const std::string author = p["name"].get<std::string>().empty()
                                               ? p["username"].get<std::string>()
                                               : p["name"].get<std::string>();
                p["cooked"] = "<p>Message " + std::to_string(p["post_number"].get<int>()) + " de " +
                              author + " sur « " + p["topic_title"].get<std::string>() + " ».</p>";
                serve("/posts/" + std::to_string(p["id"].get<long long>()) + ".json", p);
            }
            if (p["post_number"] == 1) topic.first = p;
        }
    }
    topics[31274].deleted = true;  // topic_destroyed
    for (auto& [id, t] : topics) {
        Json first = t.first.is_null()
                         ? discourse_post(id * 10, id, 1, "<p>Question : " + t.title + "</p>")
                         : t.first;
        Json topic = discourse_topic(id, t.title, t.slug, {first}, t.tags);
        if (t.deleted) topic["deleted_at"] = "2023-02-12T00:00:00.000Z";
        serve("/t/" + std::to_string(id) + ".json", topic);
    }

    for (const auto& d : deliveries) {
        const std::string event = d["headers"]["X-Discourse-Event"];
        const std::string id = d["headers"]["X-Discourse-Event-Id"];
        HttpResponse r = post_delivery(
            port(), kSecret, event, id, d["body"].dump(),
            {{"X-Discourse-Instance", d["headers"]["X-Discourse-Instance"].get<std::string>()}});
        EXPECT_EQ(r.status, 202) << event << ": " << r.body;
        EXPECT_EQ(Json::parse(r.body)["status"], event == "post_liked" ? "ignored" : "queued");
    }
    ASSERT_TRUE(poll_until(
        [&] {
            return db_.scalar("SELECT count(*) FROM forum_inbox WHERE processed_at IS NULL") == "0";
        },
        kWait))
        << db_.scalar(
               "SELECT string_agg(event || ': ' || coalesce(error, ''), '; ') FROM forum_inbox");
    ASSERT_TRUE(all_indexed());
    EXPECT_EQ(db_.scalar("SELECT error FROM forum_inbox WHERE event = 'post_liked'"),
              "ignored: unknown event");

    // The accepted answer's own text (from the real delivery), the thread solved, linked back.
    const std::string solved_url =
        topic_url("error-0x800f0922-updating-windows-10-in-kvm-libvirt-qemu-stack", 31703);
    const Json hit =
        hit_with_url(found("q=firmware%20smoothly&kind=thread&source=forum"), solved_url);
    ASSERT_FALSE(hit.is_null()) << found("q=firmware%20smoothly").dump();
    EXPECT_EQ(hit["status"], "solved");
    EXPECT_EQ(hit["source"], "forum");
    const std::string thread_id = hit["id"].get<std::string>().substr(7);
    const Json thread =
        Json::parse(http_request(port(), "GET", "/api/v1/threads/" + thread_id).body);
    ASSERT_FALSE(thread["answers"].empty());
    EXPECT_TRUE(thread["answers"][0]["accepted"].get<bool>());
    EXPECT_NE(thread["answers"][0]["html"].get<std::string>().find("<strong>Firmware:</strong>"),
              std::string::npos);
    // Mentions point to the forum.
    EXPECT_NE(
        thread["answers"][0]["html"].get<std::string>().find(forum_.url() + "/u/eddiejennings"),
        std::string::npos);

    // Tags as edited, stripped posts fetched, recovered post and topic back, destroyed gone.
    const std::string silverblue =
        topic_url("no-updates-published-for-f37-silverblue-since-feb-9th", 31739);
    const Json tagged = hit_with_url(found("tag=silverblue&source=forum"), silverblue);
    ASSERT_FALSE(tagged.is_null());
    EXPECT_EQ(tagged["tags"], Json({"f37", "silverblue"}));
    EXPECT_TRUE(
        finds("q=Andrieu&source=forum", topic_url("docs-meeting-agenda-2023-02-08", 46582)));
    EXPECT_TRUE(
        finds("q=johnnee8", topic_url("problems-upgrading-via-terminal-from-f35-to-f37", 31544)));
    EXPECT_TRUE(finds("q=QuickDocs%20Hank", topic_url("quickdocs-manage-images", 46225)));
    EXPECT_TRUE(
        finds("q=bluetooth%20adapters", topic_url("two-bluetooth-adapters-and-a-manager", 31714)));
    EXPECT_FALSE(finds("q=resolution%20failure", topic_url("name-resolution-failure", 31274)));
    // The source facet counts forum threads apart from ours.
    const Json facets =
        found("q=fedora%20OR%20conventionnement%20OR%20firmware")["facets"]["source"];
    bool forum_counted = false;
    for (const auto& f : facets)
        forum_counted = forum_counted || (f["value"] == "forum" && f["count"] > 0);
    EXPECT_TRUE(forum_counted) << facets.dump();
}

TEST_F(ForumWebhook, RedeliveryIsANoOp) {
    serve("/t/500.json", discourse_topic(500, "Agrément et redélivrance", "agrement",
                                         {discourse_post(5001, 500, 1, "<p>Question</p>")}));
    const Json body = {{"topic", {{"id", 500}}}};
    EXPECT_EQ(deliver("topic_created", "777", body).status, 202);
    ASSERT_TRUE(processed("777"));
    for (int i = 0; i < 3; ++i) {
        HttpResponse again = deliver("topic_created", "777", body);
        EXPECT_EQ(again.status, 200);
        EXPECT_EQ(Json::parse(again.body)["status"], "duplicate");
    }
    // The id is the key, whatever the body says.
    EXPECT_EQ(deliver("topic_created", "777", {{"topic", {{"id", 501}}}}).status, 200);
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM forum_inbox"), "1");
    EXPECT_EQ(forum_.count("/t/500.json"), 1u);
    EXPECT_EQ(forum_.count("/t/501.json"), 0u);
}

TEST_F(ForumWebhook, OutOfOrderEditsConverge) {
    const std::string url = topic_url("ordre", 600);
    serve("/t/600.json", discourse_topic(600, "Sujet des modifications", "ordre",
                                         {discourse_post(6001, 600, 1, "<p>Question</p>"),
                                          discourse_post(6002, 600, 2, "<p>Premier jet</p>")}));
    ASSERT_EQ(deliver("topic_created", "10", {{"topic", {{"id", 600}}}}).status, 202);
    ASSERT_TRUE(processed("10"));
    // Version 3 arrives before version 2; then version 3 again with an older date.
    auto edit = [&](const std::string& id, int version, const std::string& updated,
                    const std::string& text) {
        return deliver(
            "post_edited", id,
            {{"post", discourse_post(6002, 600, 2, "<p>" + text + "</p>", version, updated)}});
    };
    ASSERT_EQ(edit("13", 3, "2024-03-03T10:00:00.000Z", "troisieme redaction").status, 202);
    ASSERT_TRUE(processed("13"));
    ASSERT_EQ(edit("12", 2, "2024-03-02T10:00:00.000Z", "deuxieme redaction").status, 202);
    ASSERT_EQ(edit("14", 3, "2024-03-01T11:00:00.000Z", "redaction perimee").status, 202);
    ASSERT_TRUE(processed("12"));
    ASSERT_TRUE(processed("14"));
    EXPECT_NE(inbox("error", "12").find("stale"), std::string::npos);
    EXPECT_NE(inbox("error", "14").find("stale"), std::string::npos);
    ASSERT_TRUE(all_indexed());
    EXPECT_TRUE(finds("q=troisieme", url));
    EXPECT_FALSE(finds("q=deuxieme", url));
    EXPECT_FALSE(finds("q=perimee", url));

    // Destroyed then recovered restores; a destroy delivered after a later recover is ignored.
    const Json post = {{"post", discourse_post(6002, 600, 2, "<p>troisieme redaction</p>", 3,
                                               "2024-03-03T10:00:00.000Z")}};
    ASSERT_EQ(deliver("post_destroyed", "20", post).status, 202);
    ASSERT_TRUE(processed("20"));
    ASSERT_TRUE(all_indexed());
    EXPECT_FALSE(finds("q=troisieme", url));
    ASSERT_EQ(deliver("post_recovered", "22", post).status, 202);
    ASSERT_TRUE(processed("22"));
    ASSERT_EQ(deliver("post_destroyed", "21", post).status, 202);
    ASSERT_TRUE(processed("21"));
    ASSERT_TRUE(all_indexed());
    EXPECT_TRUE(finds("q=troisieme", url));
    // The same for the topic.
    ASSERT_EQ(deliver("topic_destroyed", "30", {{"topic", {{"id", 600}}}}).status, 202);
    ASSERT_TRUE(processed("30"));
    ASSERT_TRUE(all_indexed());
    EXPECT_FALSE(finds("q=modifications", url));
    ASSERT_EQ(deliver("topic_recovered", "31", {{"topic", {{"id", 600}}}}).status, 202);
    ASSERT_TRUE(processed("31"));
    ASSERT_TRUE(all_indexed());
    EXPECT_TRUE(finds("q=modifications", url));

    // Accepted, then unaccepted delivered in reverse order: the later event wins.
    const Json solved = {{"solved", discourse_post(6002, 600, 2, "<p>troisieme redaction</p>", 3,
                                                   "2024-03-03T10:00:00.000Z")}};
    ASSERT_EQ(deliver("unaccepted_solution", "41", solved).status, 202);
    ASSERT_EQ(deliver("accepted_solution", "40", solved).status, 202);
    ASSERT_TRUE(processed("40"));
    ASSERT_TRUE(all_indexed());
    EXPECT_EQ(hit_with_url(found("q=modifications"), url)["status"], "answered");
    ASSERT_EQ(deliver("accepted_solution", "42", solved).status, 202);
    ASSERT_TRUE(processed("42"));
    ASSERT_TRUE(all_indexed());
    EXPECT_EQ(hit_with_url(found("q=modifications"), url)["status"], "solved");
}

TEST_F(ForumWebhook, PostBeforeItsTopicFetchesTheTopicAndIsSearchableWithinTwoSeconds) {
    const std::string url = topic_url("avant", 700);
    serve("/t/700.json", discourse_topic(700, "Le sujet arrive après", "avant",
                                         {discourse_post(7001, 700, 1, "<p>Question</p>")}));
    ASSERT_EQ(deliver("post_created", "50",
                      {{"post", discourse_post(7002, 700, 2, "<p>reponse precoce</p>")}})
                  .status,
              202);
    ASSERT_TRUE(processed("50"));
    EXPECT_EQ(forum_.count("/t/700.json"), 1u);
    ASSERT_TRUE(all_indexed());
    EXPECT_TRUE(finds("q=precoce", url));

    // A new post on a known topic: searchable within 2 s of its webhook.
    const auto sent = std::chrono::steady_clock::now();
    ASSERT_EQ(deliver("post_created", "51",
                      {{"post", discourse_post(7003, 700, 3, "<p>ornithorynque</p>")}})
                  .status,
              202);
    ASSERT_TRUE(poll_until([&] { return finds("q=ornithorynque", url); }, milliseconds(2000)));
    EXPECT_LT(std::chrono::steady_clock::now() - sent, milliseconds(2000));
}

TEST_F(ForumWebhook, ForumDownIsRetriedAndNothingIsLost) {
    const std::string url = topic_url("panne", 800);
    serve("/t/800.json", Json{{"errors", {"panne"}}}, 500);
    ASSERT_EQ(deliver("topic_created", "60", {{"topic", {{"id", 800}}}}).status, 202);
    ASSERT_TRUE(poll_until([&] { return inbox("attempts", "60") >= "1"; }));
    EXPECT_EQ(inbox("processed_at IS NULL", "60"), "t");
    EXPECT_NE(inbox("error", "60").find("500"), std::string::npos);

    // A timeout is recorded too; then the service dies with the row still pending.
    serve_reply("/t/800.json", FixtureReply{200, "{}", {}, milliseconds(1500)});
    ASSERT_TRUE(poll_until([&] {
        return inbox("error", "60").find("imeout") != std::string::npos;
    })) << inbox("error", "60");
    serve("/t/800.json", Json{{"errors", {"panne"}}}, 500);
    service_->kill_hard();
    // Let the fixture answer the requests the dead service left queued (one slow answer at most).
    for (std::size_t seen = forum_.requests().size();;) {
        std::this_thread::sleep_for(milliseconds(1700));
        if (forum_.requests().size() == seen) break;
        seen = forum_.requests().size();
    }
    serve("/t/800.json", discourse_topic(800, "Panne du forum", "panne",
                                         {discourse_post(8001, 800, 1, "<p>hippocampe</p>")}));
    // A 429 with a short Retry-After is waited out, not treated as a failure.
    serve_once("/t/800.json", FixtureReply{429, "{}", {{"Retry-After", "1"}}, milliseconds(0)});
    const std::size_t before = forum_.count("/t/800.json");
    start();
    ASSERT_TRUE(processed("60")) << inbox("error", "60");
    EXPECT_EQ(inbox("error", "60"), "");
    EXPECT_GE(forum_.count("/t/800.json") - before, 2u);  // the 429, then the topic
    ASSERT_TRUE(all_indexed());
    EXPECT_TRUE(finds("q=hippocampe", url));
}

TEST_F(ForumWebhook, ForumThreadsAreReadOnlyHere) {
    serve("/t/900.json", discourse_topic(900, "Lecture seule", "lecture",
                                         {discourse_post(9001, 900, 1, "<p>Question</p>"),
                                          discourse_post(9002, 900, 2, "<p>Réponse</p>")}));
    ASSERT_EQ(deliver("topic_created", "70", {{"topic", {{"id", 900}}}}).status, 202);
    ASSERT_TRUE(processed("70"));
    const std::string thread = db_.scalar("SELECT id FROM threads WHERE forum_topic_id = 900");
    const std::string answer = db_.scalar("SELECT id FROM answers WHERE forum_post_id = 9002");
    const std::string member = create_user_with_token(db_.url(), "lea", "Léa", "member");
    const std::string moderator =
        create_user_with_token(db_.url(), "mod", "Modératrice", "moderator");
    const std::string t = "/api/v1/threads/" + thread, a = "/api/v1/answers/" + answer;
    struct Case {
        std::string method, target, body, token;
    };
    const std::vector<Case> cases = {
        {"PATCH", t, R"({"body":"modifié"})", moderator},
        {"POST", t + "/answers", R"({"body":"réponse locale"})", member},
        {"POST", t + "/accept", R"({"answer_id":)" + answer + "}", moderator},
        {"DELETE", t + "/accept", "", moderator},
        {"POST", t + "/hide", "", moderator},
        {"POST", t + "/restore", "", moderator},
        {"PATCH", a, R"({"body":"modifié"})", moderator},
        {"PUT", a + "/vote", "", member},
        {"DELETE", a + "/vote", "", member},
        {"POST", a + "/hide", "", moderator},
        {"POST", a + "/restore", "", moderator}};
    for (const auto& c : cases) {
        HttpResponse r = http_request(port(), c.method, c.target, c.body,
                                      {{"Authorization", "Bearer " + c.token}});
        EXPECT_EQ(r.status, 409) << c.method << " " << c.target << ": " << r.body;
        EXPECT_EQ(Json::parse(r.body)["code"], "forum_thread_read_only");
    }
    // Reading works, and local threads are still writable.
    EXPECT_EQ(http_request(port(), "GET", t).status, 200);
    HttpResponse local =
        http_request(port(), "POST", "/api/v1/threads",
                     R"({"title":"Question locale","body":"Le texte de la question locale."})",
                     {{"Authorization", "Bearer " + member}});
    EXPECT_EQ(local.status, 201);
}

TEST(ForumNotConfigured, ForumRoutesAnswer503) {
    TestDatabase db;
    TempDir index;
    ASSERT_EQ(run_indexer(db.url(), index.path(), {source_dir() / "tests/fixtures/kb"}).exit_code,
              0);
    ServiceProcess service(db.url(), index.path());
    for (const std::string target : {"/api/v1/related?text=conventionnement",
                                     "/embed/related?text=aci", "/embed/related.js"}) {
        HttpResponse r = http_request(service.port(), "GET", target);
        EXPECT_EQ(r.status, 503) << target;
        EXPECT_EQ(Json::parse(r.body)["code"], "forum_not_configured");
    }
    HttpResponse hook = post_delivery(service.port(), "x", "ping", "1", R"({"ping":"OK"})");
    EXPECT_EQ(hook.status, 503);
    EXPECT_EQ(Json::parse(hook.body)["code"], "forum_not_configured");
}

}  // namespace
}  // namespace kb::test
