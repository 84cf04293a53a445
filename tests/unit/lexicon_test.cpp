/// @brief Unit tests of the lexicon: words folded as queries are, loaded from a word list.
#include "lexicon.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace kb {
namespace {

TEST(Lexicon, KnowsItsWordsFoldedAsAQueryIs) {
    const Lexicon lexicon({"Pièces", "devenir", "aujourd'hui", "d'abord", "porte-monnaie"});
    for (const char* folded : {"pieces", "devenir", "aujourdhui", "abord", "porte", "monnaie"})
        EXPECT_TRUE(lexicon.contains(folded)) << folded;
    // What folding does not make: the accented form, another word, a part of a word.
    for (const char* other : {"pièces", "Pieces", "devenu", "deven", "retenir", ""})
        EXPECT_FALSE(lexicon.contains(other)) << other;
    // Duplicates (the same word in two accentuations) count once.
    EXPECT_EQ(Lexicon({"congé", "conge", "CONGÉ"}).size(), 1u);
}

TEST(Lexicon, AnEmptyOneKnowsNoWord) {
    EXPECT_FALSE(Lexicon().contains("devenir"));
    EXPECT_EQ(Lexicon().size(), 0u);
}

TEST(Lexicon, LoadsAWordListAndRefusesAMissingOne) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("kb-lexicon-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = (dir / "words").string();
    {
        std::ofstream out(path);
        out << "a\nabaca\nmonter\nmontons\nÉtat\n";
    }
    const Lexicon lexicon = Lexicon::load(path);
    EXPECT_EQ(lexicon.size(), 5u);
    EXPECT_TRUE(lexicon.contains("montons"));
    EXPECT_TRUE(lexicon.contains("etat"));
    EXPECT_FALSE(lexicon.contains("montre"));
    std::filesystem::remove_all(dir);
    EXPECT_THROW(Lexicon::load(path), std::runtime_error);
}

}  // namespace
}  // namespace kb
