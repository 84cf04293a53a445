/// @brief Ranker on a real Xapian index: the same pages, weights and percentages as Xapian's
/// matcher with the same BM25 parameters, for every operator the engine builds, across commits.
#include "ranker.hpp"
#include "commit_log.hpp"
#include "match_counter.hpp"
#include "search_schema.hpp"
#include "test_env.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace kb {
namespace {

using Q = Xapian::Query;

Q combine(Q::op op, const std::vector<Q>& children, Xapian::termcount window = 0) {
    return Q(op, children.begin(), children.end(), window);
}

class RankerTest : public ::testing::Test {
  protected:
    void SetUp() override {
        writer_ = Xapian::WritableDatabase(dir_.path().string(), Xapian::DB_CREATE_OR_OPEN);
        // 40 documents of different lengths and word counts, so that weights differ and some
        // tie: "contrat" everywhere (a term in more than half the documents), "travail" in one in
        // two, "rupture conventionnel" side by side in one in five and reversed in one in seven,
        // "aide" repeated in one in three; a title term in one in four.
        for (int i = 1; i <= 40; ++i) {
            std::vector<std::string> words = {"contrat"};
            for (int k = 0; k < i % 6; ++k) words.push_back("mot");
            if (i % 2 == 0) words.push_back("travail");
            if (i % 5 == 0) words.insert(words.end(), {"rupture", "conventionnel"});
            if (i % 7 == 0) words.insert(words.end(), {"conventionnel", "rupture"});
            if (i % 3 == 0) words.insert(words.end(), {"aide", "poste", "aide"});
            add(words, i % 4 == 0, i <= 10 ? "thread" : "fiche");
        }
        writer_.commit();
    }

    Xapian::docid add(const std::vector<std::string>& words, bool titled, const std::string& kind) {
        Xapian::Document doc;
        Xapian::termpos pos = 0;
        for (const auto& w : words) doc.add_posting("Z" + w, ++pos);
        if (titled) doc.add_term("ZStravail");
        doc.add_boolean_term(schema::kKindPrefix + kind);
        const Xapian::docid id = writer_.get_lastdocid() + 1;
        doc.add_boolean_term(schema::kIdPrefix + std::to_string(id));
        writer_.replace_document(id, doc);
        return id;
    }

    struct Page {
        std::vector<Xapian::docid> ids;
        std::vector<double> weights;
        std::vector<int> percents;
    };

    // What Xapian's matcher ranks for the same parts, sources and filter.
    Page xapian(const std::vector<RankPart>& parts, const std::vector<WeightedTerm>& sources,
                const Q& filter, std::size_t offset, std::size_t count) {
        Xapian::Database db(dir_.path().string());
        std::vector<Q> alternatives;
        for (const auto& p : parts) alternatives.emplace_back(Q::OP_SCALE_WEIGHT, p.query, p.scale);
        for (const auto& s : sources) {
            // A fixed weight on every document with the term, as the engine's source gives
            // (the page holds every match: the source is never asked for more than it gives).
            alternatives.emplace_back(
                Q::OP_FILTER, Q((new Xapian::FixedWeightPostingSource(s.weight))->release()),
                Q(s.term));
        }
        Q query(Q::OP_OR, alternatives.begin(), alternatives.end());
        if (!filter.empty()) query = Q(Q::OP_FILTER, query, filter);
        Xapian::Enquire enquire(db);
        enquire.set_weighting_scheme(Xapian::BM25Weight(params_.k1, 0, 1, params_.b, 0.5));
        enquire.set_query(query);
        const Xapian::MSet mset =
            enquire.get_mset(static_cast<Xapian::doccount>(offset),
                             static_cast<Xapian::doccount>(count), db.get_doccount());
        Page out;
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            out.ids.push_back(*it);
            out.weights.push_back(it.get_weight());
            out.percents.push_back(it.get_percent());
        }
        return out;
    }

