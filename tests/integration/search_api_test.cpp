/// @brief The search API over HTTP against the real server on port 0, on a real index of a small
/// known corpus (tests/fixtures/kb) plus, where said, the la-communauté fiches.
#include "accounts.hpp"
#include "api_assertions.hpp"
#include "http_client.hpp"
#include "process.hpp"
#include "search_helpers.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace kb::test {
namespace {

namespace fs = std::filesystem;

class SearchApi : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        db_ = new TestDatabase();
        index_ = new TempDir();
        auto r = run_indexer(db_->url(), index_->path(), {fixture_kb_dir()});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        service_ = new ServiceProcess(db_->url(), index_->path());
    }
    static void TearDownTestSuite() {
        delete service_;
        delete index_;
        delete db_;
    }
    static HttpResponse get(const std::string& target) {
        return http_request(service_->port(), "GET", target);
    }
    static nlohmann::json search(const std::string& params) {
        return search_get(service_->port(), params);
    }
    static nlohmann::json q(const std::string& text, const std::string& more_params = "") {
        return search_text(service_->port(), text, more_params);
    }
    static std::set<std::string> slugs(const nlohmann::json& answer) {
        const std::vector<std::string> list = result_slugs(answer);
        return {list.begin(), list.end()};
    }
    static void expect_get_problem(const std::string& target, int status, const std::string& code) {
        expect_problem(get(target), status, code, "GET " + target);
    }
    static TestDatabase* db_;
    static TempDir* index_;
    static ServiceProcess* service_;
};

TestDatabase* SearchApi::db_ = nullptr;
TempDir* SearchApi::index_ = nullptr;
ServiceProcess* SearchApi::service_ = nullptr;

TEST_F(SearchApi, AnswerHasTheDocumentedShape) {
    auto a = q("conventionnement");
    ASSERT_TRUE(a.is_object());
    EXPECT_EQ(a["query"], "conventionnement");
    EXPECT_TRUE(a["corrected_query"].is_null());
    EXPECT_EQ(a["page"], 1);
    EXPECT_EQ(a["per_page"], 20);  // the default of every listing
    EXPECT_TRUE(a["took_ms"].is_number());
    EXPECT_EQ(a["total_exact"], true);  // small result sets are always counted exactly
    ASSERT_GE(a["total"].get<int>(), 1);
    const auto& first = a["results"][0];
    EXPECT_EQ(first["slug"], "le-conventionnement-en-bref");
    EXPECT_EQ(first["kind"], "guide");
    EXPECT_EQ(first["title"], "Le conventionnement en bref");
    EXPECT_EQ(first["url"], "/api/v1/articles/le-conventionnement-en-bref");
    EXPECT_EQ(first["id"], "article:le-conventionnement-en-bref");
    EXPECT_TRUE(first["summary"].is_string());
    EXPECT_TRUE(first["tags"].is_array());
    EXPECT_EQ(first["updated_at"], "2026-03-01T00:00:00Z");
    EXPECT_GT(first["score"].get<double>(), 0.0);
    EXPECT_LE(first["score"].get<double>(), 1.0);
    for (const char* facet : {"kind", "tag", "step", "structure_type"})
        EXPECT_TRUE(a["facets"][facet].is_array());
}

TEST_F(SearchApi, AccentlessAccentedAndDecomposedQueriesFindTheSameDocuments) {
    auto plain = slugs(q("securite"));
    EXPECT_EQ(plain, slugs(q("sécurité")));
    EXPECT_EQ(plain, slugs(q("se\xCC\x81"
                             "curite\xCC\x81")));
    EXPECT_EQ(plain, slugs(q("SÉCURITÉ")));
    EXPECT_TRUE(plain.count("securite-sur-les-chantiers"));
}

TEST_F(SearchApi, FeminineAndMasculineFindTheSameDocuments) {
    // The guides say "salarié" and "salariés" only.
    const auto masculine = slugs(q("salarié"));
    EXPECT_TRUE(masculine.count("securite-sur-les-chantiers"));
    EXPECT_TRUE(masculine.count("calcul-des-postes"));
    for (const char* typed : {"salariée", "salariee", "salariées", "salariees", "salarie"}) {
        const auto answer = q(typed);
        EXPECT_EQ(slugs(answer), masculine) << typed;
        EXPECT_TRUE(answer["corrected_query"].is_null()) << typed << ": found as typed";
    }
}

