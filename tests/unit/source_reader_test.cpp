/// @brief Unit tests of front matter parsing and article validation (both formats).
#include "source_reader.hpp"

#include <gtest/gtest.h>

namespace kb {
namespace {

const std::filesystem::path kRoot = "/content";

std::string ours(const std::string& overrides_steps = "[moyens]",
                 const std::string& kind = "guide") {
    return "---\ntitle: \"Titre\"\nslug: mon-article\nkind: " + kind +
           "\nsummary: \"Résumé\"\ntags: [a, b-c]\nsteps: " + overrides_steps +
           "\nstructure_types: [ACI, EI]\nterritory: \"2A\"\nupdated: 2026-01-02\nsources:\n  - "
           "\"Code du travail\"\n---\n# Corps\n\nTexte *important* <script>x</script>.\n";
}

TEST(ReadArticle, ParsesOurFormat) {
    Article a = read_article(ours(), kRoot / "guides/mon-article.md", kRoot);
    EXPECT_EQ(a.title, "Titre");
    EXPECT_EQ(a.kind, "guide");
    EXPECT_EQ(a.tags, (std::vector<std::string>{"a", "b-c"}));
    EXPECT_EQ(a.structure_types, (std::vector<std::string>{"ACI", "EI"}));
    EXPECT_EQ(a.territory, "2A");
    EXPECT_EQ(a.sources.size(), 1u);
    EXPECT_NE(a.body_html.find("<em>important</em>"), std::string::npos);
    EXPECT_EQ(a.body_html.find("<script>"), std::string::npos) << "raw HTML must be dropped";
    EXPECT_NE(a.body_text.find("Texte important"), std::string::npos);
    EXPECT_EQ(a.category, "guides");
}

TEST(ReadArticle, ParsesLaCommunauteFicheUnchanged) {
    const std::string fiche =
        "---\nname: \"Le PASS IAE\"\ndescription: \"Une description\n  sur deux lignes\"\nimage: "
        "x.png\n"
        "tags:\n- name: Législation en cours\n  slug: legislation-en-cours\n\npartner:\n"
        "timestamp: 2026-03-13T18:42:50.690581+00:00\n---\nCorps **gras**\n";
    Article a = read_article(fiche, kRoot / "les-bases-de-liae/le-pass-iae.md", kRoot);
    EXPECT_EQ(a.kind, "fiche");
    EXPECT_EQ(a.title, "Le PASS IAE");
    EXPECT_EQ(a.summary, "Une description sur deux lignes");
    EXPECT_EQ(a.category, "les-bases-de-liae");
    EXPECT_EQ(a.slug, "le-pass-iae");
    EXPECT_EQ(a.tags, (std::vector<std::string>{"legislation-en-cours"}));
    EXPECT_EQ(a.updated_at, "2026-03-13T18:42:50.690581+00:00");
}

void expect_error(const std::string& text, const std::string& file, int line,
                  const std::string& fragment) {
    try {
        read_article(text, kRoot / file, kRoot);
        FAIL() << "expected an error containing " << fragment;
    } catch (const SourceError& e) {
        EXPECT_EQ(e.line(), line) << e.what();
        EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
}

TEST(ReadArticle, ReportsErrorsWithLines) {
    expect_error(ours("[moyens, inventee]"), "guides/mon-article.md", 7, "unknown step 'inventee'");
    expect_error(ours("[moyens]", "tutoriel"), "guides/mon-article.md", 4,
                 "unknown kind 'tutoriel'");
    expect_error(ours(), "guides/autre-nom.md", 3, "differs from the file name");
    expect_error("pas d'en-tête\n", "guides/x.md", 1, "missing front matter");
    expect_error("---\ntitle: \"ouvert\n---\nbody", "guides/x.md", 2, "unterminated");
    expect_error("---\ntitle: x\n", "guides/x.md", 2, "not closed");
    expect_error("---\ntitle: \"T\"\nslug: x\n---\n", "guides/x.md", 1,
                 "missing required key 'kind'");
    expect_error("---\nname: \"ok\"\n---\n\xFF\xFE\n", "cat/x.md", 4, "invalid UTF-8");
    expect_error(ours("[moyens]", "experience"), "guides/mon-article.md", 4, "illustrative: true");
}

// `ours()` with a `cites` line before the closing one.
std::string ours_citing(const std::string& cites) {
    std::string text = ours();
    return text.insert(text.find("---\n#"), "cites: " + cites + "\n");
}

TEST(ReadArticle, ReadsTheArticlesItCitesOnceEach) {
    EXPECT_TRUE(read_article(ours(), kRoot / "guides/mon-article.md", kRoot).cites.empty());
    Article a = read_article(ours_citing("[pass-iae, aide-au-poste, pass-iae]"),
                             kRoot / "guides/mon-article.md", kRoot);
    EXPECT_EQ(a.cites, (std::vector<std::string>{"pass-iae", "aide-au-poste"}));
    // A fiche's slug is its file name, whatever its case.
    Article fiche = read_article(
        "---\nname: \"Fiche\"\ncites: [legi-LEGIARTI000006901234, autre-fiche]\n---\nCorps\n",
        kRoot / "cat/fiche.md", kRoot);
    EXPECT_EQ(fiche.cites, (std::vector<std::string>{"legi-LEGIARTI000006901234", "autre-fiche"}));
}

TEST(ReadArticle, RefusesACitationThatIsNoSlugOrItself) {
    expect_error(ours_citing("[Pas un slug]"), "guides/mon-article.md", 13,
                 "invalid slug 'Pas un slug' in cites");
    expect_error(ours_citing("[mon-article]"), "guides/mon-article.md", 13, "cannot cite itself");
    expect_error(ours_citing("pass-iae"), "guides/mon-article.md", 13, "must be a list");
    expect_error("---\nname: \"Fiche\"\ncites: [\"deux mots\"]\n---\nCorps\n", "cat/f.md", 3,
                 "invalid slug");
}

TEST(Glossary, ParsesEmDashHeadings) {
    auto entries = parse_glossary(
        "intro\n### ACI — atelier et chantier d'insertion\ntexte\n### Sans tiret\n"
        "### ETP — équivalent temps plein\n");
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].acronym, "ACI");
    EXPECT_EQ(entries[0].expansion, "atelier et chantier d'insertion");
    EXPECT_EQ(entries[1].expansion, "équivalent temps plein");
    EXPECT_TRUE(entries[1].also.empty());
}

TEST(Glossary, EachWritingAfterOuIsOneMorePhraseOfTheEntry) {
    auto entries = parse_glossary(
        "### SIAE — structure d'insertion par l'activité économique, ou structure d'insertion, "
        "ou structure IAE\n### DDETS — direction départementale de l'emploi, du travail et des "
        "solidarités\n");
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].expansion, "structure d'insertion par l'activité économique");
    EXPECT_EQ(entries[0].also,
              (std::vector<std::string>{"structure d'insertion", "structure IAE"}));
    // A comma alone is part of the expansion.
    EXPECT_EQ(entries[1].expansion,
              "direction départementale de l'emploi, du travail et des "
              "solidarités");
    EXPECT_TRUE(entries[1].also.empty());
}

TEST(ContentHash, ChangesWithContent) {
    EXPECT_EQ(content_hash("abc"), content_hash("abc"));
    EXPECT_NE(content_hash("abc"), content_hash("abd"));
    EXPECT_EQ(content_hash("abc").size(), 16u);
}

}  // namespace
}  // namespace kb
