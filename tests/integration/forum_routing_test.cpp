/// @brief A new forum topic reaches the matching experts: a real Discourse webhook delivery
/// (Fedora's topic_created) through the signed route and the worker, then real mail received by
/// the local SMTP server (aiosmtpd), with the cap, the opt-out and the least recently solicited
/// first; a redelivery, an edit, the first post's own event and a reply send nothing more.
#include "accounts.hpp"
#include "api_assertions.hpp"
#include "fixture_server.hpp"
#include "forum_helpers.hpp"
#include "polling.hpp"
#include "process.hpp"
#include "smtp_sink.hpp"
#include "test_env.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace kb::test {
namespace {

using Json = nlohmann::json;
using namespace std::chrono_literals;

const std::string kSecret = "test-webhook-secret";
constexpr const char* kPublicUrl = "https://passerelle.example";

class ForumRouting : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(run_indexer(db_.url(), index_.path(), {fixture_kb_dir()}).exit_code, 0);
        // The forum topic's tags, in our vocabulary so that experts can follow them.
        (void)db_.scalar(
            "INSERT INTO tags (slug, label) VALUES ('silverblue', 'Silverblue'), "
            "('mobilite', 'Mobilité') ON CONFLICT (slug) DO NOTHING RETURNING slug");
        std::vector<std::string> args = forum_options(forum_.url(), kSecret);
        args.insert(args.end(),
                    {"--rate-limits", "false", "--public-url", kPublicUrl, "--notify-retry-base-ms",
                     "200", "--smtp-url", smtp_.url(), "--notify-max-experts", "2"});
        service_ = std::make_unique<ServiceProcess>(db_.url(), index_.path(), args);
    }

    // An expert with an address <login>@example.org and this profile.
    void expert(const std::string& login, Json profile) {
        const std::string token = create_user_with_token(db_.url(), login, login, "expert");
        profile["contact_email"] = login + "@example.org";
        expect_json(http_request(service_->port(), "PUT", "/api/v1/me/profile", profile.dump(),
                                 {{"Authorization", "Bearer " + token}}),
                    200, "PUT /api/v1/me/profile");
    }

    HttpResponse deliver(const std::string& event, const std::string& id, const Json& body) {
        return post_delivery(service_->port(), kSecret, event, id, body.dump(),
                             {{"X-Discourse-Instance", "https://ask.fedoraproject.org"}});
    }
    bool processed(const std::string& event_id) {
        return poll_until(
            [&] {
                return db_.scalar(
                           "SELECT processed_at IS NOT NULL FROM forum_inbox WHERE "
                           "event_id = '" +
                           event_id + "'") == "t";
            },
            15000ms);
    }
    std::string notified() {
        return db_.scalar(
            "SELECT coalesce(string_agg(u.login, ',' ORDER BY u.login), '') FROM notifications n "
            "JOIN users u ON u.id = n.recipient_id WHERE n.kind = 'question'");
    }

    TestDatabase db_;
    TempDir index_;
    TempDir mail_;
    SmtpSink smtp_{mail_.path()};
    std::mutex mutex_;
    std::map<std::string, Json> routes_;
    FixtureServer forum_{[this](const FixtureRequest& request) {
        std::lock_guard lock(mutex_);
        auto it = routes_.find(request.target);
        if (it == routes_.end()) return FixtureReply{404, "{}", {}, 0ms};
        return FixtureReply{200, it->second.dump(), {}, 0ms};
    }};
    std::unique_ptr<ServiceProcess> service_;
};

