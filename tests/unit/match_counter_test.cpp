/// @brief MatchCounter on a real Xapian index: exact totals and facets for every operator the
/// engine builds, kept term sets carried over the commits that cannot change them.
#include "match_counter.hpp"
#include "commit_log.hpp"
#include "search_schema.hpp"
#include "test_env.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace kb {
namespace {

class MatchCounterTest : public ::testing::Test {
  protected:
    void SetUp() override {
        writer_ = Xapian::WritableDatabase(dir_.path().string(), Xapian::DB_CREATE_OR_OPEN);
        // 10 documents: all "Zcontrat"; the even ones "Ztravail"; the first three are threads,
        // the others fiches; document 4 has "Zrupture Zconventionnel" side by side.
        for (int i = 1; i <= 10; ++i) {
            std::vector<std::string> words = {"contrat"};
            if (i % 2 == 0) words.push_back("travail");
            if (i == 4) words.insert(words.end(), {"rupture", "conventionnel"});
            if (i == 5) words.insert(words.end(), {"conventionnel", "rupture"});
            add(words, i <= 3 ? "thread" : "fiche");
        }
        commit({});
    }

    Xapian::docid add(const std::vector<std::string>& words, const std::string& kind) {
        Xapian::Document doc;
        Xapian::termpos pos = 0;
        for (const auto& w : words) doc.add_posting("Z" + w, ++pos);
        doc.add_boolean_term(schema::kKindPrefix + kind);
        doc.add_boolean_term(schema::kSourcePrefix + std::string("local"));
        return writer_.add_document(doc);
    }

    // Commits, and tells the log which terms the commit wrote (empty: it is not in the log).
    void commit(std::vector<std::string> changed, bool logged = true) {
        writer_.commit();
        std::sort(changed.begin(), changed.end());
        if (logged && !changed.empty()) log_.record("g", writer_.get_revision(), changed);
    }

    MatchCounter::Counts count(const Xapian::Query& query, std::vector<std::string> sources = {},
                               const Xapian::Query& filter = Xapian::Query()) {
        Xapian::Database db(dir_.path().string());
        const IndexState state{"g", db.get_revision()};
        auto counts = counter_.count(db, state, query, sources, filter);
        EXPECT_TRUE(counts.has_value());
        return counts.value_or(MatchCounter::Counts{});
    }

    static std::size_t facet(const MatchCounter::Counts& c, const std::string& name,
                             const std::string& value) {
        for (const auto& v : c.facets.at(name))
            if (v.value == value) return v.count;
        return 0;
    }

    test::TempDir dir_;
    Xapian::WritableDatabase writer_;
    CommitLog log_;
    // Every set kept, however rare its term, so that the tests see the keeping.
    MatchCounter counter_{&log_, 1 << 20, 1};
};

TEST_F(MatchCounterTest, CountsEveryOperatorTheEngineBuilds) {
    using Q = Xapian::Query;
    const Q contrat("Zcontrat"), travail("Ztravail"), rupture("Zrupture");
    EXPECT_EQ(count(Q(Q::OP_OR, travail, rupture)).total, 6u);  // 2 4 6 8 10 + 5
    EXPECT_EQ(count(Q(Q::OP_AND, contrat, travail)).total, 5u);
    EXPECT_EQ(count(Q(Q::OP_AND_NOT, contrat, travail)).total, 5u);
    EXPECT_EQ(count(Q(Q::OP_AND_MAYBE, travail, rupture)).total, 5u);
    EXPECT_EQ(count(Q(Q::OP_SCALE_WEIGHT, rupture, 0.3)).total, 2u);
    // A phrase needs positions: "rupture conventionnel" in this order only in document 4.
    const std::vector<Q> words = {rupture, Q("Zconventionnel")};
    EXPECT_EQ(count(Q(Q::OP_PHRASE, words.begin(), words.end(), 2)).total, 1u);
    // Filters, posting-source terms within the filter, facets from the filter terms.
    const Q threads(schema::kKindPrefix + "thread");
    const auto filtered = count(Q(Q::OP_FILTER, travail, threads), {"Zrupture"}, threads);
    EXPECT_EQ(filtered.total, 1u);  // document 2 (4 and 5, with rupture, are fiches)
    const auto all = count(Q(Q::OP_OR, travail, Q(Q::OP_SCALE_WEIGHT, rupture, 0.3)), {});
    EXPECT_EQ(facet(all, "kind", "fiche"), 5u);   // 4 5 6 8 10
    EXPECT_EQ(facet(all, "kind", "thread"), 1u);  // 2
    EXPECT_EQ(facet(all, "source", "local"), 6u);
    EXPECT_TRUE(all.facets.at("tag").empty());
    EXPECT_EQ(all.facets.at("kind").front().value, "fiche");  // by count
    EXPECT_EQ(count(Q(Q::OP_FILTER, Q::MatchAll, threads)).total, 3u);
}

TEST_F(MatchCounterTest, APhraseOfWordsTogetherInManyDocumentsIsLeftToTheMatcher) {
    for (std::size_t i = 0; i <= MatchCounter::kMaxPhraseCandidates; ++i)
        add({"grand", "cru"}, "fiche");
    commit({"Zgrand", "Zcru"});
    Xapian::Database db(dir_.path().string());
    using Q = Xapian::Query;
    const std::vector<Q> words = {Q("Zgrand"), Q("Zcru")};
    const Q phrase(Q::OP_PHRASE, words.begin(), words.end(), 2);
    const IndexState state{"g", db.get_revision()};
    EXPECT_FALSE(counter_.count(db, state, phrase, {}, Q()).has_value());
    // One candidate fewer (the limit itself): counted here.
    writer_.delete_document(db.get_lastdocid());
    commit({"Zgrand", "Zcru"});
    Xapian::Database after(dir_.path().string());
    const auto counts = counter_.count(after, {"g", after.get_revision()}, phrase, {}, Q());
    ASSERT_TRUE(counts.has_value());
    EXPECT_EQ(counts->total, MatchCounter::kMaxPhraseCandidates);
}

TEST_F(MatchCounterTest, AnOperatorItCannotCountIsLeftToTheMatcher) {
    Xapian::Database db(dir_.path().string());
    const Xapian::Query range(Xapian::Query::OP_VALUE_RANGE, 0, "a", "z");
    EXPECT_FALSE(counter_
                     .count(db, {"g", db.get_revision()},
                            Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("Zcontrat"), range),
                            {}, Xapian::Query())
                     .has_value());
}

