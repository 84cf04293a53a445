/// @brief IndexChanges on a real Xapian index: a rewrite reports the terms whose postings it
/// changed and the document's id term; every term when it changed a facet or shortened the text.
#include "index_changes.hpp"
#include "search_schema.hpp"
#include "test_env.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace kb {
namespace {

class IndexChangesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        db_ = Xapian::WritableDatabase(dir_.path().string(), Xapian::DB_CREATE_OR_OPEN);
        write({"contrat", "travail", "salarie"}, "thread", "ACI");
        db_.commit();
    }

    // The thread "Qthread:1" with these words (positions in order), kind and structure type.
    void write(const std::vector<std::string>& words, const std::string& kind,
               const std::string& structure) {
        Xapian::Document doc;
        Xapian::termpos pos = 0;
        for (const auto& w : words) doc.add_posting("Z" + w, ++pos);
        doc.add_boolean_term(kId);
        doc.add_boolean_term(schema::kKindPrefix + kind);
        doc.add_boolean_term(schema::kStructurePrefix + structure);
        db_.replace_document(kId, doc);
    }

    std::vector<std::string> rewrite(const std::vector<std::string>& words,
                                     const std::string& structure = "ACI") {
        IndexChanges changes;
        changes.before(db_, kId);
        write(words, "thread", structure);
        changes.after(db_, kId);
        db_.commit();
        return changes.terms();
    }

    static bool has(const std::vector<std::string>& terms, const std::string& term) {
        return std::binary_search(terms.begin(), terms.end(), term);
    }

    const std::string kId = schema::kIdPrefix + "thread:1";
    test::TempDir dir_;
    Xapian::WritableDatabase db_;
};

TEST_F(IndexChangesTest, AnAnswerAddedReportsItsWordsAndTheIdNotTheUnchangedOnes) {
    // "travail" twice now: its frequency in the document changed; "salarie" and the facets not.
    const auto terms = rewrite({"contrat", "travail", "salarie", "conge", "travail"});
    EXPECT_EQ(terms, (std::vector<std::string>{kId, "Zconge", "Ztravail"}));
}

TEST_F(IndexChangesTest, MovedWordsAreReportedForTheirPhrases) {
    const auto terms = rewrite({"travail", "contrat", "salarie"});
    EXPECT_TRUE(has(terms, "Zcontrat"));
    EXPECT_TRUE(has(terms, "Ztravail"));
    EXPECT_FALSE(has(terms, "Zsalarie"));
}

TEST_F(IndexChangesTest, AnUnchangedRewriteReportsOnlyTheId) {
    EXPECT_EQ(rewrite({"contrat", "travail", "salarie"}), std::vector<std::string>{kId});
}

TEST_F(IndexChangesTest, AFacetChangeOrAShorterTextReportsEveryTerm) {
    const auto retyped = rewrite({"contrat", "travail", "salarie"}, "EI");
    for (const std::string term : {"Zcontrat", "Ztravail", "Zsalarie", "XYACI", "XYEI", "XKthread"})
        EXPECT_TRUE(has(retyped, term)) << term;
    const auto shorter = rewrite({"contrat", "travail"}, "EI");
    for (const std::string term : {"Zcontrat", "Ztravail", "Zsalarie", "XKthread"})
        EXPECT_TRUE(has(shorter, term)) << term;
}

TEST_F(IndexChangesTest, ADeletionReportsEveryTermItHad) {
    IndexChanges changes;
    changes.before(db_, kId);
    db_.delete_document(kId);
    changes.after(db_, kId);
    const auto terms = changes.terms();
    for (const std::string term : {"Zcontrat", "Ztravail", "Zsalarie", "XKthread", "XYACI"})
        EXPECT_TRUE(has(terms, term)) << term;
    EXPECT_TRUE(has(terms, kId));
}

}  // namespace
}  // namespace kb
