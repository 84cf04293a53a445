/// @brief highlighted_snippet: the best window of a text, cut on word and character boundaries,
/// its query words marked and the rest escaped.
#include "french.hpp"
#include "snippet_window.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kb {
namespace {

std::string snippet(const std::string& text, const std::vector<std::string>& stems,
                    std::size_t length = 240) {
    Xapian::Stem stem = make_french_stem();
    return highlighted_snippet(text, StemPositions(text, stem), stems, length);
}

bool valid_utf8(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80         ? 1
                              : (c >> 5) == 6  ? 2
                              : (c >> 4) == 14 ? 3
                              : (c >> 3) == 30 ? 4
                                               : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

TEST(Snippet, AShortTextIsWholeWithItsWordsMarked) {
    EXPECT_EQ(snippet("Le contrat de travail & ses <clauses>.", {"contrat"}),
              "Le <mark>contrat</mark> de travail &amp; ses &lt;clauses&gt;.");
}

TEST(Snippet, APhrasesWordsAreMarkedOnlyWhereTheyFollowOneAnother) {
    Xapian::Stem stem = make_french_stem();
    const std::string text =
        "Le CDDI dure quatre mois et 20 heures par semaine ; le parcours, vingt-quatre mois. "
        "Vingt puis quatre.";
    const StemPositions positions(text, stem);
    // "24 mois": the phrase of "24" in words, and "mois" typed.
    EXPECT_EQ(highlighted_snippet(text, positions, {"mois"}, 240, {{"20", "4"}}),
              "Le CDDI dure quatre <mark>mois</mark> et 20 heures par semaine ; le parcours, "
              "<mark>vingt</mark>-<mark>quatre</mark> <mark>mois</mark>. Vingt puis quatre.");
    // A word typed as well as in the phrase is marked everywhere, and once.
    EXPECT_EQ(highlighted_snippet(text, positions, {"4"}, 240, {{"20", "4"}}),
              "Le CDDI dure <mark>quatre</mark> mois et 20 heures par semaine ; le parcours, "
              "<mark>vingt</mark>-<mark>quatre</mark> mois. Vingt puis <mark>quatre</mark>.");
    EXPECT_EQ(highlighted_snippet(text, positions, {}, 240, {{"4", "20"}}), text);
}

TEST(Snippet, TheBestPassageOfALongTextIsShownWithEllipses) {
    std::string text;
    for (int i = 0; i < 40; ++i) text += "Une phrase sans rapport avec la question posée. ";
    text += "Le montant de l’aide au poste est revalorisé chaque année. ";
    for (int i = 0; i < 40; ++i) text += "Encore une phrase qui ne parle de rien. ";
    const std::string out = snippet(text, {"aid", "post"});
    EXPECT_EQ(out.rfind("…", 0), 0u) << out;
    EXPECT_NE(out.find("l’<mark>aide</mark> au <mark>poste</mark>"), std::string::npos) << out;
    EXPECT_EQ(out.compare(out.size() - 3, 3, "…"), 0) << out;
    EXPECT_LE(out.size(), 240u + 6 + 4 * 13);
}

TEST(Snippet, CutsNeverSplitAWordNorACharacter) {
    // Every length from 200 to 260 over a text of accented words and curly apostrophes.
    std::string text;
    for (int i = 0; i < 30; ++i) text += "de l’égalité à l’été, déjà réglé ; ";
    for (std::size_t length = 200; length <= 260; ++length) {
        for (const auto& stems : std::vector<std::vector<std::string>>{{}, {"regl"}, {"egal"}}) {
            const std::string out = snippet(text, stems, length);
            ASSERT_TRUE(valid_utf8(out)) << length << ": " << out;
            ASSERT_EQ(out.find("égal…"), std::string::npos) << out;
        }
    }
}

TEST(Snippet, WithoutAMatchTheTextStartsTheSnippet) {
    std::string text = "Début du texte. ";
    for (int i = 0; i < 50; ++i) text += "rien à voir ";
    const std::string out = snippet(text, {"licenci"});
    EXPECT_EQ(out.rfind("Début du texte.", 0), 0u) << out;
    EXPECT_EQ(out.find("<mark>"), std::string::npos);
}

TEST(Snippet, OneDocumentsWordPositionsServeEveryQuery) {
    // Made once, as the document cache does, then asked by three queries: each marks its own
    // words, accents and case folded, wherever they are.
    Xapian::Stem stem = make_french_stem();
    const std::string text =
        "Les Congés payés. Un congé est pris ; les salariés prennent leurs congés.";
    const StemPositions positions(text, stem);
    EXPECT_EQ(highlighted_snippet(text, positions, {"cong"}, 240),
              "Les <mark>Congés</mark> payés. Un <mark>congé</mark> est pris ; les salariés "
              "prennent leurs <mark>congés</mark>.");
    EXPECT_EQ(highlighted_snippet(text, positions, {"salar", "pris"}, 240),
              "Les Congés payés. Un congé est <mark>pris</mark> ; les <mark>salariés</mark> "
              "prennent leurs congés.");
    EXPECT_EQ(highlighted_snippet(text, positions, {"absent"}, 240), text);
    EXPECT_GT(positions.bytes(), sizeof(positions));
}

TEST(Snippet, ATextOfMoreWordFormsThanTheStemMemoHoldsIsPlacedWhole) {
    // 150,000 distinct word forms: the per-thread memo of stems (131,072 slots, emptied at
    // three quarters) starts again during this text, and every word is still placed.
    std::string text = "Des congés au début. ";
    for (int i = 0; i < 150'000; ++i) text += "w" + std::to_string(i) + " ";
    text += "Les congés payés à la fin.";
    const std::string out = snippet(text, {"cong", "pai"});
    EXPECT_NE(out.find("Les <mark>congés</mark> <mark>payés</mark>"), std::string::npos) << out;
    // And a text after it, with the memo's slots filled again.
    EXPECT_EQ(snippet("Un congé payé.", {"cong", "pai"}),
              "Un <mark>congé</mark> <mark>payé</mark>.");
}

}  // namespace
}  // namespace kb
