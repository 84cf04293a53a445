/// @brief CitationGraph: read from a real Xapian index's `cites` lists, kept across the commits
/// that wrote no article, and the re-ordering of ranked hits by it.
#include "citation_graph.hpp"
#include "commit_log.hpp"
#include "search_schema.hpp"
#include "test_env.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace kb {
namespace {

// Hits ranked best first, with Xapian-like percentages (100 for the best).
std::vector<RankedHit> ranked(const std::vector<std::pair<Xapian::docid, double>>& weights) {
    std::vector<RankedHit> out;
    for (const auto& [id, weight] : weights)
        out.push_back({id, weight, static_cast<int>(weight / weights.front().second * 100)});
    return out;
}

std::vector<Xapian::docid> ids(const std::vector<RankedHit>& hits) {
    std::vector<Xapian::docid> out;
    for (const auto& hit : hits) out.push_back(hit.id);
    return out;
}

TEST(RerankByCitations, ACitedDocumentRisesWithTheBestOneCitingIt) {
    CitationGraph graph;
    graph.add(1, 3);  // the best result cites the third
    auto hits = ranked({{1, 10.0}, {2, 6.0}, {3, 5.0}, {4, 4.0}});
    ASSERT_TRUE(rerank_by_citations(hits, graph, CitationTuning{}));
    // 3 gains 0.3 * 10: 8 > 6. 1 gains 0.3 * 5 for citing a result.
    EXPECT_EQ(ids(hits), (std::vector<Xapian::docid>{1, 3, 2, 4}));
    EXPECT_DOUBLE_EQ(hits[0].weight, 11.5);
    EXPECT_DOUBLE_EQ(hits[1].weight, 8.0);
    // Percentages on the ranked scale, capped, in the order shown.
    EXPECT_EQ(hits[0].percent, 100);
    EXPECT_EQ(hits[1].percent, 80);
    EXPECT_EQ(hits[2].percent, 60);
}

TEST(RerankByCitations, ADocumentCitingTheBestOnesRisesSharingItsWeight) {
    CitationGraph graph;
    for (Xapian::docid to : {1u, 2u, 7u, 8u}) graph.add(4, to);  // 7 and 8 are not results
    auto hits = ranked({{1, 10.0}, {2, 9.0}, {3, 5.0}, {4, 4.0}});
    CitationTuning tuning;
    ASSERT_TRUE(rerank_by_citations(hits, graph, tuning));
    // 4 cites four documents: each counts 1 / 4^0.15 of its weight; 1 and 2 are found.
    const double share = 1.0 / std::pow(4.0, tuning.exponent);
    EXPECT_EQ(ids(hits)[2], 4u);
    EXPECT_DOUBLE_EQ(hits[2].weight, 4.0 + 0.3 * (10.0 + 9.0) * share);
}

TEST(RerankByCitations, OnlyTheBestLendWeightAndOnlyTheWindowMoves) {
    CitationGraph graph;
    graph.add(3, 4);  // the third cites the fourth: not among the best `citing`
    graph.add(5, 1);  // beyond the window: neither gains nor lends
    auto hits = ranked({{1, 10.0}, {2, 9.0}, {3, 8.0}, {4, 7.5}, {5, 7.0}});
    CitationTuning tuning;
    tuning.citing = 2;
    tuning.window = 4;
    ASSERT_TRUE(rerank_by_citations(hits, graph, tuning));
    // 3 gains 0.3 * 7.5 for citing 4; 4 gains nothing from 3 (not among the best two).
    EXPECT_EQ(ids(hits), (std::vector<Xapian::docid>{3, 1, 2, 4, 5}));
    EXPECT_DOUBLE_EQ(hits[3].weight, 7.5);
    EXPECT_DOUBLE_EQ(hits[4].weight, 7.0);
    EXPECT_EQ(hits[4].percent, 70);
}

TEST(RerankByCitations, ALongCitationListCountsTheResultsAmongItAsAShortOneDoes) {
    // 4 cites 3 and 1 among 300 documents (more than the window): walked the other way round.
    CitationGraph long_list, short_list;
    for (Xapian::docid to = 100; to < 400; ++to) long_list.add(4, to);
    for (Xapian::docid to : {1u, 3u}) {
        long_list.add(4, to);
        short_list.add(4, to);
    }
    auto hits = ranked({{1, 10.0}, {2, 9.0}, {3, 5.0}, {4, 4.0}});
    auto expected = hits;
    ASSERT_TRUE(rerank_by_citations(hits, long_list, CitationTuning{}));
    ASSERT_TRUE(rerank_by_citations(expected, short_list, CitationTuning{}));
    // The same documents found; each counts as a share of 302 citations, not 2.
    const double ratio = std::pow(302.0 / 2.0, -CitationTuning{}.exponent);
    for (std::size_t i = 0; i < hits.size(); ++i) {
        ASSERT_EQ(hits[i].id, expected[i].id);
        const double base = hits[i].id == 1   ? 10.0
                            : hits[i].id == 3 ? 5.0
                            : hits[i].id == 4 ? 4.0
                                              : 9.0;
        EXPECT_NEAR(hits[i].weight - base, (expected[i].weight - base) * ratio, 1e-9) << hits[i].id;
    }
}

TEST(RerankByCitations, WithoutCitationsAmongThemNothingMoves) {
    CitationGraph graph;
    graph.add(1, 9);
    const auto before = ranked({{1, 10.0}, {2, 6.0}, {3, 5.0}});
    auto hits = before;
    EXPECT_FALSE(rerank_by_citations(hits, graph, CitationTuning{}));
    EXPECT_EQ(ids(hits), ids(before));
    CitationTuning off;
    off.weight = 0;
    graph.add(1, 3);
    EXPECT_FALSE(rerank_by_citations(hits, graph, off));
    EXPECT_EQ(ids(hits), ids(before));
}

TEST(RerankByCitations, TiesKeepTheRankedOrder) {
    CitationGraph graph;
    graph.add(1, 2);
    graph.add(1, 3);
    auto hits = ranked({{1, 10.0}, {2, 5.0}, {3, 5.0}});
    ASSERT_TRUE(rerank_by_citations(hits, graph, CitationTuning{}));
    EXPECT_EQ(ids(hits), (std::vector<Xapian::docid>{1, 2, 3}));
}

TEST(CitationGraph, AddsEachCitationOnceAndNeverASelfCitation) {
    CitationGraph graph;
    graph.add(1, 2);
    graph.add(1, 2);
    graph.add(1, 1);
    EXPECT_EQ(graph.edges(), 1u);
    ASSERT_NE(graph.cites(1), nullptr);
    EXPECT_EQ(*graph.cites(1), std::vector<Xapian::docid>{2});
    EXPECT_EQ(graph.cites(2), nullptr);
}

class CitationIndex : public ::testing::Test {
  protected:
    void SetUp() override {
        writer_ = Xapian::WritableDatabase(dir_.path().string(), Xapian::DB_CREATE_OR_OPEN);
        add("article:a", "article:b\narticle:c\narticle:absent");  // 1
        add("article:b", "");                                      // 2
        add("article:c", "article:b");                             // 3
        writer_.commit();
    }
    Xapian::docid add(const std::string& id, const std::string& cites) {
        Xapian::Document doc;
        doc.add_boolean_term(schema::kIdPrefix + id);
        if (!cites.empty()) doc.add_value(schema::kCitesSlot, cites);
        return writer_.add_document(doc);
    }
    Xapian::Database reader() { return Xapian::Database(dir_.path().string()); }

