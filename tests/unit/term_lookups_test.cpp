/// @brief TermLookups on a real Xapian index: the index's own answers, remembered for one state
/// and looked up again on another.
#include "term_lookups.hpp"
#include "test_env.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kb {
namespace {

TEST(TermLookups, AnswersAsTheIndexDoesForTheStateItIsToldOf) {
    test::TempDir dir;
    Xapian::WritableDatabase writer(dir.path().string(), Xapian::DB_CREATE_OR_OPEN);
    auto add = [&](const std::vector<std::string>& terms) {
        Xapian::Document doc;
        for (const auto& t : terms) doc.add_term(t);
        writer.add_document(doc);
    };
    add({"Zcontrat", "XPcontrat travail"});
    add({"Zcontrat", "XPcontrat sign"});
    writer.add_spelling("contrat");
    writer.commit();
    TermLookups memo;
    Xapian::Database first(dir.path().string());
    const TermLookups::On on_first(memo, first, "g/1");
    EXPECT_EQ(on_first.frequency("Zcontrat"), 2u);
    EXPECT_EQ(on_first.frequency("Zabsent"), 0u);
    EXPECT_TRUE(on_first.spelled("contrat"));
    EXPECT_FALSE(on_first.spelled("contra"));
    EXPECT_EQ(on_first.suggestion("contra", 1), "contrat");
    EXPECT_EQ(on_first.suggestion("zzzz", 1), "");
    EXPECT_EQ(*on_first.with_prefix("XPcontrat", 10),
              (std::vector<std::string>{"XPcontrat sign", "XPcontrat travail"}));
    EXPECT_EQ(on_first.with_prefix("XPcontrat", 1)->size(), 1u);

    // A new state: nothing answered for the old one is given for it.
    add({"Zcontrat", "Zabsent", "XPcontrat aide"});
    writer.add_spelling("contra");
    writer.commit();
    Xapian::Database second(dir.path().string());
    const TermLookups::On on_second(memo, second, "g/2");
    EXPECT_EQ(on_second.frequency("Zcontrat"), 3u);
    EXPECT_EQ(on_second.frequency("Zabsent"), 1u);
    EXPECT_TRUE(on_second.spelled("contra"));
    EXPECT_EQ(on_second.suggestion("contrx", 1), second.get_spelling_suggestion("contrx", 1));
    EXPECT_EQ(on_second.with_prefix("XPcontrat", 10)->size(), 3u);
    // Remembered: the old reader, told it is the new state, gets the new state's answers.
    const TermLookups::On remembered(memo, first, "g/2");
    EXPECT_EQ(remembered.frequency("Zcontrat"), 3u);
}

TEST(TermLookups, AWordLackingOneLetterIsCompletedBeforeAMoreFrequentNeighbour) {
    test::TempDir dir;
    Xapian::WritableDatabase writer(dir.path().string(), Xapian::DB_CREATE_OR_OPEN);
    writer.add_spelling("annee", 5);    // one substitution from "annex", more frequent
    writer.add_spelling("annexe", 2);   // "annex" and its last letter
    writer.add_spelling("annexes", 9);  // two letters more: not a completion by one
    writer.add_spelling("conge", 3);
    writer.add_spelling("ddets", 8);   // one substitution from "drets"
    writer.add_spelling("dreets", 2);  // "drets" and a letter it left out
    writer.add_spelling("iae", 4);
    writer.commit();
    Xapian::Database db(dir.path().string());
    ASSERT_EQ(db.get_spelling_suggestion("annex", 1), "annee");  // what Xapian alone picks
    TermLookups memo;
    const TermLookups::On on(memo, db, "g/1");
    EXPECT_EQ(on.suggestion("annex", 1), "annexe");
    ASSERT_EQ(db.get_spelling_suggestion("drets", 1), "ddets");
    EXPECT_EQ(on.suggestion("drets", 1), "dreets");
    // A short word has too many such neighbours: Xapian's choice (a transposition here).
    EXPECT_EQ(on.suggestion("iea", 1), db.get_spelling_suggestion("iea", 1));
    // Otherwise Xapian's choice stands.
    EXPECT_EQ(on.suggestion("conje", 1), "conge");
    EXPECT_EQ(on.suggestion("anne", 1), db.get_spelling_suggestion("anne", 1));
    EXPECT_EQ(on.suggestion("zzzz", 1), "");
}

}  // namespace
}  // namespace kb
