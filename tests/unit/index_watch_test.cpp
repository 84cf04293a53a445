/// @brief IndexWatch and IndexReaders on a real Xapian index: the stamp holds while nothing
/// changes, and moves with every commit and rebuild, in this process or another.
#include "index_watch.hpp"
#include "index_readers.hpp"
#include "test_env.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kb {
namespace {

void add_and_commit(Xapian::WritableDatabase& db, const std::string& word) {
    Xapian::Document doc;
    doc.add_term(word);
    db.add_document(doc);
    db.commit();
}

Xapian::doccount count(Xapian::Database& db, const std::string& term) {
    return db.get_termfreq(term);
}

TEST(IndexWatch, TheStampHoldsUntilACommitOrARebuild) {
    test::TempDir dir;
    IndexLocation location(dir.path());
    Xapian::WritableDatabase writer = location.open_writable();
    add_and_commit(writer, "premier");

    IndexWatch watch(location);
    ASSERT_TRUE(watch.watching());
    const auto before = watch.stamp();
    EXPECT_EQ(watch.stamp(), before);
    EXPECT_EQ(watch.stamp(), before);

    add_and_commit(writer, "second");
    const auto committed = watch.stamp();
    EXPECT_NE(committed, before);
    EXPECT_EQ(watch.stamp(), committed);

    // A rebuild: a new generation published by swapping the link, then a commit to it.
    writer.close();
    const auto generation = location.new_generation();
    {
        Xapian::WritableDatabase rebuilt(generation.string(), Xapian::DB_CREATE_OR_OPEN);
        add_and_commit(rebuilt, "reconstruit");
    }
    location.publish(generation);
    const auto published = watch.stamp();
    EXPECT_NE(published, committed);
    EXPECT_EQ(watch.stamp(), published);
    EXPECT_TRUE(watch.watching());

    Xapian::WritableDatabase next = location.open_writable();
    add_and_commit(next, "apres");
    EXPECT_NE(watch.stamp(), published) << "the new generation's commits are watched too";
}

TEST(IndexWatch, BeforeAnyIndexEveryCallIsAChange) {
    test::TempDir dir;
    IndexLocation location(dir.path() / "pas-encore");
    IndexWatch watch(location);
    EXPECT_FALSE(watch.watching());
    const auto first = watch.stamp();
    EXPECT_NE(watch.stamp(), first);

    Xapian::WritableDatabase writer = location.open_writable();
    add_and_commit(writer, "premier");
    (void)watch.stamp();  // watches from here on
    EXPECT_TRUE(watch.watching());
    const auto settled = watch.stamp();
    EXPECT_EQ(watch.stamp(), settled);
}

TEST(IndexWatch, ReadersSeeAnotherWritersCommitAtOnce) {
    test::TempDir dir;
    IndexLocation location(dir.path());
    { Xapian::WritableDatabase writer = location.open_writable(); }
    IndexReaders readers(location);
    EXPECT_EQ(count(readers.lease().db(), "nouveau"), 0u);

    // A writer of its own (as kb-indexer's would be) adds a document while the readers are
    // idle; the notice is all that tells them.
    const auto live = location.current();
    ASSERT_TRUE(live.has_value());
    {
        Xapian::WritableDatabase writer(live->string(), Xapian::DB_OPEN);
        add_and_commit(writer, "nouveau");
    }
    EXPECT_EQ(count(readers.lease().db(), "nouveau"), 1u);
    // Nothing changed since: the same answer from a reader that was not reopened.
    EXPECT_EQ(count(readers.lease().db(), "nouveau"), 1u);
}

}  // namespace
}  // namespace kb