    test::TempDir dir_;
    Xapian::WritableDatabase writer_;
};

TEST_F(CitationIndex, ResolvesEachCitedIdToItsDocumentAndLeavesOutUnknownOnes) {
    Xapian::Database db = reader();
    const CitationGraph graph = CitationGraph::read(db);
    EXPECT_EQ(graph.edges(), 3u);
    ASSERT_NE(graph.cites(1), nullptr);
    EXPECT_EQ(*graph.cites(1), (std::vector<Xapian::docid>{2, 3}));
    EXPECT_EQ(*graph.cites(3), std::vector<Xapian::docid>{2});
    EXPECT_EQ(graph.cites(2), nullptr);
}

TEST_F(CitationIndex, IsReadAgainOnlyAfterACommitThatWroteAnArticle) {
    CommitLog log;
    Citations citations(&log);
    Xapian::Database db = reader();
    const IndexState first{"g", db.get_revision()};
    const auto graph = citations.at(db, first);
    EXPECT_EQ(citations.reads(), 1u);
    // A post: logged, no article written. The graph is kept, for that revision and the older one.
    add("thread:1", "");
    log.record("g", db.get_revision() + 1, {schema::kIdPrefix + "thread:1", "Zpost"});
    writer_.commit();
    db = reader();
    EXPECT_EQ(citations.at(db, {"g", db.get_revision()}), graph);
    EXPECT_EQ(citations.at(db, first), graph);
    EXPECT_EQ(citations.reads(), 1u);
    // An article that now exists and is cited: read again, the citation resolves.
    const Xapian::docid absent = add("article:absent", "");
    log.record("g", db.get_revision() + 1, {schema::kIdPrefix + "article:absent"});
    writer_.commit();
    db = reader();
    const auto now = citations.at(db, {"g", db.get_revision()});
    EXPECT_EQ(citations.reads(), 2u);
    EXPECT_EQ(*now->cites(1), (std::vector<Xapian::docid>{2, 3, absent}));
    // A commit the log does not know: read again.
    add("thread:2", "");
    writer_.commit();
    db = reader();
    citations.at(db, {"g", db.get_revision()});
    EXPECT_EQ(citations.reads(), 3u);
}

}  // namespace
}  // namespace kb
