/// @brief Through HTTP on a real index: articles' `cites` lists re-order the best results (a
/// cited article rises with the articles citing it, and the other way round), the pages of a
/// re-ordered search follow each other across the re-ordered window, and a write keeps or
/// recomputes a re-ordered answer as it must.
#include "accounts.hpp"
#include "api_assertions.hpp"
#include "http_client.hpp"
#include "process.hpp"
#include "search_helpers.hpp"
#include "test_env.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace kb::test {
namespace {

using Json = nlohmann::json;

// A guide in our format; `word` said `times` times in its body.
std::string guide(const std::string& slug, const std::string& title, const std::string& word,
                  int times, const std::vector<std::string>& cites = {},
                  const std::string& more = "") {
    std::string text = "---\ntitle: \"" + title + "\"\nslug: " + slug +
                       "\nkind: guide\nsummary: \"Fiche de test.\"\ntags: []\nsteps: []\n"
                       "structure_types: []\nupdated: 2026-01-01\nsources: [\"Test\"]\n";
    if (!cites.empty()) {
        text += "cites: [";
        for (std::size_t i = 0; i < cites.size(); ++i) text += (i ? ", " : "") + cites[i];
        text += "]\n";
    }
    text += "---\nUne structure d'insertion prépare son dossier.";
    for (int i = 0; i < times; ++i) text += " Le " + word + " compte.";
    return text + " Les salariés en parcours avancent." + more + "\n";
}

std::ptrdiff_t position(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) - ids.begin();
}

class Citations : public ::testing::Test {
  protected:
    // A service with the default citation weight and, with `plain`, one without on the same
    // index (never with writes: its outbox writer could take the other's commits).
    void serve(const std::vector<std::pair<std::string, std::string>>& guides, bool plain = true) {
        for (const auto& [slug, text] : guides)
            write_file(content_.path() / "guides" / (slug + ".md"), text);
        // Words no test searches: the searched words stay rare, as in a real corpus.
        for (int i = 0; i < 12; ++i) {
            const std::string slug = "remplissage-" + std::to_string(i);
            write_file(content_.path() / "guides" / (slug + ".md"),
                       guide(slug, "Remplissage " + std::to_string(i), "formulaire", 1 + i % 3));
        }
        ASSERT_EQ(run_indexer(db_.url(), index_.path(), {content_.path()}).exit_code, 0);
        cited_ = std::make_unique<ServiceProcess>(
            db_.url(), index_.path(), std::vector<std::string>{"--rate-limits", "false"});
        if (!plain) return;
        plain_ = std::make_unique<ServiceProcess>(
            db_.url(), index_.path(),
            std::vector<std::string>{"--rate-limits", "false", "--citation-weight", "0"});
    }

    TestDatabase db_;
    TempDir content_, index_;
    std::unique_ptr<ServiceProcess> cited_, plain_;
};

TEST_F(Citations, AnArticleCitedByTheBestResultRisesAboveAnEqualOne) {
    serve({{"depot-du-recepisse", guide("depot-du-recepisse", "Le récépissé de dépôt", "récépissé",
                                        4, {"recepisse-cite"})},
           {"recepisse-voisin", guide("recepisse-voisin", "Voisin", "récépissé", 2)},
           {"recepisse-cite", guide("recepisse-cite", "Cité", "récépissé", 1)}});
    const std::vector<std::string> without = result_ids(search_text(plain_->port(), "récépissé"));
    ASSERT_EQ(without,
              (std::vector<std::string>{"article:depot-du-recepisse", "article:recepisse-voisin",
                                        "article:recepisse-cite"}));
    const Json answer = search_text(cited_->port(), "récépissé");
    EXPECT_EQ(result_ids(answer),
              (std::vector<std::string>{"article:depot-du-recepisse", "article:recepisse-cite",
                                        "article:recepisse-voisin"}));
    // Scores read in the order shown.
    ASSERT_EQ(answer["results"].size(), 3u);
    EXPECT_GE(answer["results"][1]["score"].get<double>(),
              answer["results"][2]["score"].get<double>());
    // Nothing else moves: same matches, same counts.
    EXPECT_EQ(answer["total"], 3);
}

TEST_F(Citations, AnArticleCitingTheBestResultsRisesAboveAnEqualOne) {
    serve({{"tachygraphe-regles", guide("tachygraphe-regles", "Le tachygraphe", "tachygraphe", 5)},
           {"tachygraphe-controle",
            guide("tachygraphe-controle", "Contrôle du tachygraphe", "tachygraphe", 4)},
           {"tachygraphe-seul", guide("tachygraphe-seul", "Seul", "tachygraphe", 2)},
           {"tachygraphe-synthese", guide("tachygraphe-synthese", "Synthèse", "tachygraphe", 1,
                                          {"tachygraphe-regles", "tachygraphe-controle"})}});
    const auto without = result_ids(search_text(plain_->port(), "tachygraphe"));
    const auto with = result_ids(search_text(cited_->port(), "tachygraphe"));
    ASSERT_EQ(with.size(), 4u);
    EXPECT_GT(position(without, "article:tachygraphe-synthese"),
              position(without, "article:tachygraphe-seul"));
    EXPECT_LT(position(with, "article:tachygraphe-synthese"),
              position(with, "article:tachygraphe-seul"));
}