TEST_F(SearchApi, ElisionsMatchTheBareWord) {
    EXPECT_TRUE(slugs(q("d'insertion")).count("securite-sur-les-chantiers"));
    EXPECT_EQ(slugs(q("l\xE2\x80\x99"
                      "agefiph")),
              slugs(q("agefiph")));
    EXPECT_TRUE(slugs(q("agefiph")).count("securite-sur-les-chantiers"));
}

TEST_F(SearchApi, SnippetMarksAccentedWordsForAnAccentlessQueryAndEscapesHtml) {
    auto a = q("securite");
    ASSERT_FALSE(a["results"].empty());
    std::string snippet;
    for (const auto& r : a["results"]) {
        if (r["slug"] == "securite-sur-les-chantiers") snippet = r["snippet"];
    }
    EXPECT_NE(snippet.find("<mark>sécurité</mark>"), std::string::npos) << snippet;
    EXPECT_EQ(snippet.find("<script"), std::string::npos);
}

TEST_F(SearchApi, TypoGivesCorrectedQueryAndItsResults) {
    auto a = q("conventionement");
    EXPECT_EQ(a["corrected_query"], "conventionnement");
    EXPECT_TRUE(slugs(a).count("le-conventionnement-en-bref"));
    EXPECT_TRUE(q("conventionnement")["corrected_query"].is_null());
}

TEST_F(SearchApi, AcronymFindsItsExpansionAndTheReverse) {
    // The instance article never says "CDIAE"; the postes article never spells out ETP.
    EXPECT_TRUE(slugs(q("cdiae")).count("le-role-de-l-instance-departementale"));
    EXPECT_TRUE(slugs(q("équivalent temps plein")).count("calcul-des-postes"));
    EXPECT_TRUE(slugs(q("ETP")).count("ei-lille-financement"));
}

TEST_F(SearchApi, FiltersAndFacetCountsMatchTheKnownCorpus) {
    // Filters alone list everything that matches, newest first.
    auto guides = search("kind=guide&per_page=50");
    EXPECT_EQ(guides["total"], 6);
    auto experiences = search("kind=experience");
    EXPECT_EQ(experiences["total"], 1);
    EXPECT_EQ(slugs(experiences), std::set<std::string>{"ei-lille-financement"});
    EXPECT_EQ(search("territory=59")["total"], 2);
    // Two guides for ACI, and two with `structure_types: []`, for every type.
    EXPECT_EQ(search("structure_type=ACI")["total"], 4);
    EXPECT_EQ(search("step=moyens")["total"], 2);
    EXPECT_EQ(search("tag=financement")["total"], 2);
    EXPECT_EQ(search("tag=financement&kind=guide")["total"], 1);
    EXPECT_EQ(search("tag=securite,parcours")["total"], 2);        // values of one filter are OR-ed
    EXPECT_EQ(search("tag=securite,%20parcours%20")["total"], 2);  // spaces around values ignored
    EXPECT_EQ(search("kind=experience&structure_type=ACI")["total"], 0);

    auto all = search("kind=guide,experience&per_page=1");
    EXPECT_EQ(all["total"], 7);
    EXPECT_EQ(all["results"].size(), 1u);  // facets cover the whole result set, not the page
    auto count_of = [&](const char* facet, const std::string& value) {
        for (const auto& v : all["facets"][facet]) {
            if (v["value"] == value) return v["count"].get<int>();
        }
        return 0;
    };
    EXPECT_EQ(count_of("kind", "guide"), 6);
    EXPECT_EQ(count_of("kind", "experience"), 1);
    EXPECT_EQ(count_of("tag", "financement"), 2);
    EXPECT_EQ(count_of("structure_type", "ACI"), 4);
    EXPECT_EQ(count_of("structure_type", "EI"), 4);
    EXPECT_EQ(count_of("step", "moyens"), 2);
    // Newest first when only filters are given.
    EXPECT_EQ(search("kind=guide&per_page=1")["results"][0]["slug"], "passerelles-et-passeports");

    auto recent = q("conventionnement insertion", "sort=recent");
    std::string previous = "9999";
    for (const auto& r : recent["results"]) {
        EXPECT_LE(r["updated_at"].get<std::string>(), previous);
        previous = r["updated_at"];
    }
}

