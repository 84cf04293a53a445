/// @brief ResultCache with a CommitLog: an answer is carried over the commits that cannot change
/// it and dropped by one that can.
#include "commit_log.hpp"
#include "result_cache.hpp"
#include "search_engine.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace kb {
namespace {

std::shared_ptr<const SearchResponse> answer(std::size_t total) {
    auto r = std::make_shared<SearchResponse>();
    r->total = total;
    return r;
}

QueryWatch watching(std::vector<std::string> terms, std::vector<std::string> prefixes = {}) {
    QueryWatch watch;
    watch.terms = std::move(terms);
    watch.prefixes = std::move(prefixes);
    watch.finish();
    return watch;
}

TEST(CommitLog, ListsWhatTheCommitsBetweenTwoRevisionsWrote) {
    CommitLog log;
    log.record("g", 6, {"Q42", "Zlicenci"});
    log.record("g", 7, {"Q43", "Zlicenci", "Zmotif"});
    const std::vector<std::string> both{"Q42", "Q43", "Zlicenci", "Zmotif"};
    EXPECT_EQ(log.changed_between("g", 5, 7), both);
    EXPECT_EQ(log.changed_between("g", 6, 7),
              (std::vector<std::string>{"Q43", "Zlicenci", "Zmotif"}));
    EXPECT_EQ(log.changed_between("g", 7, 7), std::vector<std::string>{});
    EXPECT_FALSE(log.changed_between("g", 5, 8));  // revision 8 is not in the log
    EXPECT_FALSE(log.changed_between("h", 5, 7));  // another generation
    EXPECT_FALSE(log.changed_between("g", 7, 6));  // backwards
    log.record("g", 8, {}, true);
    EXPECT_FALSE(log.changed_between("g", 7, 8));  // a commit that changed everything
}

TEST(CommitLog, CarriesAnAnswerOverCommitsThatWroteNoneOfItsTerms) {
    CommitLog log;
    ResultCache cache(1 << 20, &log);
    cache.put("conges", {"g", 5}, answer(3), watching({"Zcong", "Zpay"}));
    cache.put("licenciement", {"g", 5}, answer(4), watching({"Zlicenci"}));
    log.record("g", 6, {"Q42", "Zlicenci", "Zmotif"});
    EXPECT_EQ(cache.get("licenciement", {"g", 6}), nullptr);  // the new post matches it
    ASSERT_NE(cache.get("conges", {"g", 6}), nullptr);        // it cannot match this one
    EXPECT_EQ(cache.get("conges", {"g", 6})->total, 3u);
    const auto stats = cache.stats();
    EXPECT_EQ(stats.dropped, 1u);
    EXPECT_EQ(stats.entries, 1u);
    EXPECT_GE(stats.carried, 1u);
    // Dropped for good: a later state does not bring it back.
    log.record("g", 7, {"Zautre"});
    EXPECT_EQ(cache.get("licenciement", {"g", 7}), nullptr);
    EXPECT_NE(cache.get("conges", {"g", 7}), nullptr);
}

TEST(CommitLog, AChangedRankedFirstPageIsGivenBackToBeRefreshed) {
    CommitLog log;
    ResultCache cache(1 << 20, &log);
    auto ranked = std::make_shared<SearchResponse>();
    ranked->total = 3;
    ranked->basis = std::make_shared<const RankBasis>();
    cache.put("ranked", {"g", 5}, ranked, watching({"Zlicenci"}));
    cache.put("plain", {"g", 5}, answer(4), watching({"Zlicenci"}));
    log.record("g", 6, {"Q42", "Zlicenci"});
    // Without a basis, or when the caller cannot refresh: dropped as before.
    ResultCache::Stale stale;
    EXPECT_EQ(cache.get("plain", {"g", 6}, &stale), nullptr);
    EXPECT_EQ(stale.response, nullptr);
    // With one: given back with what it watched and the state it held on, and kept.
    EXPECT_EQ(cache.get("ranked", {"g", 6}, &stale), nullptr);
    ASSERT_EQ(stale.response, ranked);
    EXPECT_EQ(stale.state.revision, 5u);
    EXPECT_EQ(stale.watch.terms, std::vector<std::string>{"Zlicenci"});
    EXPECT_EQ(cache.stats().entries, 1u);
    // The caller says what came of it: refreshed is a hit, else a miss.
    const auto before = cache.stats();
    cache.refreshed(true);
    cache.refreshed(false);
    const auto after = cache.stats();
    EXPECT_EQ(after.hits, before.hits + 1);
    EXPECT_EQ(after.misses, before.misses + 1);
    EXPECT_EQ(after.refreshed, 1u);
    // Put back on the new state, it is a plain hit there.
    cache.put("ranked", {"g", 6}, ranked, stale.watch);
    EXPECT_EQ(cache.get("ranked", {"g", 6}, &stale), ranked);
}

TEST(CommitLog, ACommitNotInTheLogOrAnotherGenerationIsAMiss) {
    CommitLog log;
    ResultCache cache(1 << 20, &log);
    cache.put("q", {"g", 1}, answer(1), watching({"Za"}));
    log.record("g", 3, {"Zb"});  // revision 2 came from elsewhere
    EXPECT_EQ(cache.get("q", {"g", 3}), nullptr);
    EXPECT_EQ(cache.get("q", {"h", 1}), nullptr);
    // A reader behind the entry misses but leaves it for up-to-date readers.
    cache.put("r", {"g", 3}, answer(2), watching({"Za"}));
    EXPECT_EQ(cache.get("r", {"g", 2}), nullptr);
    EXPECT_NE(cache.get("r", {"g", 3}), nullptr);
}

TEST(CommitLog, PrefixesAndVolatileAnswers) {
    CommitLog log;
    ResultCache cache(1 << 20, &log);
    cache.put("pairs", {"g", 1}, answer(1), watching({"Zsign"}, {"XBsign"}));
    QueryWatch corrected = watching({"Zcdiae"});
    corrected.any_change = true;  // a word the spelling dictionary did not know
    cache.put("typo", {"g", 1}, answer(1), corrected);
    cache.put("other", {"g", 1}, answer(1), watching({"Zsalair"}));
    log.record("g", 2, {"XBsignatur conven", "Zconven"});
    EXPECT_EQ(cache.get("pairs", {"g", 2}), nullptr);
    EXPECT_EQ(cache.get("typo", {"g", 2}), nullptr);
    EXPECT_NE(cache.get("other", {"g", 2}), nullptr);
}

TEST(CommitLog, ACommitThatChangedEverythingDropsEveryAnswer) {
    CommitLog log;
    ResultCache cache(1 << 20, &log);
    cache.put("q", {"g", 1}, answer(1), watching({"Za"}));
    log.record("g", 2, {}, true);  // tag synonyms rewritten, say
    EXPECT_EQ(cache.get("q", {"g", 2}), nullptr);
    EXPECT_EQ(cache.stats().dropped, 1u);
}

TEST(CommitLog, WatchListsTheTermsOfAQuery) {
    QueryWatch watch;
    const Xapian::Query terms[] = {Xapian::Query("Zb"), Xapian::Query("Za"), Xapian::Query("Zb")};
    watch.add_terms(Xapian::Query(Xapian::Query::OP_FILTER,
                                  Xapian::Query(Xapian::Query::OP_OR, terms, terms + 3),
                                  Xapian::Query("XKthread")));
    watch.finish();
    EXPECT_EQ(watch.terms, (std::vector<std::string>{"XKthread", "Za", "Zb"}));
    EXPECT_TRUE(watch.touched_by({"Q1", "XKthread"}));
    EXPECT_FALSE(watch.touched_by({"Q1", "XKarticle", "Zc"}));
}

}  // namespace
}  // namespace kb