TEST_F(ForumRouting, ANewTopicIsMailedToMatchingExpertsOnceWhateverFollows) {
    // Three experts follow the topic's tag; the cap is 2: the two never solicited before
    // ("s-old" was, by a local question posted earlier) get it. Not the expert who opted out,
    // nor one whose topics, département and structure type do not match.
    expert("s-old", {{"topics", {"silverblue"}}, {"territory", "59"}});
    expert("s-one", {{"topics", {"silverblue"}}});
    expert("s-two", {{"topics", {"silverblue"}}});
    expert("s-none", {{"topics", {"silverblue"}}, {"notify_mode", "none"}});
    expert("elsewhere", {{"topics", {"mobilite"}}, {"structure_type", "EI"}});
    const std::string asker = create_user_with_token(db_.url(), "asker", "asker", "member");
    expect_json(http_request(service_->port(), "POST", "/api/v1/threads",
                             Json{{"title", "Une question locale du Nord"},
                                  {"body", "Le détail de la question locale."},
                                  {"territory", "59"}}
                                 .dump(),
                             {{"Authorization", "Bearer " + asker}}),
                201, "POST /api/v1/threads");
    ASSERT_TRUE(poll_until([&] { return received_messages(mail_.path()).size() == 1; }, 15000ms));

    // Fedora's real topic_created delivery; the forum serves the topic it announces.
    const auto dir = corpus_dir() / "discourse/gpl/fedora_discourse2fedmsg_messages";
    const Json created = Json::parse(read_file(dir / "topic_created.json"));
    const Json& topic = created["body"]["topic"];
    const std::string title = topic["title"];
    const Json first =
        discourse_post(317390, 31739, 1, "<p>Les mises à jour ne sont plus publiées.</p>");
    {
        std::lock_guard lock(mutex_);
        routes_["/t/31739.json"] =
            discourse_topic(31739, title, topic["slug"], {first}, topic["tags"]);
    }
    const std::string event_id = created["headers"]["X-Discourse-Event-Id"];
    ASSERT_EQ(deliver("topic_created", event_id, created["body"]).status, 202);
    ASSERT_TRUE(processed(event_id)) << service_->log();
    EXPECT_EQ(notified(), "s-old,s-one,s-two");  // s-old: the local question's notice

    ASSERT_TRUE(poll_until([&] { return received_messages(mail_.path()).size() >= 3; }, 15000ms))
        << service_->log();
    const std::string topic_url =
        forum_.url() + "/t/" + topic["slug"].get<std::string>() + "/31739";
    std::multiset<std::string> to;
    for (const auto& m : received_messages(mail_.path())) {
        if (m["subject"] != "Une question vous attend : " + title) continue;
        to.insert(m["rcpt_tos"][0].get<std::string>());
        EXPECT_NE(m["text"].get<std::string>().find(topic_url), std::string::npos) << m.dump();
        EXPECT_NE(m["text"].get<std::string>().find("posée sur le forum"), std::string::npos);
    }
    EXPECT_EQ(to, (std::multiset<std::string>{"s-one@example.org", "s-two@example.org"}));

    // The same delivery again, then an edit, the first post's own event and a reply.
    EXPECT_EQ(deliver("topic_created", event_id, created["body"]).status, 200);
    ASSERT_EQ(deliver("topic_edited", "90001", created["body"]).status, 202);
    ASSERT_EQ(deliver("post_created", "90002", {{"post", first}}).status, 202);
    const Json reply = discourse_post(317391, 31739, 2, "<p>Essayez rpm-ostree upgrade.</p>");
    ASSERT_EQ(deliver("post_created", "90003", {{"post", reply}}).status, 202);
    for (const char* id : {"90001", "90002", "90003"}) {
        ASSERT_TRUE(processed(id)) << id << ": " << service_->log();
    }
    std::this_thread::sleep_for(1s);  // several sender rounds
    EXPECT_EQ(notified(), "s-old,s-one,s-two");
    EXPECT_EQ(received_messages(mail_.path()).size(), 3U);
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM notifications WHERE sent_at IS NULL"), "0");
}

TEST_F(ForumRouting, ATopicFirstSeenThroughAnEditIsNotAnnounced) {
    expert("s-one", {{"topics", {"silverblue"}}});
    {
        std::lock_guard lock(mutex_);
        routes_["/t/777.json"] =
            discourse_topic(777, "Un sujet ancien", "ancien",
                            {discourse_post(7770, 777, 1, "<p>Question ancienne.</p>")},
                            Json::array({"silverblue"}));
    }
    ASSERT_EQ(deliver("topic_edited", "91001", {{"topic", {{"id", 777}}}}).status, 202);
    ASSERT_TRUE(processed("91001")) << service_->log();
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM threads WHERE forum_topic_id = 777"), "1");
    // A later topic_created of the same topic (a late delivery) finds it stored: nothing.
    ASSERT_EQ(deliver("topic_created", "91000", {{"topic", {{"id", 777}}}}).status, 202);
    ASSERT_TRUE(processed("91000"));
    std::this_thread::sleep_for(700ms);
    EXPECT_EQ(notified(), "");
    EXPECT_TRUE(received_messages(mail_.path()).empty());
}

}  // namespace
}  // namespace kb::test
