/// @brief The tag vocabulary in search over HTTP: a tag's synonyms and old slugs expand queries to
/// its label and its tagged items as soon as moderators change them; articles, whose content
/// files keep their slugs, answer to a renamed or merged tag in filters, facets and counts, also
/// after a rebuild of the index.
#include "resource_fixture.hpp"

#include "polling.hpp"
#include "search_helpers.hpp"

#include <set>

namespace kb::test {
namespace {

using TagSearch = Resources;

const std::string kBureau = "article:le-role-de-l-instance-departementale";  // tagged gouvernance
const std::string kPasserelles = "article:passerelles-et-passeports";        // tagged parcours

std::string resource_id(long long id) {
    return "resource:" + std::to_string(id);
}

// The ids a text search finds, among resources.
std::set<std::string> found(int port, const std::string& text) {
    auto ids = result_ids(search_text(port, text, "kind=resource&per_page=50"));
    return {ids.begin(), ids.end()};
}

long long facet_count(const Json& answer, const std::string& facet, const std::string& value) {
    for (const auto& f : answer["facets"][facet])
        if (f["value"] == value) return f["count"];
    return 0;
}

TEST_F(TagSearch, ASynonymAddedToATagFindsItsTaggedItemsAndItsLabelAtOnce) {
    ok("POST", "/api/v1/tags", moderator_, R"({"slug":"tresorerie","label":"Trésorerie"})", 201);
    const long long tagged =
        published("Tableau de bord des encaissements", {{"tags", {"tresorerie"}}});
    const long long labelled = published("Guide de la trésorerie des chantiers d'insertion");
    const long long typed = published("Modèle de plan de cash flow prévisionnel");
    const long long other = published("Annuaire des structures du Nord");
    ASSERT_TRUE(eventually_found("encaissements", tagged));
    ASSERT_TRUE(eventually_found("chantiers", labelled));
    ASSERT_TRUE(eventually_found("annuaire", other));
    ASSERT_TRUE(eventually_found("cash flow", typed));
    // Before: the words match only the resource that contains them.
    EXPECT_EQ(found(port(), "cash flow"), std::set<std::string>{resource_id(typed)});

    // A multi-word synonym, taking effect without a restart (the earlier answer was cached).
    ok("PATCH", "/api/v1/tags/tresorerie", moderator_, R"({"synonyms":["cash flow"]})");
    std::set<std::string> expected = {resource_id(tagged), resource_id(labelled),
                                      resource_id(typed)};
    EXPECT_TRUE(poll_until([&] { return found(port(), "cash flow") == expected; }))
        << "found: " << nlohmann::json(found(port(), "cash flow")).dump();
    // The synonym is not "corrected" into another word of the corpus.
    EXPECT_EQ(search_text(port(), "cash flow")["corrected_query"], nullptr);

    // Removing the synonym stops the expansion.
    ok("PATCH", "/api/v1/tags/tresorerie", moderator_, R"({"synonyms":[]})");
    EXPECT_TRUE(poll_until(
        [&] { return found(port(), "cash flow") == std::set<std::string>{resource_id(typed)}; }));
}

TEST_F(TagSearch, AMergedSlugFindsWhatIsTaggedWithTheTagItWasMergedInto) {
    ok("POST", "/api/v1/tags", moderator_, R"({"slug":"pret-honneur","label":"Prêt d'honneur"})",
       201);
    ok("POST", "/api/v1/tags", moderator_, R"({"slug":"avance-remboursable"})", 201);
    const long long tagged = published("Simulateur d'échéancier", {{"tags", {"pret-honneur"}}});
    const long long labelled = published("Obtenir un prêt d'honneur pour créer une SIAE");
    ASSERT_TRUE(eventually_found("simulateur", tagged));
    ASSERT_TRUE(eventually_found("obtenir", labelled));
    EXPECT_FALSE(found(port(), "avance remboursable").count(resource_id(tagged)));

    ok("POST", "/api/v1/tags/avance-remboursable/merge", moderator_, R"({"into":"pret-honneur"})");
    const std::set<std::string> expected = {resource_id(tagged), resource_id(labelled)};
    EXPECT_TRUE(poll_until([&] { return found(port(), "avance remboursable") == expected; }))
        << nlohmann::json(found(port(), "avance remboursable")).dump();
}

TEST_F(TagSearch, ArticlesAnswerToARenamedOrMergedTagAlsoAfterARebuild) {
    auto answers_to = [&](const std::string& slug, const std::string& article) {
        return search_finds(port(), "tag=" + slug + "&per_page=50", article);
    };
    ASSERT_TRUE(answers_to("gouvernance", kBureau));
    ok("PATCH", "/api/v1/tags/gouvernance", moderator_, R"({"slug":"pilotage-local"})");
    ok("POST", "/api/v1/tags/parcours/merge", moderator_, R"({"into":"pilotage-local"})");

    auto check = [&](const std::string& when) {
        SCOPED_TRACE(when);
        EXPECT_TRUE(poll_until([&] {
            return answers_to("pilotage-local", kBureau) &&
                   answers_to("pilotage-local", kPasserelles);
        }));
        EXPECT_FALSE(answers_to("gouvernance", kBureau));
        EXPECT_FALSE(answers_to("parcours", kPasserelles));
        const Json all = search_get(port(), "kind=guide&per_page=50");
        EXPECT_EQ(facet_count(all, "tag", "pilotage-local"), 2) << all["facets"].dump();
        EXPECT_EQ(facet_count(all, "tag", "gouvernance"), 0);
        EXPECT_EQ(facet_count(all, "tag", "parcours"), 0);
        const Json tagged = search_get(port(), "tag=pilotage-local");
        for (const auto& hit : tagged["results"])
            EXPECT_EQ(hit["tags"], Json::array({"pilotage-local"})) << hit.dump();
        const Json tag = ok("GET", "/api/v1/tags/gouvernance", "");
        EXPECT_EQ(tag["slug"], "pilotage-local");
        EXPECT_EQ(tag["article_count"], 2);
        const Json listed = ok("GET", "/api/v1/articles?tag=pilotage-local", "");
        EXPECT_EQ(listed["total"], 2) << listed.dump();
    };
    check("after the rename and the merge");

    // The content files still say gouvernance and parcours: a rebuild reads them through the
    // aliases.
    ASSERT_EQ(run_indexer(db_.url(), index_.path(), {fixture_kb_dir()}, {"--rebuild"}).exit_code,
              0);
    check("after a rebuild");
}

}  // namespace
}  // namespace kb::test