    Page ours(const std::vector<RankPart>& parts, const std::vector<WeightedTerm>& sources,
              const Q& filter, std::size_t offset, std::size_t count) {
        Xapian::Database db(dir_.path().string());
        const IndexState state{"g", db.get_revision()};
        return page_of(ranker_.rank(db, state, counter_, parts, sources, filter, offset, count));
    }

    // The first `count` documents at the revision now, and the window they leave.
    Page windowed(const std::vector<RankPart>& parts, const std::vector<WeightedTerm>& sources,
                  const Q& filter, std::size_t count, RankWindow& window) {
        Xapian::Database db(dir_.path().string());
        const IndexState state{"g", db.get_revision()};
        return page_of(
            ranker_.rank(db, state, counter_, parts, sources, filter, 0, count, &window));
    }

    // The same from `before`, left at an earlier revision, and the id terms written since.
    std::optional<Page> reranked(const std::vector<RankPart>& parts,
                                 const std::vector<WeightedTerm>& sources, const Q& filter,
                                 std::size_t count, const RankWindow& before,
                                 const std::vector<std::string>& written,
                                 RankWindow* window = nullptr) {
        Xapian::Database db(dir_.path().string());
        const IndexState state{"g", db.get_revision()};
        auto hits = ranker_.rerank(db, state, counter_, parts, sources, filter, count, before,
                                   written, window);
        if (!hits) return std::nullopt;
        return page_of(hits);
    }

    static Page page_of(const std::optional<std::vector<RankedHit>>& hits) {
        EXPECT_TRUE(hits.has_value());
        Page out;
        for (const auto& h : hits.value_or(std::vector<RankedHit>{})) {
            out.ids.push_back(h.id);
            out.weights.push_back(h.weight);
            out.percents.push_back(h.percent);
        }
        return out;
    }

    // Exactly what ranking again gives: the same documents, bit for bit the same weights.
    void expect_identical(const Page& got, const Page& expected) {
        EXPECT_EQ(got.ids, expected.ids);
        EXPECT_EQ(got.weights, expected.weights);
        EXPECT_EQ(got.percents, expected.percents);
    }

    // The smallest window of 3 documents or more whose last weighs `ratio` times the best
    // document after it; 0 when there is none.
    static std::size_t clear_cut(const Page& all, double ratio) {
        for (std::size_t k = 3; k < all.weights.size(); ++k)
            if (all.weights[k - 1] > ratio * all.weights[k]) return k;
        return 0;
    }

    static std::string id_term(Xapian::docid id) { return schema::kIdPrefix + std::to_string(id); }

    void expect_same(const std::vector<RankPart>& parts,
                     const std::vector<WeightedTerm>& sources = {}, const Q& filter = Q(),
                     std::size_t offset = 0, std::size_t count = 100) {
        const Page expected = xapian(parts, sources, filter, offset, count);
        const Page got = ours(parts, sources, filter, offset, count);
        ASSERT_FALSE(expected.ids.empty());
        EXPECT_EQ(got.ids, expected.ids);
        ASSERT_EQ(got.weights.size(), expected.weights.size());
        for (std::size_t i = 0; i < got.weights.size(); ++i)
            EXPECT_NEAR(got.weights[i], expected.weights[i], 1e-9) << i;
        EXPECT_EQ(got.percents, expected.percents);
    }

    test::TempDir dir_;
    Xapian::WritableDatabase writer_;
    CommitLog log_;
    MatchCounter counter_{&log_, 1 << 20, 1};
    Ranker::Params params_{4.0, 0.4, 0.5};
    // Every list kept, however rare its term, so that the tests see the keeping.
    PostingStore store_{&log_, 1 << 20, 1};
    Ranker ranker_{&log_, store_, params_};
};

