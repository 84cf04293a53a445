/// @brief Search quality on our own content (issue 17): content/ plus the 128 la-communauté
/// fiches, indexed with kb-indexer and searched over HTTP; each case is a defect a project holder
/// found, with the document expected first.
#include "api_assertions.hpp"
#include "http_client.hpp"
#include "process.hpp"
#include "search_helpers.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace kb::test {
namespace {

// content/ and the fiches in a fresh database and index, served on port 0: one for the suite.
struct OwnContentService {
    TestDatabase db;
    TempDir index;
    std::unique_ptr<ServiceProcess> service;
};

class OwnContent : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        env_ = std::make_unique<OwnContentService>();
        auto r = run_indexer(env_->db.url(), env_->index.path(),
                             {source_dir() / "content", corpus_dir() / "la-communaute-fiches"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        // With the service's own ranking, adjacent-word pairs included (they are index terms
        // now, weighed in the one matching pass: the same answer from one rebuild to the next).
        env_->service = std::make_unique<ServiceProcess>(env_->db.url(), env_->index.path());
    }
    static void TearDownTestSuite() { env_.reset(); }
    static int port() { return env_->service->port(); }
    static nlohmann::json q(const std::string& text, const std::string& more_params = "") {
        return search_text(port(), text, more_params);
    }
    static std::string first_slug(const nlohmann::json& answer) {
        const auto slugs = result_slugs(answer);
        return slugs.empty() ? std::string() : slugs.front();
    }
    static nlohmann::json suggestions(const std::string& text) {
        const std::string target = "/api/v1/suggest?q=" + url_encode(text);
        return expect_json(http_request(port(), "GET", target), 200, target)["suggestions"];
    }
    static std::unique_ptr<OwnContentService> env_;
};

std::unique_ptr<OwnContentService> OwnContent::env_;

TEST_F(OwnContent, AQuestionThatStartsLikeATitleFindsThatGuideFirst) {
    // Was: an unemployment-benefit sheet (2025 in its title) first, the guide outside the top 5.
    const auto montant = q("aide au poste montant 2025");
    EXPECT_EQ(first_slug(montant), "l-aide-au-poste-et-les-etp") << montant.dump();
    // Was: a training-pay sheet first, for the one-letter word "o" (a rare term).
    EXPECT_EQ(first_slug(q("aide o poste")), "l-aide-au-poste-et-les-etp");
}

TEST_F(OwnContent, ACorrectedWordIsSearchedInsteadOfTheTypedOne) {
    // "cdiea" stems like "cdi": the CDI inclusion came first though the query was corrected.
    auto cdiae = q("cdiea");
    EXPECT_EQ(cdiae["corrected_query"], "cdiae");
    // Our two CDIAE guides first (they tie).
    const std::set<std::string> guides = {"le-cdiae", "l-avis-du-cdiae"};
    EXPECT_TRUE(guides.count(first_slug(cdiae))) << first_slug(cdiae);
    const auto cdiae_slugs = result_slugs(cdiae);
    EXPECT_EQ(std::count(cdiae_slugs.begin(), cdiae_slugs.end(),
                         "cdi-inclusion-tout-ce-que-vous-devez-savoir"),
              0);
    // A three-letter word that nothing in the index has is corrected too (was not, and our
    // guide came 5th): the answer is that of "pass iae", the two PASS IAE documents first (the
    // la-communauté fiche titled exactly "Le PASS IAE" and our guide).
    auto pass = q("pass iea");
    EXPECT_EQ(pass["corrected_query"], "pass iae");
    EXPECT_EQ(result_slugs(pass), result_slugs(q("pass iae")));
    const auto pass_slugs = result_slugs(pass);
    ASSERT_GE(pass_slugs.size(), 2u);
    EXPECT_EQ(std::set<std::string>(pass_slugs.begin(), pass_slugs.begin() + 2),
              (std::set<std::string>{"comprendre-le-pass-iae", "le-pass-iae"}));
}

TEST_F(OwnContent, AWordOfTheLanguageIsNeverCorrectedIntoAnother) {
    // Words of the CDTN phrasings that none of these documents has, each "corrected" into the
    // nearest one that has (the opposite, for "illégal"), or a three-letter acronym into a
    // common word.
    for (const char* question :
         {"jour férié", "licenciement illégal", "grève", "élections du cse", "amiante"}) {
        const auto a = q(question);
        EXPECT_TRUE(a.at("corrected_query").is_null()) << question << ": " << a["corrected_query"];
    }
    // Searched as typed: "illégal" finds nothing, and "legal" no longer brings its documents.
    EXPECT_LT(q("licenciement illégal")["total"], q("licenciement legal")["total"]);
    // Typos are still corrected.
    EXPECT_EQ(q("conventionement")["corrected_query"], "conventionnement");
    EXPECT_EQ(q("accompagnement socio professionel")["corrected_query"],
              "accompagnement socio professionnel");
    // Not even into a word of its family: the same first letters hold "interdiction" and
    // "interaction", "maternel" and "materiel".
    for (const char* question : {"interdiction", "conge maternel", "contacter"})
        EXPECT_TRUE(q(question).at("corrected_query").is_null()) << question;
    // A word that lacks its last letter is that word, not a more frequent one a letter away:
    // "annex" became "annee" (year), and the annual-report guide came second.
    const auto annex = q("annex financiere");
    EXPECT_TRUE(annex.at("corrected_query").is_null()) << annex["corrected_query"];
    EXPECT_EQ(first_slug(annex), "l-annexe-financiere-annuelle");
    // Likewise a letter left out inside: "drets" was "ddets", more frequent than "dreets".
    EXPECT_EQ(q("drets")["corrected_query"], "dreets");
}

TEST_F(OwnContent, TypedWordsSideBySideInATitleRankItFirst) {
    // "signe" finds "La signature de la convention" (was 4th).
    EXPECT_EQ(first_slug(q("qui signe la convention")), "la-signature-par-le-prefet");
    // Was: a service civique sheet first.
    EXPECT_EQ(first_slug(q("pieces a fournir dossier de demande")),
              "constituer-le-dossier-de-demande");
}

TEST_F(OwnContent, HowLongAConventionLastsFindsTheGuideThatSaysIt) {
    // Was: the guide outside the top 5, behind "temps de travail" and "temps partiel" pages
    // ("temps" of "combien de temps" was searched) and with "dure" apart from "durée" (folded,
    // "durée" stemmed "dure", the verb "dur").
    for (const std::string question :
         {"combien de temps dure une convention", "la convention dure combien de temps",
          "dure convention", "duree de la convention"})
        EXPECT_EQ(first_slug(q(question)), "la-signature-par-le-prefet") << question;
}

TEST_F(OwnContent, ANumberTypedInDigitsFindsItWrittenInWordsAndTheReverse) {
    // The parcours guide says "vingt-quatre mois" only: it was outside the top 5.
    const auto parcours = q("duree du parcours 24 mois");
    EXPECT_EQ(first_slug(parcours), "le-parcours-d-insertion-et-sa-duree") << parcours.dump();
    // Its snippet marks the number in words, and no "20" or "quatre" elsewhere on its own.
    for (const auto& r : parcours["results"]) {
        const std::string snippet = r["snippet"];
        if (r["slug"] == "le-parcours-d-insertion-et-sa-duree") {
            EXPECT_NE(snippet.find("<mark>vingt</mark>-<mark>quatre</mark> <mark>mois</mark>"),
                      std::string::npos)
                << snippet;
        }
        for (const char* alone : {" <mark>20</mark>", " <mark>quatre</mark>"})
            EXPECT_EQ(snippet.find(alone), std::string::npos) << r["slug"] << ": " << snippet;
    }
    // Was: a parenting sheet first ("3" in its dates); the guides say "trois ans".
    const auto convention = q("convention 3 ans", "per_page=3");
    ASSERT_EQ(convention["results"].size(), 3u);
    for (const auto& r : convention["results"]) {
        EXPECT_EQ(r["kind"] == "fiche", false) << r["slug"];
        EXPECT_NE(r["snippet"].get<std::string>().find("<mark>trois</mark> <mark>ans</mark>"),
                  std::string::npos)
            << r["slug"] << ": " << r["snippet"];
    }
    // Both writings find the same documents: those that say "24" only (the publics guide) and
    // those that say "vingt-quatre" only (the parcours guide).
    const auto digits_answer = q("24", "per_page=50");
    const auto words_answer = q("vingt-quatre", "per_page=50");
    EXPECT_EQ(digits_answer["total"], words_answer["total"]);
    ASSERT_LT(words_answer["total"].get<int>(), 50);
    const auto digits = result_slugs(digits_answer);
    const auto words = result_slugs(words_answer);
    EXPECT_EQ(std::set<std::string>(digits.begin(), digits.end()),
              std::set<std::string>(words.begin(), words.end()));
    for (const char* slug : {"les-publics-de-l-iae", "le-parcours-d-insertion-et-sa-duree"})
        EXPECT_NE(std::find(words.begin(), words.end(), slug), words.end()) << slug;
}

TEST_F(OwnContent, ACompoundFindsItWrittenWithAndWithoutAHyphen) {
    // Was: "co-financement" found two sheets and none of the guides that say "cofinancement".
    const auto hyphen = q("co-financement", "per_page=50");
    const auto joined = q("cofinancement", "per_page=50");
    EXPECT_EQ(first_slug(hyphen), "les-moyens-de-la-convention") << hyphen.dump();
    EXPECT_EQ(first_slug(joined), "les-moyens-de-la-convention") << joined.dump();
    // Both writings find the same documents: those that write it joined, and the sheets that
    // hyphenate it.
    EXPECT_EQ(hyphen["total"], joined["total"]);
    const auto with = result_slugs(hyphen);
    const auto without = result_slugs(joined);
    EXPECT_EQ(std::set<std::string>(with.begin(), with.end()),
              std::set<std::string>(without.begin(), without.end()));
    // Was: 141 and 143 results, each writing missing the pages of the other; the joined word's
    // snippets mark the hyphenated one where that is what the page says.
    const auto socio = q("accompagnement socioprofessionnel", "per_page=50");
    EXPECT_EQ(socio["total"], q("accompagnement socio-professionnel")["total"]);
    bool marked_hyphenated = false;
    for (const auto& r : socio["results"]) {
        const std::string snippet = r["snippet"];
        if (snippet.find("<mark>socio</mark>-<mark>professionnel") != std::string::npos)
            marked_hyphenated = true;
    }
    EXPECT_TRUE(marked_hyphenated) << socio.dump();
}

TEST_F(OwnContent, AVerbFindsWhatTheNounsMadeFromItSay) {
    // Was: 6 results, none of them the guide on prescribers ("prescrire" and "prescripteur" had
    // different stems).
    const auto who = result_slugs(q("qui peut prescrire", "per_page=3"));
    EXPECT_NE(std::find(who.begin(), who.end(), "france-travail-et-les-prescripteurs"), who.end());
    const auto verb = q("prescrire", "per_page=50");
    for (const char* noun : {"prescripteur", "prescription"}) {
        const auto answer = q(noun, "per_page=50");
        EXPECT_EQ(answer["total"], verb["total"]) << noun;
        EXPECT_EQ(result_slugs(answer), result_slugs(verb)) << noun;
    }
    EXPECT_GT(verb["total"].get<int>(), 20);
    // Was: a sheet on a disability week first, the guide on following a convention outside
    // the top 5 ("suivre" and "suivi" had different stems).
    EXPECT_EQ(first_slug(q("suivre la convention")), "suivi-et-dialogue-de-gestion");
    EXPECT_EQ(result_slugs(q("creer une aci")), result_slugs(q("creation d une aci")));
    // Was: the first conventionnement's steps first (its title says "conventionnement"), the
    // guide on renewing the "convention" second.
    EXPECT_EQ(first_slug(q("renouvellement conventionnement")), "renouveler-sa-convention");
}

TEST_F(OwnContent, SnippetsShowTheMatchingPassageOfTheWholeText) {
    // The top documents say ETP or SMIC, often far from their start: their snippets show it.
    for (const char* word : {"etp", "smic"}) {
        auto a = q(word, "per_page=5");
        ASSERT_EQ(a["results"].size(), 5u) << word;
        for (const auto& r : a["results"]) {
            const std::string html =
                expect_json(http_request(port(), "GET", r["url"].get<std::string>()))["html"];
            std::string lower = html;
            std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
            if (lower.find(word) == std::string::npos) continue;
            EXPECT_NE(r["snippet"].get<std::string>().find("<mark>"), std::string::npos)
                << word << " in " << r["slug"] << ": " << r["snippet"];
        }
    }
    // "SMIC" first appears ~86,000 characters into this round table's transcript, far past the
    // 12 KB of text the snippets used to see.
    bool seen = false;
    const auto smic = q("smic", "per_page=20");
    for (const auto& r : smic["results"]) {
        if (r["slug"] != "table-ronde-avec-t-guilluy-et-d-linhart") continue;
        seen = true;
        EXPECT_NE(r["snippet"].get<std::string>().find("<mark>"), std::string::npos)
            << r["snippet"];
    }
    EXPECT_TRUE(seen);
}

TEST_F(OwnContent, ADocumentForEveryStructureTypeMatchesEachTypeFilter) {
    // Our aide au poste guide has `structure_types: []`; the signature guide lists four types.
    for (const char* type : {"ACI", "AI", "EI", "ETTI", "EITI"}) {
        auto a = q("aide au poste", std::string("structure_type=") + type);
        EXPECT_EQ(first_slug(a), "l-aide-au-poste-et-les-etp") << type;
    }
    // A document that lists its types still leaves the others.
    const auto eiti =
        result_slugs(q("signature convention prefet", "structure_type=EITI&per_page=50"));
    EXPECT_EQ(std::count(eiti.begin(), eiti.end(), "la-signature-par-le-prefet"), 0);
    // Each type's facet counts what its filter lists.
    auto all = search_get(port(), "kind=guide&per_page=1");
    for (const auto& facet : all["facets"]["structure_type"]) {
        auto filtered = search_get(
            port(), "kind=guide&per_page=1&structure_type=" + facet["value"].get<std::string>());
        EXPECT_EQ(filtered["total"], facet["count"]) << facet["value"];
    }
}

TEST_F(OwnContent, SuggestMatchesTheEarlierWordsAsSearchDoes) {
    auto titles = [](const nlohmann::json& list) {
        std::set<std::string> out;
        for (const auto& s : list) out.insert(s["slug"].get<std::string>());
        return out;
    };
    const auto plural = titles(suggestions("sorties dyn"));
    EXPECT_FALSE(plural.empty());
    EXPECT_EQ(titles(suggestions("sortie dyn")), plural);
    EXPECT_EQ(titles(suggestions("Sortie dyn")), plural);
    EXPECT_TRUE(plural.count("sorties-dynamiques-emploi-durable-sorties-positives"));
}

TEST_F(OwnContent, TheAcronymAIFindsTheAssociationsIntermediaires) {
    // "ai" is a stopword (j'ai): "AI" found nothing, and "creer une ai" only what "creer" found.
    for (const char* question : {"AI", "ai", "creer une ai"}) {
        const auto slugs = result_slugs(q(question, "per_page=3"));
        EXPECT_EQ(std::count(slugs.begin(), slugs.end(), "l-association-intermediaire-ai"), 1)
            << question;
    }
    // The verb is still a stopword: it changes nothing.
    EXPECT_EQ(result_slugs(q("j'ai un probleme avec mon contrat")),
              result_slugs(q("un probleme avec mon contrat")));
}

TEST_F(OwnContent, CreatingAStructureFindsTheRoadToTheFirstConvention) {
    // A project holder's first question. Was: the GEIQ guide first, the steps of the first
    // conventionnement outside the top 5 (it never said "créer").
    for (const char* question : {"comment creer une siae", "creer une structure d insertion",
                                 "comment devenir une structure iae"})
        EXPECT_EQ(first_slug(q(question)), "les-etapes-du-premier-conventionnement") << question;
    // Was: a write-up on an EI first (it says "créée"), the EI guide second.
    EXPECT_EQ(first_slug(q("creer une ei")), "l-entreprise-d-insertion-ei");
}

TEST_F(OwnContent, GreetingsAndThanksAroundAQuestionChangeNothing) {
    // Was: a round-table transcript first (it says "bonjour" and "commencer" many times), the
    // ACI guide second.
    const auto polite =
        q("Bonjour, je souhaite creer un chantier d'insertion dans ma commune, "
          "par ou commencer ? Merci d'avance",
          "per_page=10");
    EXPECT_EQ(first_slug(polite), "l-atelier-et-chantier-d-insertion-aci") << polite.dump();
    EXPECT_EQ(result_slugs(polite),
              result_slugs(q("creer un chantier d'insertion dans ma commune", "per_page=10")));
    // Was: a sheet on self-esteem first, for "sait" and "met".
    EXPECT_EQ(result_slugs(q("salut quelqu'un sait combien de temps met la ddets pour repondre",
                             "per_page=10")),
              result_slugs(q("ddets repondre", "per_page=10")));
    // Alone, a greeting is searched as typed.
    EXPECT_GT(q("bonjour")["total"].get<int>(), 0);
}

TEST_F(OwnContent, WhoDecidesFindsTheGuideOnThePrefectsDecision) {
    // Was: the two CDIAE guides first (the CDIAE only gives its opinion), the préfet's guide
    // outside the top 5: it said who signs, never who decides.
    EXPECT_EQ(first_slug(q("qui decide du conventionnement")), "la-signature-par-le-prefet");
}

TEST_F(OwnContent, TheOtherWritingsOfAnAcronymInTheGlossaryFindWhatItFinds) {
    // "structure d'insertion" and "structure IAE" are written after ", ou " in the glossary's
    // SIAE heading. Was: a sheet on becoming a parent first for the second question ("devenir"
    // was its rarest word), a sheet on the DORA directory first for the first.
    for (const char* question : {"structure d insertion", "comment devenir une structure iae"}) {
        const auto answer = q(question);
        const auto slugs = result_slugs(answer);
        ASSERT_GE(slugs.size(), 5u) << question;
        EXPECT_NE(
            std::find(slugs.begin(), slugs.begin() + 5, "les-etapes-du-premier-conventionnement"),
            slugs.begin() + 5)
            << question << ": " << answer.dump();
        for (std::size_t i = 0; i < 2; ++i)
            EXPECT_EQ(answer["results"][i]["kind"], "guide") << question << ": " << slugs[i];
    }
    // One way only: the acronym does not look for every looser writing, which the glossary
    // alone has all of (with both ways, the glossary came second here).
    const auto renewal = result_slugs(q("renouvellement cddi", "per_page=3"));
    EXPECT_EQ(std::count(renewal.begin(), renewal.end(), "glossaire-des-sigles-iae"), 0);
    // "CDD d'insertion" is the CDDI. Was: a sheet on the CDD Tremplin first, the parcours guide
    // that explains the CDDI's renewals 4th.
    const auto cddi = result_slugs(q("cdd insertion renouvellement", "per_page=3"));
    EXPECT_NE(std::find(cddi.begin(), cddi.end(), "le-parcours-d-insertion-et-sa-duree"),
              cddi.end());
}

TEST_F(OwnContent, SuggestionsKeepUpWithEachTypedWord) {
    auto first = [](const nlohmann::json& list) {
        return list.empty() ? std::string() : list.front()["slug"].get<std::string>();
    };
    // A last word that is a stopword emptied the list ("aide au", "projet d'") between two
    // words that both found the guide.
    for (const char* typed : {"aide", "aide au", "aide   au", "aide au p", "l'aide au"})
        EXPECT_EQ(first(suggestions(typed)), "l-aide-au-poste-et-les-etp") << typed;
    for (const char* typed : {"projet d", "projet d'", "projet d'ins"})
        EXPECT_EQ(first(suggestions(typed)), "le-projet-d-insertion-et-ses-quatre-axes") << typed;
    // Was: "L'ASP… de l'aide au poste" first for "aide" (a shorter title); a write-up titled
    // "Une ETTI de…" would come before the ETTI guide.
    EXPECT_EQ(first(suggestions("etti")), "l-entreprise-de-travail-temporaire-d-insertion-etti");
    // Two-letter title words complete too: the EI guide was missing for "ei"; and "ai", a
    // stopword, offers what it stands for beside the words it starts.
    EXPECT_EQ(first(suggestions("ei")), "l-entreprise-d-insertion-ei");
    EXPECT_EQ(first(suggestions("ai")), "l-association-intermediaire-ai");
}

}  // namespace
}  // namespace kb::test