TEST_F(MatchCounterTest, AKeptSetServesUntilACommitWritesItsTerm) {
    const Xapian::Query travail("Ztravail");
    EXPECT_EQ(count(travail).total, 5u);
    const std::size_t reads = counter_.sets_read();
    // A commit that wrote a document without "travail": the kept set still holds; only the
    // sets of the facet values it wrote (fiche, local) are read again.
    add({"conge"}, "fiche");
    commit({"Zconge", "XKfiche", "XFlocal"});
    EXPECT_EQ(count(travail).total, 5u);
    EXPECT_EQ(counter_.sets_read(), reads + 2);
    // One with it: read again, the new document counted.
    add({"travail"}, "thread");
    commit({"Ztravail", "XKthread", "XFlocal"});
    const auto after = count(travail);
    EXPECT_EQ(after.total, 6u);
    EXPECT_EQ(facet(after, "kind", "thread"), 2u);
    EXPECT_GT(counter_.sets_read(), reads);
    // A commit the log has not heard of (another process's) may have written anything.
    const std::size_t before_unknown = counter_.sets_read();
    add({"travail"}, "fiche");
    commit({"Ztravail"}, false);
    EXPECT_EQ(count(travail).total, 7u);
    EXPECT_GT(counter_.sets_read(), before_unknown);
}

TEST_F(MatchCounterTest, AKeptSetIsPatchedWithTheDocumentsALoggedCommitWrote) {
    const Xapian::Query travail("Ztravail");
    EXPECT_EQ(count(travail).total, 5u);
    const std::size_t reads = counter_.sets_read();
    // Document 2 loses "travail", a new one has it: the log names both by their id terms.
    Xapian::Document rewritten;
    rewritten.add_posting("Zcontrat", 1);
    rewritten.add_boolean_term("Q2");
    rewritten.add_boolean_term(schema::kKindPrefix + std::string("thread"));
    writer_.replace_document(2, rewritten);
    Xapian::Document added;
    added.add_posting("Ztravail", 1);
    added.add_boolean_term("Q11");
    writer_.replace_document(11, added);
    commit({"Q11", "Q2", "XFlocal", "Ztravail", "Zcontrat"});
    const auto after = count(travail);
    EXPECT_EQ(after.total, 5u);  // 4 6 8 10 11
    EXPECT_EQ(facet(after, "kind", "fiche"), 4u);
    EXPECT_EQ(counter_.sets_read(), reads);  // patched, not read again
    EXPECT_GE(counter_.sets_patched(), 1u);
    EXPECT_EQ(count(Xapian::Query(Xapian::Query::OP_AND, travail, Xapian::Query("Zcontrat"))).total,
              4u);
}

TEST_F(MatchCounterTest, AfterABatchOfCommitsAKeptSetIsReadAgainNotPatched) {
    const Xapian::Query travail("Ztravail");
    EXPECT_EQ(count(travail).total, 5u);
    const std::size_t reads = counter_.sets_read();
    const std::size_t patches = counter_.sets_patched();
    // An import: more commits than patching is worth (each would add its documents' terms).
    for (Xapian::docid id = 11; id <= 11 + DocumentChanges::kMaxCommits; ++id) {
        Xapian::Document added;
        added.add_posting("Ztravail", 1);
        added.add_boolean_term("Q" + std::to_string(id));
        writer_.replace_document(id, added);
        commit({"Q" + std::to_string(id), "Ztravail"});
    }
    EXPECT_EQ(count(travail).total, 5u + DocumentChanges::kMaxCommits + 1);
    EXPECT_EQ(counter_.sets_patched(), patches);
    EXPECT_GT(counter_.sets_read(), reads);
}

