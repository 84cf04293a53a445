/// @brief Exact totals and facet counts of a query from cached per-term document sets, so that
/// ranking can stop early instead of walking every match to count it.
#pragma once

#include "commit_log.hpp"
#include "doc_set.hpp"
#include "kept_terms.hpp"
#include "posting_store.hpp"
#include "result_cache.hpp"
#include "search_types.hpp"

#include <xapian.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace kb {

/// The documents of `term` in `old` with those `changes` wrote taken out, then put back if they
/// have the term now.
DocSet patched(const DocSet& old, const std::string& term, const DocumentChanges& changes);

/// Counts what a query matches by set operations on the documents of its terms: a common term's
/// set is read once and kept while no commit writes a document with that term (the commit log
/// says which terms each commit touched), so a question of common words is counted in
/// microseconds, where Xapian's exact count walks and weighs every match.
class MatchCounter {
  public:
    struct Counts {
        std::size_t total = 0;
        std::map<std::string, std::vector<FacetValue>> facets;  ///< every facet, sorted by count
    };

    /// Phrases whose words are together in more documents than this are not counted here.
    static constexpr std::size_t kMaxPhraseCandidates = 2000;

    /// `max_bytes`: memory for kept sets. Sets of terms in fewer than `min_kept_frequency`
    /// documents are read again each time (cheaper than keeping them). With `postings`, a
    /// term of words or boosts in fewer documents than one in 32 has its set made from the
    /// store's list (smaller than a bitmap, and kept there for the ranker anyway); facet
    /// values and common terms keep bitmaps.
    MatchCounter(const CommitLog* commits, std::size_t max_bytes,
                 Xapian::doccount min_kept_frequency = 64, PostingStore* postings = nullptr)
        : sets_(commits, max_bytes, min_kept_frequency), postings_(postings) {}

    /// The documents `query` matches, plus those indexed with one of `source_terms` and, when
    /// `filter` is not empty, matching it too. `source_terms` stand for the posting sources of
    /// the query's top-level OR (a Query does not show what a posting source matches).
    /// nullopt when the query holds an operator only the matcher can count (value ranges,
    /// wildcards...).
    std::optional<Counts> count(Xapian::Database& db, const IndexState& state,
                                const Xapian::Query& query,
                                const std::vector<std::string>& source_terms,
                                const Xapian::Query& filter);

    /// The documents `query` matches (posting sources match nothing here); nullopt as count().
    std::optional<DocSet> matches(Xapian::Database& db, const IndexState& state,
                                  const Xapian::Query& query) {
        return evaluate(db, state, query);
    }

    /// How many term sets were read from the index so far (the rest came from memory).
    [[nodiscard]] std::size_t sets_read() const { return sets_.reads(); }
    /// How many kept sets were patched with the documents logged commits wrote.
    [[nodiscard]] std::size_t sets_patched() const { return sets_.patches(); }

  private:
    struct FacetTerms {
        std::string generation;
        Xapian::rev revision = 0;
        /// (facet, value, term) for every facet value in the index.
        std::vector<std::tuple<std::string, std::string, std::string>> values;
    };

    std::optional<DocSet> evaluate(Xapian::Database& db, const IndexState& state,
                                   const Xapian::Query& query);
    std::shared_ptr<const DocSet> term_set(Xapian::Database& db, const IndexState& state,
                                           const std::string& term);
    /// A rare word's postings (in fewer than one document in 32): its set is made from them
    /// rather than kept. Null for other terms.
    std::shared_ptr<const TermPostings> rare_postings(Xapian::Database& db, const IndexState& state,
                                                      const std::string& term);
    std::shared_ptr<const FacetTerms> facet_terms(Xapian::Database& db, const IndexState& state);
    KeptTerms<DocSet> sets_;
    PostingStore* postings_;
    std::mutex mutex_;
    std::shared_ptr<const FacetTerms> facet_terms_;
};

}  // namespace kb