TEST_F(RankerTest, WeighsEveryOperatorTheEngineBuildsAsXapianDoes) {
    const Q contrat("Zcontrat"), travail("Ztravail"), aide("Zaide"), poste("Zposte");
    const Q rupture("Zrupture"), conventionnel("Zconventionnel");
    expect_same({{Q(Q::OP_OR, travail, aide), 1.0}});
    expect_same({{combine(Q::OP_OR, {contrat, travail, aide}), 1.0}});
    expect_same({{Q(Q::OP_AND, travail, aide), 1.0}});
    expect_same({{Q(Q::OP_AND_MAYBE, travail, aide), 1.0}});
    expect_same({{Q(Q::OP_AND_NOT, contrat, travail), 1.0}});
    expect_same({{Q(Q::OP_FILTER, aide, travail), 1.0}});
    const Q phrase = combine(Q::OP_PHRASE, {rupture, conventionnel}, 2);
    expect_same({{Q(Q::OP_OR, phrase, aide), 1.0}});
    // Terms no document has count for nothing, also in the percentages.
    const Q absent("Zabsent");
    expect_same({{combine(Q::OP_OR, {travail, absent, aide}), 1.0}});
    expect_same({{Q(Q::OP_OR, travail, aide), 1.0}, {Q(Q::OP_AND, absent, aide), 0.2}});
    expect_same({{Q(Q::OP_OR, travail, Q(Q::OP_AND_MAYBE, aide, absent)), 1.0}});
    // Parts scaled as the engine scales synonyms, titles and pairs.
    expect_same({{Q(Q::OP_OR, travail, aide), 1.0},
                 {Q(Q::OP_AND, Q("ZStravail"), travail), 0.2},
                 {Q(Q::OP_OR, poste, rupture), 0.3}});
}

TEST_F(RankerTest, AddsSourcesAndKeepsToTheFilter) {
    const Q travail("Ztravail"), aide("Zaide");
    const std::vector<WeightedTerm> sources{{"ZStravail", 2.5}, {"Zrupture", 0.7}};
    expect_same({{Q(Q::OP_OR, travail, aide), 1.0}}, sources);
    expect_same({{Q(Q::OP_OR, travail, aide), 1.0}}, sources,
                Q(schema::kKindPrefix + std::string("fiche")));
}

TEST_F(RankerTest, PagesContinueEachOtherInWeightThenDocumentOrder) {
    const std::vector<RankPart> parts{{Q(Q::OP_OR, Q("Zcontrat"), Q("Ztravail")), 1.0}};
    // Many documents tie: page 2 starts where page 1 ends, as Xapian's does.
    expect_same(parts, {}, Q(), 0, 7);
    expect_same(parts, {}, Q(), 7, 7);
    const Page first = ours(parts, {}, Q(), 0, 7);
    const Page second = ours(parts, {}, Q(), 7, 7);
    const Page both = ours(parts, {}, Q(), 0, 14);
    std::vector<Xapian::docid> joined = first.ids;
    joined.insert(joined.end(), second.ids.begin(), second.ids.end());
    EXPECT_EQ(joined, both.ids);
}

TEST_F(RankerTest, FollowsCommitsItsKeptPostingsDoNotKnow) {
    const std::vector<RankPart> parts{{Q(Q::OP_OR, Q("Zaide"), Q("Ztravail")), 1.0}};
    expect_same(parts);
    // Not in the commit log: the kept postings, lengths and statistics are read again.
    add({"aide", "aide", "aide", "aide", "travail"}, true, "fiche");
    writer_.delete_document(3);
    writer_.replace_document(6, [] {
        Xapian::Document d;
        d.add_posting("Zaide", 1);
        return d;
    }());
    writer_.commit();
    expect_same(parts);
    const Page now = ours(parts, {}, Q(), 0, 100);
    EXPECT_EQ(std::count(now.ids.begin(), now.ids.end(), 3u), 0);
    EXPECT_EQ(now.ids.front(), 41u);  // the new document, four times "aide" in five words
}

