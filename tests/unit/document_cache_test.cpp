/// @brief DocumentCache on a real Xapian index: a shown document is read once and kept over the
/// logged commits that did not write it, read again after one that did or one the log lacks.
#include "document_cache.hpp"
#include "commit_log.hpp"
#include "french.hpp"
#include "search_schema.hpp"
#include "test_env.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kb {
namespace {

class DocumentCacheTest : public ::testing::Test {
  protected:
    void SetUp() override {
        writer_ = Xapian::WritableDatabase(dir_.path().string(), Xapian::DB_CREATE_OR_OPEN);
        put("a", "premier texte");
        put("b", "second texte");
        writer_.commit();
    }

    // As the indexer writes a document: its id term is the data's id under the id prefix.
    void put(const std::string& key, const std::string& text, bool with_id = true) {
        Xapian::Document doc;
        doc.add_boolean_term(schema::kIdPrefix + key);
        nlohmann::json data{{"slug", key}, {"title", text}};
        if (with_id) data["id"] = key;
        doc.add_value(schema::kDataSlot, data.dump());
        doc.add_value(schema::kSnippetSlot, text);
        writer_.replace_document(schema::kIdPrefix + key, doc);
    }

    std::shared_ptr<const ShownDocument> get(Xapian::docid id) {
        Xapian::Database db(dir_.path().string());
        return cache_.get(db, {"g", db.get_revision()}, id, stem_);
    }

    test::TempDir dir_;
    Xapian::WritableDatabase writer_;
    CommitLog log_;
    DocumentCache cache_{&log_, 1 << 20};
    Xapian::Stem stem_ = make_french_stem();
};

TEST_F(DocumentCacheTest, KeepsADocumentUntilACommitWritesIt) {
    const auto first = get(1);
    EXPECT_EQ(first->text, "premier texte");
    EXPECT_EQ(first->data()["slug"], "a");
    EXPECT_EQ(get(1), first);
    EXPECT_EQ(cache_.reads(), 1u);
    // A logged commit that wrote only document b: a is still the one in memory.
    put("b", "second texte, modifié");
    writer_.commit();
    log_.record("g", writer_.get_revision(), {"Qb", "Zmodifi"});
    EXPECT_EQ(get(1), first);
    EXPECT_EQ(get(2)->text, "second texte, modifié");
    EXPECT_EQ(cache_.reads(), 2u);
    // One that wrote a: read again, its new text shown.
    put("a", "premier texte, réécrit");
    writer_.commit();
    log_.record("g", writer_.get_revision(), {"Qa", "Zreecr"});
    EXPECT_EQ(get(1)->text, "premier texte, réécrit");
    EXPECT_EQ(cache_.reads(), 3u);
    // A commit the log does not know: everything is read again.
    put("b", "troisième version");
    writer_.commit();
    EXPECT_EQ(get(1)->text, "premier texte, réécrit");
    EXPECT_EQ(get(2)->text, "troisième version");
    EXPECT_EQ(cache_.reads(), 5u);
}

TEST_F(DocumentCacheTest, ADocumentWhoseDataHasNoIdIsReadEachTime) {
    // Nothing would tell which commit wrote it: never kept.
    put("c", "sans identifiant", false);
    writer_.commit();
    EXPECT_EQ(get(3)->text, "sans identifiant");
    EXPECT_EQ(get(3)->text, "sans identifiant");
    EXPECT_EQ(cache_.reads(), 2u);
}

}  // namespace
}  // namespace kb
