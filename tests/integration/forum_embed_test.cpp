/// @brief The embed surface for forum pages over HTTP: related content by topic URL or text, CORS
/// for the forum's origin only, Cache-Control and ETag, the iframe page's frame-ancestors, the
/// theme script; and the forum secrets (from a file too) never printed.
#include "fixture_server.hpp"
#include "forum_helpers.hpp"
#include "polling.hpp"
#include "process.hpp"
#include "search_helpers.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace kb::test {
namespace {

using Json = nlohmann::json;
const std::string kSecret = "embed-secret-0451";

class ForumEmbed : public ::testing::Test {
  protected:
    void SetUp() override {
        ASSERT_EQ(
            run_indexer(db_.url(), index_.path(), {source_dir() / "tests/fixtures/kb"}).exit_code,
            0);
        service_ = std::make_unique<ServiceProcess>(db_.url(), index_.path(),
                                                    forum_options(forum_.url(), kSecret));
    }
    HttpResponse get(const std::string& target, const std::map<std::string, std::string>& h = {}) {
        return http_request(service_->port(), "GET", target, "", h);
    }
    std::string topic_url(const std::string& slug, long long id) {
        return forum_.url() + "/t/" + slug + "/" + std::to_string(id);
    }

    FixtureServer forum_{[](const FixtureRequest& r) -> FixtureReply {
        if (r.target != "/t/321.json") return {404, "{}", {}, {}};
        return {200,
                discourse_topic(
                    321, "Signer la convention avec l'État", "signer-la-convention",
                    {discourse_post(3211, 321, 1, "<p>Comment se passe le conventionnement ?</p>")},
                    {"conventionnement"})
                    .dump(),
                {},
                {}};
    }};
    TestDatabase db_;
    TempDir index_;
    std::unique_ptr<ServiceProcess> service_;
};

TEST_F(ForumEmbed, RelatedJsonHasCorsForTheForumOnlyAndCaches) {
    const std::string target = "/api/v1/related?text=conventionnement";
    HttpResponse plain = get(target);
    ASSERT_EQ(plain.status, 200) << plain.body;
    const Json body = Json::parse(plain.body);
    ASSERT_FALSE(body["results"].empty());
    EXPECT_LE(body["results"].size(), 5u);
    EXPECT_EQ(body["results"][0]["url"], "/api/v1/articles/le-conventionnement-en-bref");
    EXPECT_EQ(plain.header("access-control-allow-origin"), "");
    EXPECT_EQ(plain.header("vary"), "Origin");
    EXPECT_EQ(plain.header("cache-control"), "public, max-age=300");
    const std::string etag = plain.header("etag");
    ASSERT_FALSE(etag.empty());

    HttpResponse from_forum = get(target, {{"Origin", forum_.url()}});
    EXPECT_EQ(from_forum.header("access-control-allow-origin"), forum_.url());
    HttpResponse from_elsewhere = get(target, {{"Origin", "https://evil.example"}});
    EXPECT_EQ(from_elsewhere.header("access-control-allow-origin"), "");
    HttpResponse not_modified = get(target, {{"If-None-Match", etag}});
    EXPECT_EQ(not_modified.status, 304);
    EXPECT_EQ(not_modified.body, "");

    EXPECT_EQ(get("/api/v1/related").status, 400);
    EXPECT_EQ(get("/api/v1/related?url=" + url_encode("https://evil.example/t/x/1")).status, 400);
}

TEST_F(ForumEmbed, RelatedToAForumTopicUsesItsTitleTagsAndText) {
    // Not stored yet: the words of its URL's slug.
    const Json by_slug = Json::parse(
        get("/api/v1/related?url=" + url_encode(topic_url("le-conventionnement-des-aci", 99)))
            .body);
    ASSERT_FALSE(by_slug["results"].empty());
    // Stored (through its webhook): its own words; forum threads are never suggested.
    ASSERT_EQ(
        post_delivery(service_->port(), kSecret, "topic_created", "1", R"({"topic":{"id":321}})")
            .status,
        202);
    const std::string url = topic_url("signer-la-convention", 321);
    ASSERT_TRUE(poll_until([&] {
        return !hit_with_url(search_get(service_->port(), "q=signer%20convention&source=forum"),
                             url)
                    .is_null();
    }));
    const Json related = Json::parse(get("/api/v1/related?url=" + url_encode(url)).body);
    ASSERT_FALSE(related["results"].empty());
    EXPECT_EQ(related["url"], url);
    for (const auto& item : related["results"]) {
        EXPECT_EQ(item["url"].get<std::string>().rfind("/api/v1/", 0), 0u) << item.dump();
    }
}

TEST_F(ForumEmbed, IframePageAllowsOnlyTheForumAsFrameAncestor) {
    HttpResponse page = get("/embed/related?text=conventionnement");
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.header("content-type").rfind("text/html", 0), 0u) << page.header("content-type");
    const std::string csp = page.header("content-security-policy");
    EXPECT_NE(csp.find("frame-ancestors " + forum_.url()), std::string::npos) << csp;
    EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
    EXPECT_NE(page.body.find("<a href=\"/api/v1/articles/le-conventionnement-en-bref\""),
              std::string::npos)
        << page.body;
    EXPECT_EQ(page.body.find("<script"), std::string::npos);
    // Titles are escaped.
    HttpResponse escaped = get("/embed/related?text=" + url_encode("<script>alert(1)</script>"));
    EXPECT_EQ(escaped.status, 200);
    EXPECT_EQ(escaped.body.find("<script"), std::string::npos);

    HttpResponse script = get("/embed/related.js");
    ASSERT_EQ(script.status, 200);
    EXPECT_EQ(script.header("content-type").rfind("application/javascript", 0), 0u);
    EXPECT_NE(script.body.find("/api/v1/related?url="), std::string::npos);
    EXPECT_NE(script.header("etag"), "");
}

TEST(ForumSecrets, NeverPrintedAndReadFromAFile) {
    CommandResult help = run_command(
        service_binary(), {"--help"},
        {{"KB_FORUM_WEBHOOK_SECRET", "hush-hush-1"}, {"KB_FORUM_API_KEY", "hush-hush-2"}});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("--forum-webhook-secret"), std::string::npos);
    EXPECT_EQ(help.out.find("hush-hush"), std::string::npos);

    TestDatabase db;
    TempDir dir;
    ASSERT_EQ(
        run_indexer(db.url(), dir.path() / "index", {source_dir() / "tests/fixtures/kb"}).exit_code,
        0);
    write_file(dir.path() / "forum.env",
               "# forum\nKB_FORUM_WEBHOOK_SECRET = from-the-file-77\nKB_FORUM_API_KEY=key-88\n");
    ServiceProcess service(db.url(), dir.path() / "index",
                           {"--forum-url", "https://forum.example.org", "--forum-secrets-file",
                            (dir.path() / "forum.env").string()});
    EXPECT_EQ(
        post_delivery(service.port(), "from-the-file-77", "ping", "9", R"({"ping":"OK"})").status,
        202);
    EXPECT_EQ(post_delivery(service.port(), "wrong", "ping", "10", R"({"ping":"OK"})").status, 401);
    EXPECT_EQ(service.log().find("from-the-file-77"), std::string::npos);
    EXPECT_EQ(service.log().find("key-88"), std::string::npos);
}

}  // namespace
}  // namespace kb::test