TEST_F(Citations, PagesFollowEachOtherAcrossTheReorderedWindow) {
    // 70 guides about butterflies, weights spread out; some cite a weaker one further down.
    std::vector<std::pair<std::string, std::string>> guides;
    for (int i = 0; i < 70; ++i) {
        const std::string slug = "papillon-" + std::to_string(i);
        std::vector<std::string> cites;
        if (i % 5 == 0 && i + 13 < 70) cites.push_back("papillon-" + std::to_string(i + 13));
        guides.emplace_back(
            slug, guide(slug, "Fiche " + std::to_string(i), "papillon", 1 + (i * 7) % 11, cites));
    }
    serve(guides);
    // Pages of 35 (at most 50 a page) and of 8, each page searched on its own.
    auto pages = [](int port, int per_page) {
        std::vector<std::string> ids;
        for (int page = 1; static_cast<int>(ids.size()) < 70 && page <= 70 / per_page + 1; ++page) {
            for (const auto& id : result_ids(search_text(
                     port, "papillon",
                     "per_page=" + std::to_string(per_page) + "&page=" + std::to_string(page))))
                ids.push_back(id);
        }
        return ids;
    };
    const auto plain = pages(plain_->port(), 35);
    const auto all = pages(cited_->port(), 35);
    ASSERT_EQ(all.size(), 70u);
    EXPECT_NE(all, plain) << "the citations re-order nothing";
    // Only the best 50 are re-ordered: the same documents, and the rest in ranked order.
    EXPECT_TRUE(std::is_permutation(all.begin(), all.begin() + 50, plain.begin()));
    EXPECT_TRUE(std::equal(all.begin() + 50, all.end(), plain.begin() + 50));
    const auto paged = pages(cited_->port(), 8);
    EXPECT_EQ(paged, all);
}

TEST_F(Citations, AWriteKeepsAReorderedAnswerItCannotEnterAndRecomputesOneItEnters) {
    serve({{"depot-du-recepisse", guide("depot-du-recepisse", "Le récépissé de dépôt", "récépissé",
                                        4, {"recepisse-cite"})},
           {"recepisse-voisin", guide("recepisse-voisin", "Voisin", "récépissé", 2)},
           {"recepisse-cite", guide("recepisse-cite", "Cité", "récépissé", 1)}},
          false);
    const std::string member = create_user_with_token(db_.url(), "alice", "Alice", "member");
    const std::string guides = "q=" + url_encode("récépissé") + "&kind=guide";
    const std::string everything = "q=" + url_encode("récépissé");
    for (const auto& params : {guides, everything}) {
        ASSERT_EQ(http_request(cited_->port(), "GET", "/api/v1/search?" + params).status, 200);
    }
    const std::vector<std::string> order = result_ids(search_get(cited_->port(), guides));
    ASSERT_EQ(order[1], "article:recepisse-cite");

    const HttpResponse posted = http_request(
        cited_->port(), "POST", "/api/v1/threads",
        Json{{"title", "Un récépissé perdu"}, {"body", "Où trouver le récépissé de dépôt ?"}}
            .dump(),
        {{"Authorization", "Bearer " + member}});
    const Json thread = expect_json(posted, 201, "POST /api/v1/threads");
    // The thread cannot pass the guide filter: the page stays, its counts are brought up to date.
    const HttpResponse kept = http_request(cited_->port(), "GET", "/api/v1/search?" + guides);
    EXPECT_EQ(kept.header("x-search-cache"), "refreshed");
    EXPECT_EQ(result_ids(json_body(kept)), order);
    // It matches the unfiltered search, among its best 50: computed again, with it.
    const HttpResponse found = http_request(cited_->port(), "GET", "/api/v1/search?" + everything);
    EXPECT_EQ(found.header("x-search-cache"), "miss");
    const auto ids = result_ids(json_body(found));
    EXPECT_NE(std::find(ids.begin(), ids.end(),
                        "thread:" + std::to_string(thread["id"].get<long long>())),
              ids.end());
}

