/// @brief The controlled tag vocabulary over HTTP: seeded from content and the glossary, unknown
/// tags refused with the closest ones, renames keep old slugs answering, merges retag and
/// reindex threads and resources, tags in use cannot be deleted, every act is logged.
#include "resource_fixture.hpp"

#include "api_assertions.hpp"
#include "polling.hpp"
#include "search_helpers.hpp"

namespace kb::test {
namespace {

using Tags = Resources;

TEST_F(Tags, TheVocabularyIsSeededFromContentTagsAndTheGlossary) {
    Json tags = ok("GET", "/api/v1/tags", "");
    std::map<std::string, Json> by_slug;
    for (const auto& t : tags["tags"]) by_slug[t["slug"]] = t;
    ASSERT_TRUE(by_slug.count("glossaire")) << tags.dump();  // a fixture article's tag
    ASSERT_TRUE(by_slug.count("cdiae"));                     // a glossary acronym
    EXPECT_EQ(by_slug["cdiae"]["label"], "CDIAE");
    // A tag known only by its slug is labelled with its words, accents given back from the
    // word list (was "securite"); a word the list writes as it is stays so.
    EXPECT_EQ(by_slug["securite"]["label"], "sécurité");
    EXPECT_EQ(by_slug["glossaire"]["label"], "glossaire");
    EXPECT_EQ(
        by_slug["cdiae"]["description"],
        "conseil départemental de l’insertion par l’activité économique");  // cmark's smart quotes
    const long long id = published("Guide du glossaire", {{"tags", {"glossaire"}}});
    EXPECT_EQ(ok("GET", "/api/v1/tags/glossaire", "")["resource_count"], 1);
    EXPECT_EQ(ok("GET", url(id), "")["tags"], Json::array({"glossaire"}));
}

TEST_F(Tags, TheLabelOfATagIsWhatPagesShow) {
    const std::string article = "/articles/securite-sur-les-chantiers";
    // The seeded label, accents given back (the page showed the slug's words: "securite").
    HttpResponse page = call("GET", article, "");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find(">sécurité</a>"), std::string::npos) << page.body;
    // Searched before the change too: the answer cached then is not shown after it.
    EXPECT_NE(call("GET", "/recherche?q=chantiers", "").body.find("sécurité ("), std::string::npos);
    // A moderator's label shows on the article's page and in the search page's filters (both
    // showed the slug's words whatever the label).
    ok("PATCH", "/api/v1/tags/securite", moderator_, R"({"label":"Sécurité au travail"})");
    page = call("GET", article, "");
    EXPECT_NE(page.body.find(">Sécurité au travail</a>"), std::string::npos) << page.body;
    const HttpResponse search = call("GET", "/recherche?q=chantiers", "");
    ASSERT_EQ(search.status, 200);
    EXPECT_NE(search.body.find("Sécurité au travail"), std::string::npos) << search.body;
    EXPECT_EQ(search.body.find(">securite<"), std::string::npos);
}

TEST_F(Tags, ARenamedTagKeepsAnsweringByItsOldSlug) {
    ok("POST", "/api/v1/tags", moderator_, R"({"slug":"subvention","label":"Subvention"})", 201);
    const long long id = published("Plan de financement", {{"tags", {"subvention"}}});
    Json renamed = ok("PATCH", "/api/v1/tags/subvention", moderator_,
                      R"({"slug":"subvention-publique","label":"Subvention publique"})");
    EXPECT_EQ(renamed["aliases"], Json::array({"subvention"}));
    EXPECT_EQ(ok("GET", "/api/v1/tags/subvention", "")["slug"], "subvention-publique");
    EXPECT_EQ(ok("GET", url(id), "")["tags"], Json::array({"subvention-publique"}));
    // Members may still type the old slug; it is stored as the new one.
    const long long other = submit(alice_, "Autre plan", {{"tags", {"subvention"}}});
    EXPECT_EQ(ok("GET", url(other), alice_)["tags"], Json::array({"subvention-publique"}));
    // An unknown tag names the closest existing ones.
    HttpResponse unknown = call("POST", "/api/v1/resources", alice_,
                                R"({"title":"Titre valable","type":"autre","tags":["subvent"]})");
    expect_problem(unknown, 400, "unknown_tag");
    EXPECT_NE(unknown.body.find("subvention-publique"), std::string::npos) << unknown.body;
}

TEST_F(Tags, AMergeRetagsAndReindexesThreadsAndResources) {
    ok("POST", "/api/v1/tags", moderator_, R"({"slug":"tresorerie","label":"Trésorerie"})", 201);
    ok("POST", "/api/v1/tags", moderator_, R"({"slug":"finances","label":"Finances"})", 201);
    const long long resource = published("Tableau de trésorerie", {{"tags", {"tresorerie"}}});
    Json thread = ok(
        "POST", "/api/v1/threads", alice_,
        R"({"title":"Avance de trésorerie","body":"Comment tenir jusqu'au premier versement ?","tags":["tresorerie"]})",
        201);
    const std::string thread_id = "thread:" + std::to_string(thread["id"].get<long long>());
    const std::string resource_id = "resource:" + std::to_string(resource);
    ASSERT_TRUE(poll_until([&] {
        return search_finds(port(), "tag=tresorerie&per_page=50", resource_id) &&
               search_finds(port(), "tag=tresorerie&per_page=50", thread_id);
    }));
    Json merged = ok("POST", "/api/v1/tags/tresorerie/merge", moderator_, R"({"into":"finances"})");
    EXPECT_EQ(merged["retagged_resources"], Json::array({resource}));
    EXPECT_EQ(merged["retagged_threads"], Json::array({thread["id"]}));
    EXPECT_EQ(ok("GET", url(resource), "")["tags"], Json::array({"finances"}));
    EXPECT_EQ(
        ok("GET", "/api/v1/threads/" + std::to_string(thread["id"].get<long long>()), "")["tags"],
        Json::array({"finances"}));
    // Reindexed: found under the kept tag, no longer under the merged one.
    EXPECT_TRUE(poll_until([&] {
        return search_finds(port(), "tag=finances&per_page=50", resource_id) &&
               search_finds(port(), "tag=finances&per_page=50", thread_id) &&
               !search_finds(port(), "tag=tresorerie&per_page=50", resource_id) &&
               !search_finds(port(), "tag=tresorerie&per_page=50", thread_id);
    }));
    Json kept = ok("GET", "/api/v1/tags/tresorerie", "");  // the merged slug still answers
    EXPECT_EQ(kept["slug"], "finances");
    EXPECT_NE(std::find(kept["synonyms"].begin(), kept["synonyms"].end(), "Trésorerie"),
              kept["synonyms"].end());
    EXPECT_EQ(db_.scalar("SELECT count(*) FROM moderation_log WHERE action = 'tag_merge'"), "1");
}

TEST_F(Tags, ATagInUseCannotBeDeletedAndAnUnusedOneCan) {
    expect_problem(call("DELETE", "/api/v1/tags/glossaire", moderator_), 409, "tag_in_use");
    ok("POST", "/api/v1/tags", moderator_, R"({"slug":"ephemere"})", 201);
    EXPECT_EQ(call("DELETE", "/api/v1/tags/ephemere", moderator_).status, 204);
    expect_problem(call("GET", "/api/v1/tags/ephemere", ""), 404, "tag_not_found");
    expect_problem(call("POST", "/api/v1/tags", moderator_, R"({"slug":"glossaire"})"), 409,
                   "tag_exists");
    expect_problem(call("POST", "/api/v1/tags", moderator_, R"({"slug":"Pas Bon"})"), 400,
                   "invalid_tag");
}

}  // namespace
}  // namespace kb::test