TEST_F(SearchApi, PostSearchTakesTheSameFiltersAsJsonLists) {
    HttpResponse r =
        http_request(service_->port(), "POST", "/api/v1/search",
                     R"({"kind": ["guide"], "tag": ["financement", "securite"], "per_page": 5})");
    EXPECT_EQ(expect_json(r)["total"], 2);
}

TEST_F(SearchApi, ZeroResultQueriesAreCountedForModerators) {
    const std::string miss = "zorglub introuvable";
    EXPECT_EQ(q(miss)["total"], 0);
    EXPECT_EQ(q("Zorglub   INTROUVABLE")["total"], 0);
    EXPECT_EQ(
        db_->scalar(
            "SELECT miss_count FROM search_misses WHERE normalized_query = 'zorglub introuvable'"),
        "2");
    q("conventionnement");  // found: not counted
    EXPECT_EQ(db_->scalar(
                  "SELECT count(*) FROM search_misses WHERE normalized_query = 'conventionnement'"),
              "0");
    EXPECT_EQ(get("/api/v1/search/misses").status, 401);
    const std::string moderator = create_user_with_token(db_->url(), "modo", "Modo", "moderator");
    const std::string member = create_user_with_token(db_->url(), "membre", "Membre", "member");
    EXPECT_EQ(http_request(service_->port(), "GET", "/api/v1/search/misses", "",
                           {{"Authorization", "Bearer " + member}})
                  .status,
              403);
    HttpResponse list = http_request(service_->port(), "GET", "/api/v1/search/misses", "",
                                     {{"Authorization", "Bearer " + moderator}});
    bool seen = false;
    const auto misses = expect_json(list)["misses"];
    for (const auto& m : misses) {
        if (m["query"] == "zorglub introuvable") {
            seen = true;
            EXPECT_EQ(m["count"], 2);
        }
    }
    EXPECT_TRUE(seen) << list.body;
}

TEST_F(SearchApi, SuggestCompletesTheLastWordOfTitles) {
    auto s = expect_json(get("/api/v1/suggest?q=" + url_encode("le conv")))["suggestions"];
    ASSERT_FALSE(s.empty());
    EXPECT_EQ(s[0]["title"], "Le conventionnement en bref");
    auto pass = expect_json(get("/api/v1/suggest?q=pass"))["suggestions"];
    std::set<std::string> titles;
    for (const auto& item : pass) titles.insert(item["slug"]);
    EXPECT_EQ(titles, (std::set<std::string>{"passerelles-et-passeports"}));
    EXPECT_LE(expect_json(get("/api/v1/suggest?q=l"))["suggestions"].size(), 8u);
    expect_get_problem("/api/v1/suggest?q=", 400, "missing_query");
}

TEST_F(SearchApi, ArticlesBySlugWithRelatedAndListing) {
    auto a = expect_json(get("/api/v1/articles/securite-sur-les-chantiers"));
    EXPECT_EQ(a["title"], "La sécurité sur les chantiers d'insertion");
    EXPECT_NE(a["html"].get<std::string>().find("<h2>Prévenir</h2>"), std::string::npos);
    EXPECT_EQ(a["territory"], "59");
    EXPECT_EQ(a["structure_types"], nlohmann::json::array({"ACI"}));
    EXPECT_EQ(a["sources"], nlohmann::json::array({"Fixture de test"}));
    EXPECT_TRUE(a["related"].is_array());
    EXPECT_LE(a["related"].size(), 5u);
    for (const auto& rel : a["related"]) EXPECT_NE(rel["slug"], "securite-sur-les-chantiers");
    expect_get_problem("/api/v1/articles/n-existe-pas", 404, "article_not_found");

    auto listing = expect_json(get("/api/v1/articles?kind=guide&step=moyens"));
    EXPECT_EQ(listing["total"], 1);
    EXPECT_EQ(listing["results"][0]["slug"], "calcul-des-postes");
    auto page2 = expect_json(get("/api/v1/articles?per_page=5&page=2"));
    EXPECT_EQ(page2["total"], 7);
    EXPECT_EQ(page2["results"].size(), 2u);
    expect_get_problem("/api/v1/articles?kind=roman", 400, "invalid_parameter");
}

