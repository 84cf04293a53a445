/// @brief Full-text search over the Xapian index: query analysis, filters, facets, snippets,
/// spelling.
#pragma once

#include "citation_graph.hpp"
#include "document_cache.hpp"
#include "index_readers.hpp"
#include "lexicon.hpp"
#include "match_counter.hpp"
#include "ranker.hpp"
#include "result_cache.hpp"
#include "search_types.hpp"
#include "single_flight.hpp"
#include "synonym_index.hpp"
#include "term_lookups.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace kb {

/// Ranking parameters. The service's defaults were chosen with tests/bench/relevance.sh (CDTN
/// judgements): a high k1 (4) helped most, synonym expansions help at 0.3 and hurt at full weight,
/// adjacent-word phrases at 0.3 with a lighter length normalisation (b 0.4) add 0.011 nDCG@10.
struct SearchTuning {
    double bm25_k1 = 4.0;
    double bm25_b = 0.4;
    double synonym_weight = 0.3;  ///< weight of synonym expansions relative to the typed words
    double title_weight = 0.2;    ///< weight of matches in titles, on top of the full-text match
    double pair_weight = 0.3;     ///< weight of adjacent typed words found side by side (0: off)
    /// Questions of 7 content words or more: only the rarest 30% must match (drop_common_words).
    bool drop_common_words = true;
    /// Totals and facets counted from document sets (MatchCounter), whatever their size.
    bool exact_counts = true;
    /// Ranking in memory (Ranker) where the document sets count the query; Xapian's matcher
    /// otherwise. The same weights.
    bool own_ranker = true;
    /// Otherwise, or when the sets cannot count a query, the matcher counts: exactly up to this
    /// many matches (0: always), estimated
    /// beyond. Counting every match makes a search exhaustive: no early termination, which is
    /// most of what a search of common words costs.
    int facet_exact_limit = 100;
    /// Time a search may take: past it the matcher stops and the answer says `partial` (0: no
    /// time at all, every search answers at once with what it has, for tests).
    std::chrono::milliseconds deadline{1000};
    /// The best results re-ordered by the citations between them (CitationGraph).
    CitationTuning citations;
};

/// A ranked first page's query as the matcher ranked it (text, boost, filter), and what the
/// counter counted it with.
struct RankBasis {
    Xapian::Query query;
    Xapian::Query filter;
    std::size_t per_page = 0;
    /// What Ranker ranked the page with, so that a refresh ranks again at the new state: the
    /// collection statistics move with every commit and may swap near-equal results, or a
    /// written document may rank into the page. The page holds only when it is the same.
    std::vector<RankPart> parts;
    std::vector<WeightedTerm> sources;
    std::size_t ranked = 0;  ///< how many documents were ranked (the citation window, or a page)
    bool cited = false;      ///< whether citations re-ordered them
    std::vector<Xapian::docid> page;  ///< the page's documents, in the order shown
    /// Held while the queries are read: a Xapian::Query counts its references without atomics,
    /// and a cached answer's basis is read by every thread that refreshes it.
    mutable std::mutex mutex;
};

/// Thread-safe: every call leases its own reader. Search answers go through the result cache.
class SearchEngine {
  public:
    /// `lexicon`: the words of the language, which the spelling never corrects.
    SearchEngine(IndexReaders& readers, ResultCache& cache, const Lexicon& lexicon,
                 SearchTuning tuning = {})
        : readers_(readers),
          cache_(cache),
          lexicon_(lexicon),
          tuning_(tuning),
          postings_(cache.commit_log(), kPostingBytes),
          counter_(cache.commit_log(), kCounterBytes, 64, &postings_),
          ranker_(cache.commit_log(), postings_,
                  Ranker::Params{tuning.bm25_k1, tuning.bm25_b, kMinNormlen}),
          documents_(cache.commit_log(), kDocumentBytes),
          citations_(cache.commit_log()) {}

    /// BM25's floor on a document's length relative to the average (Xapian's default).
    static constexpr double kMinNormlen = 0.5;

    SearchOutcome search(const SearchRequest& request);
    /// Title completions for a box: earlier words must match, the last one as a prefix.
    std::vector<nlohmann::json> suggest(const std::string& q, std::size_t limit);
    /// Documents most similar to the one with this id term, itself excluded.
    std::vector<nlohmann::json> related(const std::string& id_term, std::size_t limit);

  private:
    /// The answer on db, whose index state is version; normalized is request.q as analysed.
    /// Matching stops at deadline. watch receives what the answer depends on in the index.
    SearchResponse compute(const SearchRequest& request, const std::string& normalized,
                           Xapian::Database& db, const std::string& version,
                           const IndexState& state, std::chrono::steady_clock::time_point deadline,
                           QueryWatch& watch);
    /// The stale answer brought up to `state` when the commits since only added or changed
    /// documents it neither shows nor would show (see ResultCache::Stale); null otherwise.
    /// `reranked` tells whether its window was enough to rank it again (Ranker::rerank).
    std::shared_ptr<const SearchResponse> refresh(const ResultCache::Stale& stale,
                                                  Xapian::Database& db, const IndexState& state,
                                                  bool& reranked);
    /// More written documents than this since the answer (or more commits than
    /// DocumentChanges::kMaxCommits): computed again.
    static constexpr std::size_t kMaxRefreshWrites = 16;
    /// The weighting the ranker reproduces (Ranker::Params), for Xapian's matcher.
    [[nodiscard]] Xapian::BM25Weight bm25() const {
        return Xapian::BM25Weight(tuning_.bm25_k1, 0, 1, tuning_.bm25_b, kMinNormlen);
    }
    std::shared_ptr<const SynonymIndex> synonyms_for(const Xapian::Database& db,
                                                     const IndexState& state);
    std::vector<nlohmann::json> related(Xapian::Database& db, const std::string& id_term,
                                        std::size_t limit);

    IndexReaders& readers_;
    ResultCache& cache_;
    const Lexicon& lexicon_;
    SearchTuning tuning_;
    /// Memory for kept postings (6 bytes a posting): what the 2,809 CDTN phrasings need on the
    /// 92,000-document bench index (4.1 million postings) fits.
    static constexpr std::size_t kPostingBytes = 32u << 20;
    PostingStore postings_;
    /// Memory for the counter's kept bitmaps (one bit per document id each), of facet values
    /// and common terms.
    static constexpr std::size_t kCounterBytes = 32u << 20;
    MatchCounter counter_;
    Ranker ranker_;
    /// Memory for the data, text and word positions of documents shown in results. The bench
    /// mix shows about ten thousand distinct documents: at 16 MB most were read again (and
    /// their words stemmed again) for each result; 64 MB holds most of the popular ones.
    static constexpr std::size_t kDocumentBytes = 64u << 20;
    DocumentCache documents_;
    Citations citations_;
    TermLookups lookups_;
    std::mutex synonyms_mutex_;
    std::string synonyms_version_;
    IndexState synonyms_state_;  ///< the state synonyms_version_ was read on
    std::shared_ptr<const SynonymIndex> synonyms_;
    /// Cached searches being computed (or refreshed), keyed by question and index state.
    SingleFlight<SearchOutcome> flights_;
};

}  // namespace kb
