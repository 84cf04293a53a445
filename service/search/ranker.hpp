/// @brief Ranker: BM25 ranking of a search in memory, from kept postings, in place of Xapian's
/// matcher (the same weights, a fraction of its time).
#pragma once

#include "match_counter.hpp"
#include "posting_store.hpp"

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kb {

/// A part of a search's top-level OR and the factor its weights are scaled by.
struct RankPart {
    Xapian::Query query;
    double scale = 1.0;
};

/// What a posting source of the top-level OR gives: `weight` to every document with `term`.
struct WeightedTerm {
    std::string term;
    double weight = 0.0;
};

/// What a ranking from the first document leaves for a ranking of the same search at a later
/// revision (Ranker::rerank): the documents it ranked, and a bound on every other one's weight
/// under the collection statistics of then.
struct RankWindow {
    std::vector<Xapian::docid> ids;  ///< the documents ranked, best first
    std::vector<double> weights;     ///< their weights then
    /// The weights they were shown in the order of, when something other than the ranking moved
    /// them (citations, SearchEngine), best first, and the documents in that order; empty when
    /// the ranking's order was shown.
    std::vector<double> shown_weights;
    std::vector<Xapian::docid> shown_ids;
    /// For each document that ties with another, the position of the first one of the window
    /// whose weight is made alike: in each weighing call of the ranking (a term or a source,
    /// within a part's set), the same wdf or both outside it. Its own position otherwise; empty
    /// when not told. At a later state where neither was written, two alike documents weigh the
    /// same again when BM25's length part is the same for both (still_tied): they then rank in id
    /// order.
    std::vector<std::uint32_t> alike;
    std::vector<std::uint32_t> lengths;  ///< the documents' lengths (with alike)
    double min_normlen = 0.0;            ///< BM25's floor on a length over the average
    bool more = false;                   ///< whether any other document matched
    double beyond = 0.0;  ///< no other document weighed more than this (when more)...
    /// ...but those weighing what the last one does, when this is set: each is alike with it and
    /// ranks right after it at a later state where neither was written and left_still_tied().
    bool left_alike = false;
    /// The shortest and the longest of the last one and those (with left_alike).
    std::uint32_t left_shortest = 0;
    std::uint32_t left_longest = 0;
    Xapian::doccount docs = 0;  ///< the collection's size then
    double len_factor = 0.0;    ///< 1 / the average document length then
    /// Each weighed term's frequency then, in the order the ranking weighed them.
    std::vector<Xapian::doccount> frequencies;

    /// Whether the documents at positions i and j, alike, weigh the same at a later state where
    /// neither was written and 1 / the average length is len_factor.
    [[nodiscard]] bool still_tied(std::size_t i, std::size_t j, double len_factor) const {
        return alike.size() == ids.size() && lengths.size() == ids.size() && i < ids.size() &&
               j < ids.size() && alike[i] == alike[j] &&
               same_length_part(lengths[i], lengths[j], len_factor);
    }
    /// Whether the documents left out alike with the last one (left_alike) weigh what it weighs
    /// at such a state.
    [[nodiscard]] bool left_still_tied(double len_factor) const {
        return left_alike && same_length_part(left_shortest, left_longest, len_factor);
    }
    /// Whether BM25 gives documents of these lengths the same length part: the same length, or
    /// both under the floor.
    [[nodiscard]] bool same_length_part(std::uint32_t a, std::uint32_t b, double len_factor) const {
        return a == b || (static_cast<double>(a) * len_factor <= min_normlen &&
                          static_cast<double>(b) * len_factor <= min_normlen);
    }
};

/// 1 / the average document length of db (0 in an empty collection), as BM25's length part reads
/// it.
double length_factor(const Xapian::Database& db);

/// How far two documents' weights may have moved apart since a ranking left `window`, as the
/// ratio of the most to the least any weight was multiplied by, at the later state of the
/// collection `db` reads, when no commit since wrote a document with any of the ranking's terms.
/// Each document kept its terms and length and each term its frequency: only the collection's
/// size and average length moved the weights, within factors they bound. Two documents whose
/// weights were further apart than that are still in the same order; 1 when nothing moved,
/// nullopt when it cannot be told.
std::optional<double> weight_spread(const RankWindow& window, const Xapian::Database& db);

struct RankedHit {
    Xapian::docid id = 0;
    double weight = 0.0;
    int percent = 0;  ///< as Xapian's: the weight against the best one's, scaled by the share
                      ///< of the query's leaves (terms, sources) the best document matches
};

/// Ranks what Xapian's Enquire with BM25Weight(k1, 0, 1, b, min_normlen) would rank, term at a
/// time: each term's postings (document, wdf) come from the PostingStore (kept while no commit
/// writes the term, patched after one that did); weights add up in a per-thread array over every
/// document id, and the page is the best of the documents touched, ties in document id order. A
/// term weighs exactly what Xapian gives it (same formula, same statistics of the reader's
/// revision); only the order in which a document's parts add up differs, so near-ties may differ in
/// the last bit. Phrases and the other operators' match sets come from the counter (nullopt when it
/// cannot tell them, and for operators weighted otherwise: SYNONYM, MAX, XOR, value ranges).
class Ranker {
  public:
    struct Params {
        double k1 = 1.2;
        double b = 0.75;
        double min_normlen = 0.5;
    };

    /// Postings come from `postings` (shared with the counter).
    Ranker(const CommitLog* commits, PostingStore& postings, Params params)
        : commits_(commits), postings_(postings), params_(params) {}

    /// The page [offset, offset + count) of the documents matching OR(parts, sources), each
    /// within `filter` when it is not empty. With `window` and offset 0, what rerank() needs.
    std::optional<std::vector<RankedHit>> rank(Xapian::Database& db, const IndexState& state,
                                               MatchCounter& sets,
                                               const std::vector<RankPart>& parts,
                                               const std::vector<WeightedTerm>& sources,
                                               const Xapian::Query& filter, std::size_t offset,
                                               std::size_t count, RankWindow* window = nullptr);

    /// What rank(…, 0, count) gives at `state`, told from the window `before` that a ranking of
    /// the same search left at an earlier revision, whose commits since wrote the documents of
    /// the id terms `written` (rewritten, added or deleted). Only the window's documents and the
    /// written ones are weighed: any other kept its terms and length, so only the collection
    /// statistics moved its weight, by a factor they bound. nullopt when that bound cannot keep
    /// every other document below the window's last (then rank() is what tells).
    std::optional<std::vector<RankedHit>> rerank(
        Xapian::Database& db, const IndexState& state, MatchCounter& sets,
        const std::vector<RankPart>& parts, const std::vector<WeightedTerm>& sources,
        const Xapian::Query& filter, std::size_t count, const RankWindow& before,
        const std::vector<std::string>& written, RankWindow* window = nullptr);

    /// How many times every document's length was read (the other revisions were patched
    /// with the lengths of the documents their commits wrote).
    [[nodiscard]] std::size_t lengths_read() const { return lengths_read_; }

  private:
    /// Every document's length at one revision (0 for ids without a document).
    struct Lengths {
        std::string generation;
        Xapian::rev revision = 0;
        std::vector<std::uint32_t> of;
    };
    class Pass;

    std::shared_ptr<const Lengths> lengths(Xapian::Database& db, const IndexState& state);

    const CommitLog* commits_;
    PostingStore& postings_;
    Params params_;
    std::mutex lengths_mutex_;
    std::shared_ptr<const Lengths> lengths_;
    std::size_t lengths_read_ = 0;  ///< guarded by lengths_mutex_
};

}  // namespace kb