TEST_F(Citations, AWriteThatEntersTheReorderedWindowBelowItsLastShownRecomputesIt) {
    // 50 matches: one strong guide, 48 alike, and a long one that cites six of them and rises
    // from 50th to 2nd. Its place depends on being among the 50.
    std::vector<std::pair<std::string, std::string>> guides;
    guides.emplace_back("papillon-phare", guide("papillon-phare", "Le papillon", "papillon", 10));
    for (int i = 0; i < 48; ++i) {
        const std::string slug = "papillon-" + std::to_string(i);
        guides.emplace_back(slug, guide(slug, "Fiche " + std::to_string(i), "papillon", 2));
    }
    std::string padding;
    for (int i = 0; i < 60; ++i) padding += " Une phrase sans le mot cherché.";
    guides.emplace_back("papillon-lointain", guide("papillon-lointain", "Lointain", "papillon", 1,
                                                   {"papillon-phare", "papillon-0", "papillon-1",
                                                    "papillon-2", "papillon-3", "papillon-4"},
                                                   padding));
    serve(guides, false);
    const std::string params = "q=papillon&per_page=10";
    const auto before = result_ids(search_get(cited_->port(), params));
    ASSERT_EQ(before.size(), 10u);
    ASSERT_EQ(before[1], "article:papillon-lointain");
    ASSERT_EQ(
        http_request(cited_->port(), "GET", "/api/v1/search?" + params).header("x-search-cache"),
        "hit");
    // A short thread weighs less than the 48 but more than the long guide: it takes the 50th
    // place, the long guide leaves the window and its citations with it.
    const std::string member = create_user_with_token(db_.url(), "alice", "Alice", "member");
    expect_json(
        http_request(cited_->port(), "POST", "/api/v1/threads",
                     Json{{"title", "Une question"},
                          {"body",
                           "Où voir ce papillon en hiver ? Nous cherchons des conseils pour "
                           "accueillir les visiteurs du jardin partagé de notre chantier cet été."}}
                         .dump(),
                     {{"Authorization", "Bearer " + member}}),
        201, "POST /api/v1/threads");
    const HttpResponse served = http_request(cited_->port(), "GET", "/api/v1/search?" + params);
    EXPECT_EQ(served.header("x-search-cache"), "miss");
    const auto fresh = result_ids(json_body(http_request(
        cited_->port(), "GET", "/api/v1/search?" + params, "", {{"Cache-Control", "no-cache"}})));
    EXPECT_EQ(result_ids(json_body(served)), fresh);
    EXPECT_EQ(std::count(fresh.begin(), fresh.end(), "article:papillon-lointain"), 0);
}

TEST_F(Citations, ACarriedReorderedAnswerIsServedInTheOrderAFreshSearchGives) {
    // The platypus guide's word is in it alone; the salamander guide's in three long guides too,
    // the first of which cites the platypus guide: it lends it weight, and both are near-equal.
    std::string padding;
    for (int i = 0; i < 30; ++i) padding += " Une phrase sans le mot cherché.";
    serve({{"ornithorynque", guide("ornithorynque", "Premier carnet", "ornithorynque", 1)},
           {"salamandre", guide("salamandre", "Second carnet", "salamandre", 3)},
           {"salamandre-0",
            guide("salamandre-0", "Arrosage 0", "salamandre", 1, {"ornithorynque"}, padding)},
           {"salamandre-1", guide("salamandre-1", "Arrosage 1", "salamandre", 1, {}, padding)},
           {"salamandre-2", guide("salamandre-2", "Arrosage 2", "salamandre", 1, {}, padding)}},
          false);
    const std::string params = "q=" + url_encode("salamandre ornithorynque") + "&per_page=2";
    const std::string member = create_user_with_token(db_.url(), "alice", "Alice", "member");
    const std::vector<std::string> platypus_first{"article:ornithorynque", "article:salamandre"};
    const std::vector<std::string> salamander_first{"article:salamandre", "article:ornithorynque"};
    ASSERT_EQ(result_ids(search_get(cited_->port(), params)), platypus_first);
    // Posts with neither word: the commoner word weighs more and more against the rarer one.
    std::map<std::string, int> served_as;
    bool swapped = false;
    for (int i = 0; i < 16 && !swapped; ++i) {
        expect_json(
            http_request(cited_->port(), "POST", "/api/v1/threads",
                         Json{{"title", "Paillage " + std::to_string(i)},
                              {"body", "Pailler garde la terre humide quand il fait chaud."}}
                             .dump(),
                         {{"Authorization", "Bearer " + member}}),
            201, "POST /api/v1/threads");
        const HttpResponse served = http_request(cited_->port(), "GET", "/api/v1/search?" + params);
        const auto fresh =
            result_ids(json_body(http_request(cited_->port(), "GET", "/api/v1/search?" + params, "",
                                              {{"Cache-Control", "no-cache"}})));
        const std::string how = served.header("x-search-cache");
        EXPECT_EQ(result_ids(json_body(served)), fresh)
            << "after " << i + 1 << " posts, served as " << how;
        swapped = fresh == salamander_first;
        EXPECT_EQ(how == "miss", swapped) << "after " << i + 1 << " posts";
        ++served_as[how];
    }
    EXPECT_TRUE(swapped) << "the posts never moved the salamander guide first";
    EXPECT_GE(served_as["hit"], 1);
    EXPECT_GE(served_as["refreshed"], 1);
}

}  // namespace
}  // namespace kb::test
