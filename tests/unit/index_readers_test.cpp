/// @brief IndexReaders::read on a real Xapian index: a read that a writer's commits overtook is
/// run again on a reader of the newest commit, and gives up after kReadAttempts.
#include "index_readers.hpp"
#include "test_env.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kb {
namespace {

class IndexReadersTest : public ::testing::Test {
  protected:
    void SetUp() override {
        writer_ = location_.open_writable();
        add(2000, "ancien");
    }

    // Enough documents that a commit rewrites the blocks the previous revisions used.
    void add(int count, const std::string& word) {
        for (int i = 0; i < count; ++i) {
            Xapian::Document doc;
            doc.add_term("commun");
            doc.add_term(word);
            doc.set_data(std::string(200, 'x'));
            writer_.add_document(doc);
        }
        writer_.commit();
    }

    static Xapian::doccount count(Xapian::Database& db, const std::string& term) {
        Xapian::doccount n = 0;
        for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) ++n;
        return n;
    }

    test::TempDir dir_;
    IndexLocation location_{dir_.path()};
    Xapian::WritableDatabase writer_;
    IndexReaders readers_{location_};
};

TEST_F(IndexReadersTest, AReadOvertakenByTwoCommitsIsRunAgainOnTheNewestOne) {
    int runs = 0;
    const Xapian::doccount seen = readers_.read([&](IndexReaders::Lease& lease) {
        ++runs;
        if (runs == 1) {
            // The writer commits twice while this reader is on the revision before: its blocks
            // may be reused, and reading them now throws.
            add(50, "nouveau");
            add(50, "nouveau");
        }
        return count(lease.db(), "commun");
    });
    EXPECT_EQ(runs, 2);
    EXPECT_EQ(seen, 2100u);               // the second run reads the newest commit
    EXPECT_EQ(readers_.overtaken(), 1u);  // what /metrics reports
}

TEST_F(IndexReadersTest, AReadOvertakenEveryTimeGivesUpAfterTheLastAttempt) {
    int runs = 0;
    EXPECT_THROW(readers_.read([&](IndexReaders::Lease& lease) {
        ++runs;
        add(50, "nouveau");
        add(50, "nouveau");
        return count(lease.db(), "commun");
    }),
                 Xapian::DatabaseModifiedError);
    EXPECT_EQ(runs, IndexReaders::kReadAttempts);
    EXPECT_EQ(readers_.overtaken(), static_cast<std::uint64_t>(IndexReaders::kReadAttempts));
}

TEST_F(IndexReadersTest, AReadNothingOvertookRunsOnce) {
    int runs = 0;
    EXPECT_EQ(readers_.read([&](IndexReaders::Lease& lease) {
        ++runs;
        return count(lease.db(), "ancien");
    }),
              2000u);
    EXPECT_EQ(runs, 1);
    EXPECT_EQ(readers_.overtaken(), 0u);
}

}  // namespace
}  // namespace kb