TEST_F(MatchCounterTest, CountsTheSameWithSetsMadeFromAPostingStore) {
    using Q = Xapian::Query;
    // Terms in fewer than one document in 32 take their sets from the store: add documents so
    // that "rupture" (2 of 110) is one of them and "contrat" (110 of 110) is not.
    for (int i = 0; i < 100; ++i) add({"contrat"}, "fiche");
    commit({});
    PostingStore store(&log_, 1 << 20, 1);
    MatchCounter shared(&log_, 1 << 20, 1, &store);
    Xapian::Database db(dir_.path().string());
    const IndexState state{"g", db.get_revision()};
    const std::vector<Q> queries = {Q("Zcontrat"), Q("Zrupture"),
                                    Q(Q::OP_OR, Q("Zrupture"), Q("Ztravail")),
                                    Q(Q::OP_AND, Q("Zcontrat"), Q("Zconventionnel"))};
    for (const auto& q : queries) {
        const auto a = shared.count(db, state, q, {}, Q());
        const auto b = counter_.count(db, state, q, {}, Q());
        ASSERT_TRUE(a && b);
        EXPECT_EQ(a->total, b->total) << q.get_description();
        EXPECT_EQ(facet(*a, "kind", "fiche"), facet(*b, "kind", "fiche")) << q.get_description();
    }
    // "rupture" is counted from the store's list, without a bitmap of its own.
    const std::size_t bitmaps = shared.sets_read();
    const std::size_t lists = store.reads();
    EXPECT_EQ(shared.count(db, state, Q("Zrupture"), {}, Q())->total, 2u);
    EXPECT_EQ(shared.sets_read(), bitmaps);
    EXPECT_EQ(store.reads(), lists);  // and the list was kept
}

TEST_F(MatchCounterTest, ADeletedDocumentLeavesTheCounts) {
    const Xapian::Query contrat("Zcontrat");
    EXPECT_EQ(count(contrat).total, 10u);
    writer_.delete_document(3);
    commit({"Zcontrat", "XKthread", "XFlocal"});
    const auto after = count(contrat);
    EXPECT_EQ(after.total, 9u);
    EXPECT_EQ(facet(after, "kind", "thread"), 2u);
}

TEST_F(MatchCounterTest, ASmallBudgetDropsTheCheapestSetsAndCountsStayRight) {
    using Q = Xapian::Query;
    Xapian::Database db(dir_.path().string());
    const IndexState state{"g", db.get_revision()};
    // Room for three one-word sets: every query below makes the counter drop some.
    MatchCounter tiny(&log_, 3 * sizeof(std::uint64_t), 1);
    const std::vector<Q> queries = {Q("Zcontrat"), Q("Ztravail"), Q("Zrupture"),
                                    Q(Q::OP_OR, Q("Zrupture"), Q("Ztravail")),
                                    Q(Q::OP_AND, Q("Zcontrat"), Q("Zconventionnel"))};
    for (int round = 0; round < 3; ++round) {
        for (const auto& q : queries) {
            const auto small = tiny.count(db, state, q, {}, Q());
            const auto big = counter_.count(db, state, q, {}, Q());
            ASSERT_TRUE(small && big);
            EXPECT_EQ(small->total, big->total) << q.get_description();
            EXPECT_EQ(facet(*small, "kind", "fiche"), facet(*big, "kind", "fiche"));
        }
    }
}

TEST_F(MatchCounterTest, SearchesOnSeveralRevisionsAtOnceShareItSafely) {
    // Readers on different revisions replace the shared facet list and sets while others read
    // them (a use after free here crashed the service under forum traffic).
    std::vector<std::pair<Xapian::Database, IndexState>> readers;
    for (int r = 0; r < 4; ++r) {
        add({"travail"}, "fiche");
        commit({"Ztravail", "XKfiche", "XFlocal"});
        Xapian::Database db(dir_.path().string());
        readers.emplace_back(db, IndexState{"g", db.get_revision()});
    }
    std::vector<std::thread> threads;
    std::atomic<int> wrong{0};
    for (std::size_t t = 0; t < readers.size(); ++t) {
        threads.emplace_back([&, t] {
            Xapian::Database db(readers[t].first);  // one handle per thread
            for (int i = 0; i < 300; ++i) {
                const auto c = counter_.count(db, readers[t].second, Xapian::Query("Ztravail"), {},
                                              Xapian::Query());
                if (!c || c->total != 6 + t) ++wrong;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace kb