TEST_F(RankerTest, PatchesTheLengthsOfTheDocumentsALoggedCommitWrote) {
    const std::vector<RankPart> parts{{Q(Q::OP_OR, Q("Zaide"), Q("Ztravail")), 1.0}};
    expect_same(parts);
    EXPECT_EQ(ranker_.lengths_read(), 1u);
    // Document 6 gets much longer, 9 is deleted, 41 is new: the commit log says so (their id
    // terms and the terms whose postings changed), so only their lengths are read.
    Xapian::Document longer = writer_.get_document(6);
    for (Xapian::termpos p = 20; p < 60; ++p) longer.add_posting("Zmot", p);
    writer_.replace_document(6, longer);
    writer_.delete_document(9);
    add({"aide", "travail"}, false, "fiche");
    writer_.commit();
    std::vector<std::string> changed{"Q6",     "Zmot", "Q9",  "Zcontrat", "Zaide",
                                     "Zposte", "Zmot", "Q41", "Ztravail"};
    std::sort(changed.begin(), changed.end());
    log_.record("g", writer_.get_revision(), changed);
    // Every weight as Xapian's: document 6's new length, the new average, the new document.
    expect_same(parts);
    EXPECT_EQ(ranker_.lengths_read(), 1u);
    // A commit the log does not know: every length is read again.
    writer_.delete_document(12);
    writer_.commit();
    expect_same(parts);
    EXPECT_EQ(ranker_.lengths_read(), 2u);
}

TEST_F(RankerTest, PatchesKeptPostingsWithTheDocumentsALoggedCommitWrote) {
    const std::vector<RankPart> parts{{Q(Q::OP_OR, Q("Zaide"), Q("Ztravail")), 1.0}};
    expect_same(parts);
    const std::size_t read = store_.reads();
    // Document 6 loses "travail" and gets "aide" four times, 41 is new: an answer to a thread
    // and a new thread, as the outbox writer commits them and logs what they wrote.
    Xapian::Document rewritten;
    for (Xapian::termpos p = 1; p <= 4; ++p) rewritten.add_posting("Zaide", p);
    rewritten.add_boolean_term("Q6");
    writer_.replace_document(6, rewritten);
    add({"travail", "travail", "aide"}, false, "thread");
    writer_.commit();
    log_.record("g", writer_.get_revision(),
                {"Q41", "Q6", "XKfiche", "XKthread", "Zaide", "Zcontrat", "Zposte", "Ztravail"});
    expect_same(parts);
    EXPECT_EQ(store_.reads(), read);  // nothing read again: both lists patched
    EXPECT_GE(store_.patches(), 2u);
    const Page now = ours(parts, {}, Q(), 0, 100);
    EXPECT_NE(std::find(now.ids.begin(), now.ids.end(), 41u), now.ids.end());
}

TEST_F(RankerTest, RanksAgainFromItsWindowWhatRankingTheWholeIndexGives) {
    const std::vector<RankPart> parts{{Q(Q::OP_OR, Q("Zaide"), Q("Ztravail")), 1.0}};
    const std::vector<WeightedTerm> sources{{"ZStravail", 2.5}};
    // A window whose last weighs a tenth more than the best document left out.
    const std::size_t count = clear_cut(ours(parts, sources, Q(), 0, 100), 1.1);
    ASSERT_GT(count, 0u);
    RankWindow window;
    windowed(parts, sources, Q(), count, window);
    ASSERT_EQ(window.ids.size(), count);
    EXPECT_TRUE(window.more);
    // A document that says both words once among others ranks below the window; one that says
    // "aide" four times in five words, with the title term, ranks into it. Both move every
    // document's statistics.
    const Xapian::docid low = add({"mot", "mot", "aide", "mot", "travail", "mot"}, false, "fiche");
    const Xapian::docid high = add({"aide", "aide", "aide", "aide", "travail"}, true, "thread");
    writer_.commit();
    RankWindow next;
    const auto again =
        reranked(parts, sources, Q(), count, window, {id_term(low), id_term(high)}, &next);
    ASSERT_TRUE(again.has_value()) << "the window should have been enough";
    expect_identical(*again, ours(parts, sources, Q(), 0, count));
    expect_same(parts, sources, Q(), 0, count);
    EXPECT_NE(std::find(again->ids.begin(), again->ids.end(), high), again->ids.end());
    EXPECT_EQ(std::count(again->ids.begin(), again->ids.end(), low), 0);

    // From that window on: a document of the window loses both words, another is deleted. The
    // window is one short, and the documents left out could fill it: only ranking again tells.
    const Xapian::docid emptied = next.ids[2];
    writer_.replace_document(emptied, [&] {
        Xapian::Document d;
        d.add_posting("Zmot", 1);
        d.add_boolean_term(id_term(emptied));
        return d;
    }());
    writer_.delete_document(low);
    writer_.commit();
    EXPECT_FALSE(reranked(parts, sources, Q(), count, next, {id_term(emptied), id_term(low)}));
}