TEST_F(SearchApi, RepeatedSearchesComeFromTheCacheWithTheSameAnswer) {
    const std::string target =
        "/api/v1/search?q=" + url_encode("Sécurité des chantiers") + "&per_page=1";
    HttpResponse first = get(target);
    HttpResponse second = get(target);
    // The same question typed without accents shares the entry.
    HttpResponse folded = get("/api/v1/search?q=securite+des+chantiers&per_page=1");
    HttpResponse fresh =
        http_request(service_->port(), "GET", target, "", {{"Cache-Control", "no-cache"}});
    ASSERT_EQ(first.status, 200);
    EXPECT_EQ(first.header("x-search-cache"), "miss");
    EXPECT_EQ(second.header("x-search-cache"), "hit");
    EXPECT_EQ(folded.header("x-search-cache"), "hit");
    EXPECT_EQ(fresh.header("x-search-cache"), "miss");
    auto without_timing = [](const HttpResponse& r) {
        nlohmann::json body = nlohmann::json::parse(r.body);
        body.erase("took_ms");
        return body;
    };
    EXPECT_GT(without_timing(first)["total"].get<int>(), 0);
    EXPECT_EQ(without_timing(first), without_timing(second));
    EXPECT_EQ(without_timing(first), without_timing(fresh));
    // Another page or filter is another entry.
    EXPECT_EQ(
        get("/api/v1/search?q=securite+des+chantiers&per_page=1&page=2").header("x-search-cache"),
        "miss");
    EXPECT_EQ(get("/api/v1/search?q=securite+des+chantiers&per_page=1&kind=fiche")
                  .header("x-search-cache"),
              "miss");
}

TEST_F(SearchApi, PagesOfAReRankedQueryFollowOneOrder) {
    // Several words: adjacent pairs re-rank the best candidates in a second pass.
    const std::string q = "q=" + url_encode("sécurité sur les chantiers d'insertion");
    const nlohmann::json five = search(q + "&per_page=5");
    ASSERT_GE(five["results"].size(), 3u);
    for (std::size_t i = 0; i < five["results"].size(); ++i) {
        const nlohmann::json one = search(q + "&per_page=1&page=" + std::to_string(i + 1));
        ASSERT_EQ(one["results"].size(), 1u);
        EXPECT_EQ(one["results"][0]["slug"], five["results"][i]["slug"]) << i;
        EXPECT_EQ(one["total"], five["total"]);
    }
    // By date, the same documents.
    const nlohmann::json recent = search(q + "&per_page=50&sort=recent");
    EXPECT_EQ(recent["total"], five["total"]);
}

TEST_F(SearchApi, BadInputGetsA400OrASaneAnswerNeverA500) {
    expect_get_problem("/api/v1/search", 400, "missing_query");
    expect_get_problem("/api/v1/search?q=", 400, "missing_query");
    expect_get_problem("/api/v1/search?q=" + std::string(10 * 1024, 'a'), 400, "query_too_long");
    expect_get_problem("/api/v1/search?q=caf%C3", 400, "invalid_utf8");
    expect_get_problem("/api/v1/search?q=x&kind=roman", 400, "invalid_parameter");
    expect_get_problem("/api/v1/search?q=x&sort=alpha", 400, "invalid_parameter");
    expect_get_problem("/api/v1/search?q=x&per_page=0", 400, "invalid_parameter");
    expect_get_problem("/api/v1/search?q=x&per_page=1000", 400, "invalid_parameter");
    expect_get_problem("/api/v1/search?q=x&page=-1", 400, "invalid_parameter");
    expect_get_problem("/api/v1/search?q=x&page=abc", 400, "invalid_parameter");
    for (const char* odd :
         {"C++ AND (", "\"unbalanced quotes", "-", "((((", "\"\"", "*", "le la les"}) {
        EXPECT_TRUE(q(odd)["results"].is_array()) << odd;
    }
    auto past_end = q("conventionnement", "page=500");
    EXPECT_TRUE(past_end["results"].empty());
    EXPECT_GE(past_end["total"].get<int>(), 1);
    // 500 characters exactly is accepted (é counts as one character).
    std::string long_query;
    for (int i = 0; i < 500; ++i) long_query += "é";
    EXPECT_EQ(get("/api/v1/search?q=" + url_encode(long_query)).status, 200);
}

}  // namespace
}  // namespace kb::test
