/// @brief Labels of tags known only by their slug: accents given back from a word list, elided
/// articles their apostrophe, and nothing guessed when the list is ambiguous.
#include "tag_labels.hpp"

#include <gtest/gtest.h>

#include <initializer_list>

namespace kb {
namespace {

WordSpellings list_of(std::initializer_list<const char*> lines) {
    WordSpellings spellings;
    for (const char* line : lines) spellings.add(line);
    return spellings;
}

TEST(TagLabels, AWordWrittenOneWayOnlyGetsItsAccentsBack) {
    const auto words = list_of({"création", "première", "année", "dialogue", "de", "gestion"});
    EXPECT_EQ(label_of_slug("creation", words), "création");
    EXPECT_EQ(label_of_slug("premiere-annee", words), "première année");
    EXPECT_EQ(label_of_slug("dialogue-de-gestion", words), "dialogue de gestion");
}

TEST(TagLabels, AWordTheListWritesSeveralWaysOrNotAtAllStaysAsItIs) {
    // "reforme" (re-form) and "réforme" (reform) are both words: no guess.
    const auto words = list_of({"reforme", "réforme", "réformé", "Paris", "CAF"});
    EXPECT_EQ(label_of_slug("reforme", words), "reforme");
    // Not in the list (an acronym, a name): as typed. A proper noun of the list is not a
    // spelling of the common word.
    EXPECT_EQ(label_of_slug("ppsmj", words), "ppsmj");
    EXPECT_EQ(label_of_slug("paris", words), "paris");
    EXPECT_EQ(label_of_slug("caf", words), "caf");
}

TEST(TagLabels, AnElidedArticleGetsItsApostropheBeforeAWord) {
    const auto words = list_of({"insertion", "emploi", "offres", "sur", "autres", "sujets",
                                "devenir", "logement", "inclusion", "éligibilité"});
    EXPECT_EQ(label_of_slug("autres-sujets-sur-linsertion", words),
              "autres sujets sur l'insertion");
    EXPECT_EQ(label_of_slug("offres-demploi", words), "offres d'emploi");
    // A word of the list is never split; nor one whose rest begins with a consonant.
    EXPECT_EQ(label_of_slug("devenir", words), "devenir");
    EXPECT_EQ(label_of_slug("logement", words), "logement");
    EXPECT_EQ(label_of_slug("ddets", list_of({"dets"})), "ddets");
    // The rest gets its accents too.
    EXPECT_EQ(label_of_slug("leligibilite", words), "l'éligibilité");
}

TEST(TagLabels, AnAcronymOfTheGlossaryIsWrittenInCapitals) {
    const auto words = list_of({"devenir", "pass"});
    EXPECT_EQ(label_of_slug("devenir-cip", words, {"cip", "iae"}), "devenir CIP");
    EXPECT_EQ(label_of_slug("pass-iae", words, {"cip", "iae"}), "pass IAE");
    EXPECT_EQ(label_of_slug("devenir-cip", words), "devenir cip");
}

TEST(TagLabels, OnlyTheWantedWordsAreKept) {
    const auto wanted = words_of_slug("offres-demploi");
    EXPECT_EQ(wanted, (std::set<std::string>{"offres", "demploi", "emploi"}));
}

}  // namespace
}  // namespace kb