TEST_F(RankerTest, RanksAgainFromAWindowEndingInATieThatHoldsForGood) {
    const std::vector<RankPart> parts{{Q(Q::OP_OR, Q("Zcontrat"), Q("Ztravail")), 1.0}};
    // Many documents tie: a window whose last ties with the best document left out. Here they
    // tie for having the same words and the same length (ties that can part:
    // TellsTiesThatHoldForGoodFromTiesThatCanPart).
    const Page all = ours(parts, {}, Q(), 0, 100);
    std::size_t tied = 0;
    for (std::size_t k = 1; k < all.weights.size() && tied == 0; ++k)
        if (all.weights[k] == all.weights[k - 1]) tied = k;
    ASSERT_GT(tied, 0u);
    RankWindow window, whole;
    windowed(parts, {}, Q(), tied, window);
    EXPECT_TRUE(window.left_alike);
    // Every match: nothing is left out.
    windowed(parts, {}, Q(), 100, whole);
    EXPECT_FALSE(whole.more);
    // A document that ranks below both moves the statistics: the one tied with the window's
    // last still ties with it, and every other one left out stays below.
    const Xapian::docid added = add({"mot", "mot", "contrat", "mot", "mot", "mot"}, false, "fiche");
    writer_.commit();
    ASSERT_EQ(
        std::count(all.ids.begin(), all.ids.begin() + static_cast<std::ptrdiff_t>(tied), added), 0);
    const auto again = reranked(parts, {}, Q(), tied, window, {id_term(added)});
    ASSERT_TRUE(again.has_value());
    expect_identical(*again, ours(parts, {}, Q(), 0, tied));
    const auto every = reranked(parts, {}, Q(), 100, whole, {id_term(added)});
    ASSERT_TRUE(every.has_value());
    expect_identical(*every, ours(parts, {}, Q(), 0, 100));
    EXPECT_NE(std::find(every->ids.begin(), every->ids.end(), added), every->ids.end());
}

