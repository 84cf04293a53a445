/// @brief Forum pieces on their own: Discourse's signature test vector, the HTML sanitiser on a
/// battery of hostile HTML, forum URLs, and the reading of real API responses.
#include "discourse_model.hpp"
#include "forum_import.hpp"
#include "html_sanitizer.hpp"
#include "test_env.hpp"
#include "webhook_signature.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <regex>

namespace kb {
namespace {

using Json = nlohmann::json;
const std::string kForum = "https://forum.example.org";

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

TEST(ForumSignature, DiscourseTestVector) {
    // Secret, body and signature from Discourse's own test suite (read from ../shared).
    const Json v = Json::parse(
        test::read_file(test::corpus_dir() / "discourse/facts/webhook_signature_vector.json"));
    const std::string secret = v["secret"], body = v["body"];
    EXPECT_EQ(body.size(), v["body_length_bytes"].get<std::size_t>());
    EXPECT_EQ(hmac_sha256_hex(secret, body), v["signature_hex"].get<std::string>());
    const std::string header = v["headers"]["X-Discourse-Event-Signature"];
    EXPECT_TRUE(signature_matches(secret, body, header));
    EXPECT_TRUE(signature_matches(
        secret, body, "sha256=" + [&] {
            std::string upper = v["signature_hex"];
            for (char& c : upper)
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            return upper;
        }()));
}

TEST(ForumSignature, RefusesEveryNearMiss) {
    const std::string secret = "s3cret", body = R"({"ping":"OK"})";
    const std::string good = "sha256=" + hmac_sha256_hex(secret, body);
    ASSERT_TRUE(signature_matches(secret, body, good));
    std::string one_byte = body;
    one_byte[2] = 'P';
    EXPECT_FALSE(signature_matches(secret, one_byte, good));
    EXPECT_FALSE(signature_matches("other", body, good));
    EXPECT_FALSE(signature_matches(secret, body, good.substr(7)));  // no scheme
    EXPECT_FALSE(signature_matches(secret, body, "sha1=" + good.substr(7)));
    EXPECT_FALSE(signature_matches(secret, body, good.substr(0, good.size() - 1)));  // short
    EXPECT_FALSE(signature_matches(secret, body, good + "0"));
    EXPECT_FALSE(signature_matches(secret, body, ""));
    EXPECT_FALSE(signature_matches("", body, "sha256=" + hmac_sha256_hex("", body)));
}

// Each case: hostile input, then what must not survive in the output (case-insensitive).
struct Hostile {
    std::string html;
    std::vector<std::string> forbidden;
};

TEST(ForumSanitizer, HostileBattery) {
    const std::vector<Hostile> cases = {
        {"<p>a</p><script>alert(1)</script>", {"<script", "alert"}},
        {"<SCRIPT SRC=//evil.example/x.js></SCRIPT>", {"<script", "evil"}},
        {"<img src=x onerror=alert(1)>", {"onerror", "alert"}},
        {"<img src=\"javascript:alert(1)\">", {"javascript"}},
        {"<a href=\"javascript:alert(1)\">x</a>", {"javascript"}},
        {"<a href=\"JaVaScRiPt:alert(1)\">x</a>", {"javascript"}},
        {"<a href=\"jav&#x09;ascript:alert(1)\">x</a>", {"ascript", "alert"}},
        {"<a href=\"&#106;avascript:alert(1)\">x</a>", {"avascript"}},
        {"<a href=\" \x01javascript:alert(1)\">x</a>", {"javascript"}},
        {"<a href=\"vbscript:msgbox(1)\">x</a>", {"vbscript"}},
        {"<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>", {"data:"}},
        {"<iframe src=\"https://evil.example\"></iframe>", {"<iframe", "evil"}},
        {"<object data=\"x.swf\"></object><embed src=\"x.swf\">", {"<object", "<embed", "swf"}},
        {"<style>body{background:url(javascript:alert(1))}</style>", {"<style", "javascript"}},
        {"<p style=\"width: expression(alert(1))\">x</p>", {"style", "expression"}},
        {"<div style=\"background:url('javascript:alert(1)')\">x</div>", {"style", "javascript"}},
        {"<svg onload=alert(1)><circle/></svg>", {"<svg", "onload"}},
        {"<math><mtext><script>alert(1)</script></mtext></math>", {"<math", "<script"}},
        {"<form action=\"https://evil.example\"><input name=q></form>", {"<form", "<input"}},
        {"<body onload=alert(1)>x</body>", {"onload"}},
        {"<p onclick=\"alert(1)\" onmouseover=alert(2)>x</p>", {"onclick", "onmouseover"}},
        {"<a href=x onfocus=alert(1) autofocus>x</a>", {"onfocus", "autofocus"}},
        {"<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">", {"<meta", "refresh"}},
        {"<base href=\"https://evil.example/\"><a href=x>x</a>", {"<base", "evil"}},
        {"<link rel=stylesheet href=\"https://evil.example/x.css\">", {"<link", "evil"}},
        // Parsed without scripting (as the sanitiser's parser does), the payload stays text.
        {"<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
         {"<img", "<noscript"}},
        {"<template><script>alert(1)</script></template>", {"<template", "<script"}},
        {"<scr<script>ipt>alert(1)</script>", {"<script"}},
        {"<!--<script>alert(1)</script>-->", {"<script"}},
        {"<img src=\"x\" srcset=\"javascript:alert(1)\">", {"srcset", "javascript"}},
        {"<a href=\"https://ok.example\" target=\"_top\" class=\"x\">x</a>", {"target", "class"}},
        {"<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
         {"background", "javascript"}},
        {"<video><source onerror=\"alert(1)\"></video>", {"<video", "onerror"}},
        {"<xmp><script>alert(1)</script></xmp>", {"<script", "<xmp"}},
        {"<p>a</p><plaintext><script>alert(1)", {"<script", "<plaintext"}},
    };
    for (const auto& c : cases) {
        const SanitizedHtml out = sanitize_forum_html(c.html, kForum);
        const std::string html = lower(out.html);
        for (const auto& bad : c.forbidden) {
            EXPECT_EQ(html.find(lower(bad)), std::string::npos)
                << "input: " << c.html << "\noutput: " << out.html;
        }
        // No attribute starting with "on" survives anywhere (quoted values, which are escaped
        // text, set aside).
        const std::string markup = std::regex_replace(html, std::regex("\"[^\"]*\""), "\"\"");
        EXPECT_EQ(markup.find(" on"), std::string::npos) << out.html;
    }
}

TEST(ForumSanitizer, KeepsContentAndMakesLinksAbsolute) {
    const SanitizedHtml out = sanitize_forum_html(
        "<p>Voir <a class=\"mention\" href=\"/u/alice\">@alice</a> et "
        "<a href=\"//cdn.example/x.png\">cdn</a>, <a href=\"https://ok.example/a?b=1&amp;c=2\">"
        "ok</a>, <a href=\"mailto:x@example.org\">mail</a>.</p>"
        "<img src=\"/uploads/a.png\" alt=\"schéma\" width=\"20\" height=\"x\">"
        "<blink>clignote</blink><pre><code>a &lt; b</code></pre>",
        kForum);
    EXPECT_NE(out.html.find("<a href=\"https://forum.example.org/u/alice\""), std::string::npos)
        << out.html;
    EXPECT_NE(out.html.find("href=\"https://cdn.example/x.png\""), std::string::npos);
    EXPECT_NE(out.html.find("href=\"https://ok.example/a?b=1&amp;c=2\""), std::string::npos);
    EXPECT_NE(out.html.find("href=\"mailto:x@example.org\""), std::string::npos);
    EXPECT_NE(out.html.find("rel=\"nofollow noopener ugc\""), std::string::npos);
    EXPECT_NE(out.html.find("<img src=\"https://forum.example.org/uploads/a.png\" alt=\"schéma\" "
                            "width=\"20\">"),
              std::string::npos)
        << out.html;
    EXPECT_NE(out.html.find("clignote"), std::string::npos);  // unknown element unwrapped
    EXPECT_EQ(out.html.find("blink"), std::string::npos);
    EXPECT_NE(out.html.find("<pre><code>a &lt; b</code></pre>"), std::string::npos);
    EXPECT_NE(out.text.find("Voir @alice et cdn"), std::string::npos) << out.text;
    EXPECT_NE(out.text.find("a < b"), std::string::npos);
    // mailto is for links only.
    EXPECT_EQ(safe_forum_url("mailto:x@example.org", kForum, false), "");
    EXPECT_EQ(safe_forum_url("guide/etape", kForum, true), kForum + "/guide/etape");
}

TEST(ForumModel, TopicUrls) {
    std::string slug;
    EXPECT_EQ(topic_id_from_url(kForum, kForum + "/t/mon-sujet/42", &slug), 42);
    EXPECT_EQ(slug, "mon-sujet");
    EXPECT_EQ(topic_id_from_url(kForum, kForum + "/t/mon-sujet/42/7?u=x", nullptr), 42);
    EXPECT_EQ(topic_id_from_url(kForum, kForum + "/t/42", nullptr), 42);
    EXPECT_FALSE(topic_id_from_url(kForum, "https://evil.example/t/x/42", nullptr));
    EXPECT_FALSE(topic_id_from_url(kForum, kForum + "/c/general/4", nullptr));
    EXPECT_FALSE(topic_id_from_url(kForum, kForum + "/t/sans-numero", nullptr));
    EXPECT_EQ(forum_topic_url(kForum, "mon-sujet", 42), kForum + "/t/mon-sujet/42");
    EXPECT_EQ(json_page_path("/latest?page=1"), "/latest.json?page=1");
    EXPECT_EQ(json_page_path("/latest.json?page=2"), "/latest.json?page=2");
}

TEST(ForumModel, ReadsRealTopicResponses) {
    const auto dir = test::source_dir() / "tests/fixtures/discourse";
    const ForumTopic solved = parse_forum_topic(
        Json::parse(test::read_file(dir / "discourse_solved/topic_23_with_accepted_answer.json")));
    EXPECT_EQ(solved.id, 23);
    EXPECT_EQ(solved.title, "Test solved");
    EXPECT_EQ(solved.accepted_post_number, 2);
    ASSERT_EQ(solved.posts.size(), 2u);
    EXPECT_TRUE(solved.posts[1].accepted_answer);
    EXPECT_EQ(solved.posts[1].version, 2);
    const ForumTopic sandbox =
        parse_forum_topic(Json::parse(test::read_file(dir / "discourse_api/topic.json")));
    EXPECT_EQ(sandbox.id, 57);
    EXPECT_EQ(sandbox.posts[0].author, "Sam Saffron");
    EXPECT_EQ(sandbox.author, "samsaffron");
    EXPECT_EQ(sandbox.stream.size(), 4u);
    // A structured `raw` (the gem's /t/57/posts.json has one) is set aside, not fatal.
    const ForumPost structured = parse_forum_post(Json::parse(
        test::read_file(dir / "discourse_api/topic_posts.json"))["post_stream"]["posts"][0]);
    EXPECT_FALSE(structured.raw.has_value());
    EXPECT_EQ(structured.cooked, "<p>Some text.</p>");
    // Control characters never reach the store.
    const ForumPost controlled = parse_forum_post(Json{{"id", 12},
                                                       {"topic_id", 1},
                                                       {"post_number", 2},
                                                       {"cooked", std::string("<p>a\0b\x07"
                                                                              "c\u0085d\n</p>",
                                                                              16)},
                                                       {"name", "Z\x1boé"}});
    EXPECT_EQ(controlled.cooked, "<p>abcd\n</p>");
    EXPECT_EQ(controlled.author, "Zoé");
    EXPECT_THROW(parse_forum_post(Json{{"id", "12"}, {"topic_id", 1}, {"post_number", 1}}),
                 PayloadError);
    EXPECT_THROW(parse_forum_post(Json{{"id", 12}, {"post_number", 1}}), PayloadError);
    EXPECT_THROW(
        parse_forum_post(Json{{"id", 12}, {"topic_id", 1}, {"post_number", 1}, {"cooked", 5}}),
        PayloadError);
}

}  // namespace
}  // namespace kb
