/// @brief `kb-service forum import` against a fixture forum in the test process serving the
/// real MIT-licensed API responses: pagination, long topics, an interruption and the resumed
/// run, a second run that imports only what changed, then the topics in search.
#include "fixture_server.hpp"
#include "forum_helpers.hpp"
#include "polling.hpp"
#include "process.hpp"
#include "search_helpers.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <mutex>

namespace kb::test {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

Json fixture(const std::string& relative) {
    return Json::parse(read_file(source_dir() / "tests/fixtures/discourse" / relative));
}

class ForumImport : public ::testing::Test {
  protected:
    void SetUp() override {
        // Page 1: the gem's /latest.json (its three topics renumbered to topics we can serve, and
        // 1, which the forum refuses); page 2: the API docs' /latest.json (13 real, 12 and 8
        // refused). Topic 57 is long: its stream names a post that /t/57.json leaves out.
        Json page1 = fixture("discourse_api/latest.json");
        page1["topic_list"]["topics"][0]["id"] = 57;
        page1["topic_list"]["topics"][1]["id"] = 23;
        Json topic57 = fixture("discourse_api/topic.json");
        topic57["post_stream"]["stream"].push_back(123456);
        routes_ = {
            {"/latest.json", page1.dump()},
            {"/latest.json?page=1",
             fixture("discourse_api_docs/latest_topics_response.json").dump()},
            {"/t/57.json", topic57.dump()},
            {"/t/57/posts.json?post_ids[]=123456",
             fixture("discourse_api/topic_posts.json").dump()},
            {"/t/23.json", fixture("discourse_solved/topic_23_with_accepted_answer.json").dump()},
            {"/t/13.json", fixture("discourse_api_docs/topic_response.json").dump()}};
    }
    FixtureReply route(const FixtureRequest& request) {
        std::lock_guard lock(mutex_);
        if (failing_ == request.target) return {500, R"({"errors":["panne"]})", {}, {}};
        auto it = routes_.find(request.target);
        if (it == routes_.end()) return {404, R"({"errors":["introuvable"]})", {}, {}};
        return {200, it->second, {}, {}};
    }
    CommandResult import() {
        return run_command(service_binary(), {"forum", "import", "--database-url", db_.url(),
                                              "--forum-url", forum_.url(), "--forum-api-key", "k",
                                              "--forum-api-username", "system"});
    }
    std::size_t topic_fetches(std::size_t from) {
        std::size_t n = 0;
        const auto all = forum_.requests();
        for (std::size_t i = from; i < all.size(); ++i) n += all[i].target.rfind("/t/", 0) == 0;
        return n;
    }

    std::mutex mutex_;
    std::map<std::string, std::string> routes_;
    std::string failing_;
    FixtureServer forum_{[this](const FixtureRequest& r) { return route(r); }};
    TestDatabase db_;
    TempDir index_;
};

TEST_F(ForumImport, PaginatesResumesAndImportsOnlyWhatChanged) {
    // First run: the second page fails (after the client's own retries): interrupted.
    failing_ = "/latest.json?page=1";
    CommandResult first = import();
    EXPECT_EQ(first.exit_code, 1) << first.out << first.err;
    EXPECT_NE(first.out.find("interrupted"), std::string::npos) << first.out;
    EXPECT_NE(first.out.find("2 imported"), std::string::npos) << first.out << first.err;
    EXPECT_EQ(db_.scalar("SELECT next_page_url FROM forum_import_state"), "/latest.json?page=1");
    EXPECT_EQ(forum_.requests().front().headers.at("api-key"), "k");
    EXPECT_EQ(forum_.requests().front().headers.at("api-username"), "system");

    // Resumed: the first page is not read again.
    {
        std::lock_guard lock(mutex_);
        failing_.clear();
    }
    const std::size_t before = forum_.requests().size();
    CommandResult second = import();
    EXPECT_EQ(second.exit_code, 0) << second.out << second.err;
    EXPECT_NE(second.out.find("resumed from /latest.json?page=1"), std::string::npos) << second.out;
    EXPECT_NE(second.out.find("1 imported"), std::string::npos) << second.out;
    EXPECT_NE(second.out.find("2 gone"), std::string::npos) << second.out;
    EXPECT_EQ(forum_.count("/latest.json"), 1u);
    EXPECT_EQ(db_.scalar("SELECT coalesce(next_page_url, 'none') FROM forum_import_state"), "none");

    // Nothing changed: both pages are read, no topic is.
    const std::size_t third_from = forum_.requests().size();
    CommandResult third = import();
    EXPECT_EQ(third.exit_code, 0) << third.out;
    EXPECT_NE(third.out.find("0 imported"), std::string::npos) << third.out;
    EXPECT_EQ(topic_fetches(third_from), 0u);

    // One topic bumped on the forum: only it is fetched.
    {
        std::lock_guard lock(mutex_);
        Json page1 = Json::parse(routes_["/latest.json"]);
        page1["topic_list"]["topics"][1]["bumped_at"] = "2026-01-01T00:00:00.000Z";
        routes_["/latest.json"] = page1.dump();
    }
    const std::size_t fourth_from = forum_.requests().size();
    CommandResult fourth = import();
    EXPECT_NE(fourth.out.find("1 imported"), std::string::npos) << fourth.out;
    EXPECT_EQ(topic_fetches(fourth_from), 1u);
    EXPECT_EQ(forum_.count("/t/23.json"), 2u);
    EXPECT_GT(before, 0u);

    // In search (the service indexes what the import queued), linked back to the forum.
    ASSERT_EQ(run_indexer(db_.url(), index_.path(), {source_dir() / "tests/fixtures/kb"}).exit_code,
              0);
    ServiceProcess service(db_.url(), index_.path(), forum_options(forum_.url(), "s"));
    const std::string sandbox = forum_.url() + "/t/this-site-is-a-sandbox-it-is-reset-every-day/57";
    ASSERT_TRUE(poll_until([&] {
        return !hit_with_url(search_get(service.port(), "q=sandbox&source=forum"), sandbox)
                    .is_null();
    }));
    // The long topic's extra post, read from /t/57/posts.json.
    EXPECT_FALSE(
        hit_with_url(search_get(service.port(), "q=%22Some%20text%22"), sandbox).is_null());
    const Json solved = hit_with_url(search_get(service.port(), "q=ruby%20variable&kind=thread"),
                                     forum_.url() + "/t/test-solved/23");
    ASSERT_FALSE(solved.is_null());
    EXPECT_EQ(solved["status"], "solved");
    EXPECT_EQ(db_.scalar("SELECT a.forum_post_id FROM threads t JOIN answers a ON a.id = "
                         "t.accepted_answer_id WHERE t.forum_topic_id = 23"),
              "22");
    EXPECT_EQ(db_.scalar("SELECT forum_author FROM answers WHERE forum_post_id = 86"),
              "Adam Davis");
    EXPECT_EQ(db_.scalar("SELECT to_char(forum_created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM "
                         "threads WHERE forum_topic_id = 57"),
              "2013-02-04");
}

}  // namespace
}  // namespace kb::test