TEST_F(RankerTest, BoundsHowFarWeightsMoveApartOverCommitsThatWroteNoneOfTheTerms) {
    // Eight documents that weigh apart on "sel" and "poivre" (the others tie in many places).
    for (std::size_t i = 1; i <= 8; ++i) {
        std::vector<std::string> words(i, "sel");
        words.insert(words.end(), (9 - i) % 4, "poivre");
        words.insert(words.end(), i % 3, "mot");
        add(words, i % 2 == 0, "fiche");
    }
    writer_.commit();
    struct Search {
        std::vector<RankPart> parts;
        std::vector<WeightedTerm> sources;
        RankWindow window;  // every match, ranked before the commits
    };
    std::vector<Search> searches{
        {{{Q(Q::OP_OR, Q("Zsel"), Q("Zpoivre")), 1.0}}, {{"ZStravail", 0.5}}, {}},
        {{{Q(Q::OP_OR, Q("Zsel"), Q("Zaide")), 1.0}, {Q("Ztravail"), 0.5}}, {}, {}},
        {{{Q(Q::OP_OR, Q("Zcontrat"), Q("Zaide")), 1.0}}, {}, {}},
    };
    Xapian::Database db(dir_.path().string());
    for (Search& search : searches) {
        windowed(search.parts, search.sources, Q(), 100, search.window);
        ASSERT_EQ(search.window.weights.size(), search.window.ids.size());
        EXPECT_EQ(weight_spread(search.window, db), 1.0) << "nothing moved";
    }
    // Documents with none of the searches' words, shorter then longer than the others: the
    // collection's size and average length move, the terms' frequencies do not. Every pair of
    // documents further apart than the spread keeps its order; some nearer pairs swap.
    std::size_t apart = 0;
    std::size_t near = 0;
    std::size_t swapped = 0;
    for (const std::size_t length : {1u, 1u, 12u, 30u, 30u, 30u}) {
        add(std::vector<std::string>(length, "mot"), false, "fiche");
        writer_.commit();
        db = Xapian::Database(dir_.path().string());
        for (const Search& search : searches) {
            const std::optional<double> spread = weight_spread(search.window, db);
            ASSERT_TRUE(spread.has_value());
            EXPECT_GT(*spread, 1.0);
            const Page now = ours(search.parts, search.sources, Q(), 0, 100);
            std::map<Xapian::docid, double> weight_now;
            for (std::size_t i = 0; i < now.ids.size(); ++i)
                weight_now[now.ids[i]] = now.weights[i];
            const RankWindow& then = search.window;
            for (std::size_t i = 0; i < then.ids.size(); ++i) {
                for (std::size_t j = i + 1; j < then.ids.size(); ++j) {
                    const bool kept_order = weight_now[then.ids[i]] > weight_now[then.ids[j]];
                    if (then.weights[i] > then.weights[j] * *spread) {
                        ++apart;
                        EXPECT_TRUE(kept_order) << "documents said to stay apart swapped";
                    } else {
                        ++near;
                        if (!kept_order && then.weights[i] > then.weights[j]) ++swapped;
                    }
                }
            }
        }
    }
    EXPECT_GT(apart, 0u);
    EXPECT_GT(near, 0u);
    EXPECT_GT(swapped, 0u) << "no pair swapped: the test tells nothing";
}

TEST_F(RankerTest, TellsWhichTiesHoldAsTheStatisticsMove) {
    // On "sel" and "poivre" only: C alone first; A and A' the same words (alike); B and B'
    // "sel" once, in two words and in one, both shorter than BM25's floor on the length part:
    // they tie while they both are, and part once the average length falls.
    const Xapian::docid c = add({"sel", "sel", "poivre"}, false, "fiche");
    const Xapian::docid a = add({"sel", "poivre", "mot", "mot", "mot", "mot"}, false, "fiche");
    const Xapian::docid a2 = add({"sel", "poivre", "mot", "mot", "mot", "mot"}, false, "fiche");
    const Xapian::docid b = add({"sel", "mot"}, false, "fiche");
    const Xapian::docid b2 = add({"sel"}, false, "fiche");
    writer_.commit();
    auto len_factor = [&] { return length_factor(Xapian::Database(dir_.path().string())); };
    const std::vector<RankPart> parts{{Q(Q::OP_OR, Q("Zsel"), Q("Zpoivre")), 1.0}};
    RankWindow all;
    const Page before = windowed(parts, {}, Q(), 10, all);
    ASSERT_EQ(before.ids, (std::vector<Xapian::docid>{c, a, a2, b, b2}));
    EXPECT_EQ(before.weights[1], before.weights[2]);
    EXPECT_EQ(before.weights[3], before.weights[4]);
    EXPECT_TRUE(all.still_tied(1, 2, len_factor()));
    EXPECT_TRUE(all.still_tied(3, 4, len_factor()));
    EXPECT_FALSE(all.still_tied(0, 1, len_factor()));
    EXPECT_FALSE(all.still_tied(2, 3, len_factor()));
    // Windows ending inside a tie: after A and after B, the one left out is alike with it.
    RankWindow to_a, to_b;
    windowed(parts, {}, Q(), 2, to_a);
    windowed(parts, {}, Q(), 4, to_b);
    EXPECT_TRUE(to_a.left_alike);
    EXPECT_EQ(to_a.beyond, before.weights[3]) << "B is the best of the others";
    EXPECT_TRUE(to_b.left_alike);
    EXPECT_EQ(to_b.beyond, 0.0) << "none other";

    // Two one-word documents with neither word: every weight moves, B and B' stay under the
    // floor. From each window, ranking again only what it holds gives what ranking all gives.
    for (int i = 0; i < 2; ++i) add({"mot"}, false, "fiche");
    writer_.commit();
    EXPECT_TRUE(all.still_tied(3, 4, len_factor()));
    EXPECT_TRUE(to_b.left_still_tied(len_factor()));
    for (const auto* window : {&to_a, &to_b}) {
        const auto again = reranked(parts, {}, Q(), window->ids.size(), *window, {});
        ASSERT_TRUE(again.has_value());
        expect_identical(*again, ours(parts, {}, Q(), 0, window->ids.size()));
    }
    // Forty more: the average length falls, B's two words are past the floor and B' weighs more
    // than B; A and A' still tie to the bit. Only ranking all tells what B' weighs now.
    for (int i = 0; i < 40; ++i) add({"mot"}, false, "fiche");
    writer_.commit();
    const Page after = ours(parts, {}, Q(), 0, 10);
    EXPECT_EQ(after.ids, (std::vector<Xapian::docid>{c, a, a2, b2, b}));
    EXPECT_EQ(after.weights[1], after.weights[2]);
    EXPECT_TRUE(all.still_tied(1, 2, len_factor()));
    EXPECT_FALSE(all.still_tied(3, 4, len_factor()));
    EXPECT_FALSE(to_b.left_still_tied(len_factor()));
    const auto from_a = reranked(parts, {}, Q(), 2, to_a, {});
    ASSERT_TRUE(from_a.has_value());
    expect_identical(*from_a, ours(parts, {}, Q(), 0, 2));
    EXPECT_FALSE(reranked(parts, {}, Q(), 4, to_b, {}));
    // A written: its like may weigh more than it now, or less.
    writer_.replace_document(a, writer_.get_document(a));
    writer_.commit();
    EXPECT_FALSE(reranked(parts, {}, Q(), 2, to_a, {id_term(a)}));
}

TEST_F(RankerTest, RanksAgainFromItsWindowWithinTheFilter) {
    const std::vector<RankPart> parts{{Q(Q::OP_OR, Q("Zaide"), Q("Ztravail")), 1.0}};
    const Q fiches(schema::kKindPrefix + std::string("fiche"));
    const std::size_t count = clear_cut(ours(parts, {}, fiches, 0, 100), 1.1);
    ASSERT_GT(count, 0u);
    RankWindow window;
    const Page before = windowed(parts, {}, fiches, count, window);
    // A thread would rank first, but the filter leaves it out; a fiche saying "aide" once among
    // other words ranks below the window.
    const Xapian::docid thread = add({"aide", "aide", "aide", "aide", "mot"}, false, "thread");
    const Xapian::docid fiche = add({"mot", "mot", "aide", "mot", "mot", "mot"}, false, "fiche");
    writer_.commit();
    const auto again =
        reranked(parts, {}, fiches, count, window, {id_term(thread), id_term(fiche)});
    ASSERT_TRUE(again.has_value());
    expect_identical(*again, ours(parts, {}, fiches, 0, count));
    EXPECT_EQ(again->ids, before.ids);
}

TEST_F(RankerTest, LeavesToXapianWhatItCannotWeigh) {
    Xapian::Database db(dir_.path().string());
    const IndexState state{"g", db.get_revision()};
    const Q synonym(Q::OP_SYNONYM, Q("Zaide"), Q("Zposte"));
    EXPECT_FALSE(ranker_.rank(db, state, counter_, {{synonym, 1.0}}, {}, Q(), 0, 10));
    const Q scaled(Q::OP_SCALE_WEIGHT, Q("Zaide"), 2.0);
    EXPECT_FALSE(ranker_.rank(db, state, counter_, {{scaled, 1.0}}, {}, Q(), 0, 10));
}

}  // namespace
}  // namespace kb
