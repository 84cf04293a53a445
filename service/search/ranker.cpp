/// @brief Ranker: term-at-a-time BM25 over kept postings, the page picked from the touched ids.
#include "ranker.hpp"

#include "search_schema.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <deque>
#include <limits>
#include <map>
#include <unordered_map>

namespace kb {

namespace {

// Per-thread weights over every document id, zero but where the current pass added some;
// `touched` lists those documents, and the next pass zeroes them again (far fewer than all).
// Branch-free: whether a document was touched before is as likely as not, a mispredicted
// branch a posting.
struct Scratch {
    std::vector<double> weight;
    std::vector<std::uint8_t> seen;
    std::vector<Xapian::docid> touched;
    std::size_t count = 0;  ///< touched[0, count) are the documents touched

    void start(std::size_t size) {
        // Through pointers, as Adder does (a byte stored may alias the vectors).
        double* const w = weight.data();
        std::uint8_t* const s = seen.data();
        const Xapian::docid* const t = touched.data();
        for (std::size_t i = 0, n = count; i < n; ++i) {
            w[t[i]] = 0;
            s[t[i]] = 0;
        }
        count = 0;
        if (weight.size() < size) {
            weight.resize(size, 0.0);
            seen.resize(size, 0);
        }
        // One spare slot: each add writes its document there before knowing whether it is new.
        if (touched.size() < size + 1) touched.resize(size + 1);
    }
};

// Adds weights to a Scratch through plain pointers and a local count, stored back at the end.
// Through the Scratch itself, each byte stored to `seen` may alias its members (a byte may alias
// anything), so the compiler reloaded every vector's data and the count after each posting: a
// chain through memory that kept the postings from overlapping.
class Adder {
  public:
    explicit Adder(Scratch& s)
        : scratch_(s),
          weight_(s.weight.data()),
          seen_(s.seen.data()),
          touched_(s.touched.data()),
          count_(s.count) {}
    Adder(const Adder&) = delete;
    Adder& operator=(const Adder&) = delete;
    ~Adder() { scratch_.count = count_; }

    void add(Xapian::docid d, double w) {
        touched_[count_] = d;
        count_ += seen_[d] ^ 1u;
        seen_[d] = 1;
        weight_[d] += w;
    }

  private:
    Scratch& scratch_;
    double* const weight_;
    std::uint8_t* const seen_;
    Xapian::docid* const touched_;
    std::size_t count_;
};

Scratch& scratch() {
    thread_local Scratch s;
    return s;
}

// A term's BM25 weight before its (k1 + 1) and scale factors, as Xapian's BM25Weight computes
// it from the collection's size and the term's frequency. It falls as the frequency rises.
double term_idf(double docs, double frequency) {
    double ratio = (docs - frequency + 0.5) / (frequency + 0.5);
    // Xapian's floor for terms in more than half the documents: a small positive weight.
    if (ratio < 2) ratio = ratio * 0.5 + 1;
    return std::log(ratio);
}

// The least and the most a document's weight can have been multiplied by between a ranking at
// `then` and one at `now`, for a document that kept its terms and length: each term's weight
// moved only with the collection's size and the term's frequency (frequencies in the order the
// rankings weighed them), its length part only with the average length. Both bracket 1: a
// posting source's fixed part does not move. nullopt when that cannot be told.
struct Moves {
    double fall = 1.0;
    double rise = 1.0;
};
std::optional<Moves> weight_moves(const RankWindow& then, Xapian::doccount docs, double len_factor,
                                  const std::vector<Xapian::doccount>& frequencies) {
    if (then.docs == 0 || then.len_factor <= 0 || len_factor <= 0 ||
        then.frequencies.size() != frequencies.size())
        return std::nullopt;
    Moves moves;
    for (std::size_t i = 0; i < frequencies.size(); ++i) {
        // In no document now or then but written ones: it weighs none of the others.
        if (frequencies[i] == 0 || then.frequencies[i] == 0) continue;
        const double was = term_idf(static_cast<double>(then.docs), then.frequencies[i]);
        if (!(was > 0)) return std::nullopt;
        const double factor = term_idf(static_cast<double>(docs), frequencies[i]) / was;
        moves.fall = std::min(moves.fall, factor);
        moves.rise = std::max(moves.rise, factor);
    }
    // BM25's length part wdf / (k1 (b L / avg + 1 - b) + wdf) moves between 1 and the ratio of
    // the average lengths.
    const double lengths = then.len_factor / len_factor;
    moves.fall *= std::min(1.0, lengths);
    moves.rise *= std::max(1.0, lengths);
    return moves;
}

/// A mask this many times smaller than a list: looked up in it (a binary search a member).
constexpr std::size_t kLookupRatio = 16;

// Calls f(i) for each posting i of ids[0, n) whose document is within mask (all without one),
// in list order. A common word within a few documents (the rare words a long question must
// match, a filter, a refresh's window): those documents are looked up in its list (ids
// ascending) rather than the whole list read.
template <typename F>
void for_each_posting(const Xapian::docid* ids, std::size_t n, const DocSet* mask, F&& f) {
    if (mask != nullptr && mask->count() * kLookupRatio < n) {
        std::size_t i = 0;
        mask->for_each([&](Xapian::docid d) {
            if (i == n) return;
            i = static_cast<std::size_t>(std::lower_bound(ids + i, ids + n, d) - ids);
            if (i < n && ids[i] == d) f(i);
        });
        return;
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (mask != nullptr && !mask->contains(ids[i])) continue;
        f(i);
    }
}

}  // namespace

/// One ranking: the reader's statistics and the weights added so far.
class Ranker::Pass {
  public:
    Pass(Ranker& ranker, Xapian::Database& db, const IndexState& state, MatchCounter& sets)
        : ranker_(ranker),
          db_(db),
          state_(state),
          sets_(sets),
          lengths_(ranker.lengths(db, state)),
          docs_(db.get_doccount()),
          len_factor_(length_factor(db)),
          scratch_(scratch()) {
        scratch_.start(lengths_->of.size());
    }

    /// Adds the weights of what `query` matches within `mask` (all documents when null), each
    /// scaled by `scale`. False when the query holds what this cannot weigh as Xapian does.
    bool add(const Xapian::Query& query, double scale, const DocSet* mask) {
        const auto n = query.get_num_subqueries();
        switch (query.get_type()) {
            case Xapian::Query::LEAF_TERM:
                add_term(*query.get_terms_begin(), scale, mask);
                return true;
            case Xapian::Query::LEAF_MATCH_NOTHING:
                return true;
            case Xapian::Query::OP_OR:
                for (std::size_t i = 0; i < n; ++i)
                    if (!add(query.get_subquery(i), scale, mask)) return false;
                return true;
            case Xapian::Query::OP_AND:
            case Xapian::Query::OP_PHRASE:
            case Xapian::Query::OP_NEAR: {
                // Every child weighs, only where all match (and, for a phrase, in order): a
                // phrase weighs what its words weigh.
                const bool positional = query.get_type() != Xapian::Query::OP_AND;
                std::optional<DocSet> within =
                    positional ? matches(query) : matches_all(query, 0, n);
                if (!within) return false;
                if (mask != nullptr) within->intersect(*mask);
                const DocSet* const kept = keep(std::move(*within));
                for (std::size_t i = 0; i < n; ++i)
                    if (!add(query.get_subquery(i), scale, kept)) return false;
                return true;
            }
            case Xapian::Query::OP_AND_MAYBE: {
                if (n == 0) return true;
                if (!add(query.get_subquery(0), scale, mask)) return false;
                std::optional<DocSet> within = matches_all(query, 0, 1);
                if (!within) return false;
                if (mask != nullptr) within->intersect(*mask);
                const DocSet* const kept = keep(std::move(*within));
                for (std::size_t i = 1; i < n; ++i)
                    if (!add(query.get_subquery(i), scale, kept)) return false;
                return true;
            }
            case Xapian::Query::OP_FILTER:
            case Xapian::Query::OP_AND_NOT: {
                // Only the first child weighs; the others say where.
                if (n == 0) return true;
                std::optional<DocSet> within = matches_all(query, 0, 1);
                if (!within) return false;
                for (std::size_t i = 1; i < n; ++i) {
                    std::optional<DocSet> other = matches(query.get_subquery(i));
                    if (!other) return false;
                    if (query.get_type() == Xapian::Query::OP_FILTER)
                        within->intersect(*other);
                    else
                        within->subtract(*other);
                }
                if (mask != nullptr) within->intersect(*mask);
                return add(query.get_subquery(0), scale, keep(std::move(*within)));
            }
            default:
                // SCALE_WEIGHT's factor cannot be read from a Query (parts carry theirs), a
                // posting source's weight neither (sources come as WeightedTerm), and SYNONYM,
                // MAX, XOR or value ranges weigh otherwise.
                return false;
        }
    }

    /// Adds `weight` to every document with term within mask (a posting source's fixed weight).
    void add_fixed(const std::string& term, double weight, const DocSet* mask) {
        const auto list = ranker_.postings_.get(db_, state_, term);
        calls_.push_back({list, mask, false});
        const Xapian::docid* const ids = list->ids.data();
        Adder adder(scratch_);
        for_each_posting(ids, list->ids.size(), mask,
                         [&](std::size_t i) { adder.add(ids[i], weight); });
    }

    /// The best `offset + count` documents touched, by weight then id; those from offset on.
    /// With `window`, what a later rerank() starts from (offset 0: the page is the window).
    std::vector<RankedHit> page(std::size_t offset, std::size_t count,
                                const std::vector<RankPart>& parts,
                                const std::vector<WeightedTerm>& sources,
                                RankWindow* window = nullptr) {
        const auto touched = scratch_.touched.begin();
        const auto touched_end = touched + static_cast<std::ptrdiff_t>(scratch_.count);
        const auto& weight = scratch_.weight;
        const std::size_t end = offset + count;
        const std::size_t wanted = std::min(scratch_.count, end);
        // One more in order with a window: the best of the documents left out.
        const std::size_t sorted = std::min(scratch_.count, window != nullptr ? end + 1 : end);
        std::partial_sort(touched, touched + static_cast<std::ptrdiff_t>(sorted), touched_end,
                          [&](Xapian::docid a, Xapian::docid b) {
                              return weight[a] != weight[b] ? weight[a] > weight[b] : a < b;
                          });
        if (window != nullptr) {
            window->ids.assign(touched + static_cast<std::ptrdiff_t>(std::min(offset, wanted)),
                               touched + static_cast<std::ptrdiff_t>(wanted));
            window->weights.clear();
            for (const Xapian::docid d : window->ids) window->weights.push_back(weight[d]);
            window->more = scratch_.count > end;
            window->beyond = window->more ? weight[touched[static_cast<std::ptrdiff_t>(end)]] : 0.0;
            window->docs = docs_;
            window->len_factor = len_factor_;
            window->min_normlen = ranker_.params_.min_normlen;
            window->frequencies = frequencies_;
            mark_alike(*window, touched + static_cast<std::ptrdiff_t>(std::min(end, sorted)),
                       touched_end);
        }
        std::vector<RankedHit> out;
        if (wanted <= offset) return out;
        const double scale = percent_scale(*touched, parts, sources);
        for (std::size_t i = offset; i < wanted; ++i) {
            const Xapian::docid d = touched[i];
            // A matching document never shows 0%.
            const int percent = static_cast<int>(weight[d] * scale + 100.0 * DBL_EPSILON);
            out.push_back({d, weight[d], std::clamp(percent, 1, 100)});
        }
        return out;
    }

    /// A document's weight in this ranking; nullopt when it matched nothing.
    [[nodiscard]] std::optional<double> weight_of(Xapian::docid d) const {
        if (d >= scratch_.seen.size() || scratch_.seen[d] == 0) return std::nullopt;
        return scratch_.weight[d];
    }

    /// How many times its weight then a document that the commits since `before` did not write
    /// can weigh now, at most; nullopt when that cannot be told. Such a document kept its terms
    /// and length: each of its terms' weights moved only with the collection's size and the
    /// term's frequency, its length part only with the average length. Call after the parts
    /// were added (their terms' frequencies now are recorded then).
    [[nodiscard]] std::optional<double> rise_since(const RankWindow& before) const {
        const std::optional<Moves> moves = weight_moves(before, docs_, len_factor_, frequencies_);
        if (!moves) return std::nullopt;
        return moves->rise;
    }

  private:
    /// Past this many documents tied with a window's last, they are not traced (a word every
    /// document has once: thousands tie): the last and the best left out are then not told apart.
    static constexpr std::size_t kMaxTraced = 64;

    /// What each traced document's weight is made of: for each weighing call in order, the call's
    /// number and the document's wdf (posting sources: 0). Two documents with the same trace and
    /// the same length part get the same additions in the same order: the same weight to the bit.
    using Trace = std::vector<std::uint64_t>;

    // Fills window.alike for the window's documents that tie, and when its last ties with the
    // best left out (left_out: [first, last) of those touched, not in order), tells whether they
    // are all alike with it: then window.beyond becomes the best of the others.
    void mark_alike(RankWindow& window, std::vector<Xapian::docid>::const_iterator first,
                    std::vector<Xapian::docid>::const_iterator last) {
        const std::size_t n = window.ids.size();
        const std::vector<double>& w = window.weights;
        window.alike.resize(n);
        for (std::size_t i = 0; i < n; ++i) window.alike[i] = static_cast<std::uint32_t>(i);
        window.lengths.clear();
        window.left_alike = false;
        std::vector<Xapian::docid> traced;
        for (std::size_t i = 0; i + 1 < n; ++i) {
            if (w[i] != w[i + 1]) continue;
            traced.push_back(window.ids[i]);
            traced.push_back(window.ids[i + 1]);
        }
        std::vector<Xapian::docid> edge;  // left out, weighing what the last does
        double others = 0.0;              // the best of the other ones left out
        if (window.more && n > 0 && window.beyond == w.back()) {
            std::size_t tied = 0;
            for (auto it = first; it != last; ++it) {
                const double weight = scratch_.weight[*it];
                if (weight != w.back())
                    others = std::max(others, weight);
                else if (++tied <= kMaxTraced)
                    edge.push_back(*it);
            }
            if (tied > kMaxTraced) edge.clear();
            traced.insert(traced.end(), edge.begin(), edge.end());
            if (!edge.empty()) traced.push_back(window.ids.back());
        }
        if (traced.empty()) return;
        std::map<Xapian::docid, Trace> traces;
        for (const Xapian::docid d : traced)
            if (!traces.contains(d)) traces.emplace(d, trace(d));
        const std::vector<std::uint32_t>& of = lengths_->of;
        auto length = [&](Xapian::docid d) { return d < of.size() ? of[d] : 0u; };
        for (const Xapian::docid d : window.ids) window.lengths.push_back(length(d));
        // Made alike, and of the same length part now (they weigh the same now).
        auto alike = [&](Xapian::docid a, Xapian::docid b) {
            if (!window.same_length_part(length(a), length(b), len_factor_)) return false;
            const auto ta = traces.find(a);
            const auto tb = traces.find(b);
            return ta != traces.end() && tb != traces.end() && ta->second == tb->second;
        };
        for (std::size_t i = 1; i < n; ++i) {
            for (std::size_t j = i; j-- > 0 && w[j] == w[i];) {
                if (alike(window.ids[j], window.ids[i])) {
                    window.alike[i] = window.alike[j];
                    break;
                }
            }
        }
        const Xapian::docid end = window.ids.back();
        if (edge.empty() ||
            !std::ranges::all_of(edge, [&](Xapian::docid d) { return alike(end, d); }))
            return;
        window.left_alike = true;
        window.left_shortest = window.left_longest = length(end);
        for (const Xapian::docid d : edge) {
            window.left_shortest = std::min(window.left_shortest, length(d));
            window.left_longest = std::max(window.left_longest, length(d));
        }
        // Every other document left out weighs less than the last (0: there is none).
        window.beyond = others;
    }

    // What document d's weight is made of, from the calls noted while weighing.
    [[nodiscard]] Trace trace(Xapian::docid d) const {
        Trace out;
        for (std::size_t k = 0; k < calls_.size(); ++k) {
            const Call& call = calls_[k];
            if (call.mask != nullptr && !call.mask->contains(d)) continue;
            const auto& ids = call.list->ids;
            const auto it = std::lower_bound(ids.begin(), ids.end(), d);
            if (it == ids.end() || *it != d) continue;
            const std::uint64_t wdf = call.weighs_wdf ? call.list->wdfs[it - ids.begin()] : 0u;
            out.push_back(std::uint64_t{k} << 32 | wdf);
        }
        return out;
    }

    // A set the weighing of a part is masked by, kept for trace() as long as the pass.
    const DocSet* keep(DocSet&& set) { return &masks_.emplace_back(std::move(set)); }

    // Xapian's percentages: 100 for the best document times the share of the query's leaves
    // (terms, with repeats, and posting sources; not what only filters) it matches, the others
    // in proportion to their weight.
    double percent_scale(Xapian::docid best, const std::vector<RankPart>& parts,
                         const std::vector<WeightedTerm>& sources) {
        const double top = scratch_.weight[best];
        if (top <= 0) return 0.0;
        std::size_t leaves = sources.size();
        std::size_t matched = 0;
        for (const auto& source : sources)
            if (has_term(best, source.term)) ++matched;
        for (const auto& part : parts) matched += matching_leaves(part.query, best, leaves);
        if (leaves == 0) return 0.0;
        return 100.0 * static_cast<double>(matched) / static_cast<double>(leaves) / top;
    }

    bool has_term(Xapian::docid d, const std::string& term) {
        const auto list = ranker_.postings_.get(db_, state_, term);
        return std::binary_search(list->ids.begin(), list->ids.end(), d);
    }

    // How many leaves of query match at document d (which the whole query matches); adds every
    // weighted leaf to `leaves`.
    std::size_t matching_leaves(const Xapian::Query& query, Xapian::docid d, std::size_t& leaves) {
        const auto n = query.get_num_subqueries();
        switch (query.get_type()) {
            case Xapian::Query::LEAF_TERM:
                ++leaves;
                return has_term(d, *query.get_terms_begin()) ? 1 : 0;
            case Xapian::Query::OP_FILTER:
            case Xapian::Query::OP_AND_NOT:
                return n == 0 ? 0 : matching_leaves(query.get_subquery(0), d, leaves);
            case Xapian::Query::OP_AND:
            case Xapian::Query::OP_PHRASE:
            case Xapian::Query::OP_NEAR: {
                std::size_t sum = 0;
                for (std::size_t i = 0; i < n; ++i)
                    sum += matching_leaves(query.get_subquery(i), d, leaves);
                const std::optional<DocSet> all = matches(query);
                return all && all->contains(d) ? sum : 0;
            }
            default: {  // OR, AND_MAYBE: the children that match
                std::size_t sum = 0;
                for (std::size_t i = 0; i < n; ++i)
                    sum += matching_leaves(query.get_subquery(i), d, leaves);
                return sum;
            }
        }
    }

    // What query matches, from the counter; a phrase's set is found by a matcher pass, and
    // both the weighing and the percentages need it: each set is evaluated once per pass.
    std::optional<DocSet> matches(const Xapian::Query& query) {
        std::string key = query.serialise();
        if (auto it = matches_.find(key); it != matches_.end()) return it->second;
        std::optional<DocSet> set = sets_.matches(db_, state_, query);
        matches_.emplace(std::move(key), set);
        return set;
    }

    // What children [first, last) of query all match.
    std::optional<DocSet> matches_all(const Xapian::Query& query, std::size_t first,
                                      std::size_t last) {
        std::optional<DocSet> out;
        for (std::size_t i = first; i < last; ++i) {
            std::optional<DocSet> next = matches(query.get_subquery(i));
            if (!next) return std::nullopt;
            if (!out)
                out = std::move(next);
            else
                out->intersect(*next);
        }
        return out ? out : DocSet();
    }

    // BM25 as Xapian's BM25Weight(k1, 0, 1, b, min_normlen) computes it for a term of the query
    // with wqf 1 (what the query parser and the engine give every term).
    void add_term(const std::string& term, double scale, const DocSet* mask) {
        const auto list = ranker_.postings_.get(db_, state_, term);
        calls_.push_back({list, mask, true});
        frequencies_.push_back(static_cast<Xapian::doccount>(list->ids.size()));
        const double frequency = static_cast<double>(list->ids.size());
        if (frequency == 0) return;
        const Params& p = ranker_.params_;
        double termweight = term_idf(static_cast<double>(docs_), frequency) * scale;
        if (p.k1 != 0) termweight *= p.k1 + 1;
        // Every value the loop reads, in locals: nothing it stores can change them.
        const std::uint32_t* const lengths = lengths_->of.data();
        const std::size_t known_lengths = lengths_->of.size();
        const Xapian::docid* const ids = list->ids.data();
        const std::uint16_t* const wdfs = list->wdfs.data();
        const double k1 = p.k1;
        const double b = p.b;
        const double min_normlen = p.min_normlen;
        const double len_factor = len_factor_;
        Adder adder(scratch_);
        auto weigh = [&](std::size_t i) {
            const Xapian::docid d = ids[i];
            const double wdf = wdfs[i];
            const double length = d < known_lengths ? lengths[d] : 0.0;
            const double normlen = std::max(length * len_factor, min_normlen);
            const double denom = k1 * (normlen * b + (1 - b)) + wdf;
            adder.add(d, denom > 0 ? termweight * (wdf / denom) : 0.0);
        };
        for_each_posting(ids, list->ids.size(), mask, weigh);
    }

    Ranker& ranker_;
    Xapian::Database& db_;
    const IndexState& state_;
    MatchCounter& sets_;
    std::shared_ptr<const Lengths> lengths_;
    Xapian::doccount docs_;
    double len_factor_;
    Scratch& scratch_;
    std::unordered_map<std::string, std::optional<DocSet>> matches_;  ///< by serialised query
    /// Each weighed term's frequency, in the order add_term weighed them.
    std::vector<Xapian::doccount> frequencies_;
    /// Each weighing call in order: a term's or a source's postings, within a mask (the
    /// ranking's filter or candidates, a part's set kept in masks_; null: everywhere).
    struct Call {
        std::shared_ptr<const TermPostings> list;
        const DocSet* mask = nullptr;
        bool weighs_wdf = true;  ///< false for a source's fixed weight
    };
    std::vector<Call> calls_;
    std::deque<DocSet> masks_;
};

std::shared_ptr<const Ranker::Lengths> Ranker::lengths(Xapian::Database& db,
                                                       const IndexState& state) {
    // Built once per revision, the others wait for it.
    std::lock_guard lock(lengths_mutex_);
    if (lengths_ && lengths_->generation == state.generation &&
        lengths_->revision == state.revision)
        return lengths_;
    auto out = std::make_shared<Lengths>();
    out->generation = state.generation;
    out->revision = state.revision;
    // A commit the log knows reports the id term of every document it wrote: only those
    // lengths change (reading all of them takes 2 ms for 92,000 documents).
    // Past a few commits (a batch, an import), reading every length is cheaper.
    const bool near = lengths_ && lengths_->generation == state.generation &&
                      lengths_->revision <= state.revision &&
                      state.revision - lengths_->revision <= DocumentChanges::kMaxCommits;
    const auto changed =
        near && commits_
            ? commits_->changed_between(state.generation, lengths_->revision, state.revision)
            : std::nullopt;
    out->of.assign(db.get_lastdocid() + 1, 0);
    if (changed) {
        std::copy_n(lengths_->of.begin(), std::min(lengths_->of.size(), out->of.size()),
                    out->of.begin());
        for (const std::string& id_term : id_terms(*changed)) {
            // A deleted document keeps its old length: no postings list holds it any more.
            const auto it = db.postlist_begin(id_term);
            if (it != db.postlist_end(id_term) && *it < out->of.size())
                out->of[*it] = db.get_doclength(*it);
        }
    } else {
        ++lengths_read_;
        for (auto it = db.postlist_begin(""), end = db.postlist_end(""); it != end; ++it)
            out->of[*it] = it.get_doclength();
    }
    // A search still on an older revision keeps its own list without replacing the newer one.
    if (!lengths_ || lengths_->generation != state.generation ||
        lengths_->revision < state.revision)
        lengths_ = out;
    return out;
}

std::optional<std::vector<RankedHit>> Ranker::rank(Xapian::Database& db, const IndexState& state,
                                                   MatchCounter& sets,
                                                   const std::vector<RankPart>& parts,
                                                   const std::vector<WeightedTerm>& sources,
                                                   const Xapian::Query& filter, std::size_t offset,
                                                   std::size_t count, RankWindow* window) {
    std::optional<DocSet> allowed;
    if (!filter.empty()) {
        allowed = sets.matches(db, state, filter);
        if (!allowed) return std::nullopt;
    }
    const DocSet* mask = allowed ? &*allowed : nullptr;
    Pass pass(*this, db, state, sets);
    for (const auto& part : parts)
        if (!pass.add(part.query, part.scale, mask)) return std::nullopt;
    for (const auto& source : sources) pass.add_fixed(source.term, source.weight, mask);
    return pass.page(offset, count, parts, sources, offset == 0 ? window : nullptr);
}

std::optional<std::vector<RankedHit>> Ranker::rerank(
    Xapian::Database& db, const IndexState& state, MatchCounter& sets,
    const std::vector<RankPart>& parts, const std::vector<WeightedTerm>& sources,
    const Xapian::Query& filter, std::size_t count, const RankWindow& before,
    const std::vector<std::string>& written, RankWindow* window) {
    // The window's documents and the written ones still in the index, within the filter.
    DocSet candidates(db.get_lastdocid());
    for (const Xapian::docid id : before.ids) candidates.add(id);
    const Xapian::docid last = before.ids.empty() ? 0 : before.ids.back();
    bool last_written = false;
    for (const std::string& id_term : written) {
        const auto it = db.postlist_begin(id_term);
        if (it == db.postlist_end(id_term)) continue;
        candidates.add(*it);
        last_written = last_written || *it == last;
    }
    if (!filter.empty()) {
        const std::optional<DocSet> allowed = sets.matches(db, state, filter);
        if (!allowed) return std::nullopt;
        candidates.intersect(*allowed);
    }
    Pass pass(*this, db, state, sets);
    // Each candidate gets the same additions in the same order as in rank(): the same weights.
    for (const auto& part : parts)
        if (!pass.add(part.query, part.scale, &candidates)) return std::nullopt;
    for (const auto& source : sources) pass.add_fixed(source.term, source.weight, &candidates);
    std::optional<double> rise;
    if (before.more) {
        rise = pass.rise_since(before);
        if (!rise) return std::nullopt;
    }
    RankWindow now;
    std::vector<RankedHit> hits = pass.page(0, count, parts, sources, &now);
    if (before.more) {
        // A relative margin far above the rounding of a sum of a few dozen weights.
        const double others = before.beyond * *rise * (1 + 1e-9);
        if (hits.size() < count || !(hits.back().weight > others)) return std::nullopt;
        now.more = true;
        now.beyond = std::max(now.beyond, others);
        if (before.left_alike) {
            // The documents left out that were alike with the last still weigh what it weighs
            // and rank right after it, as long as it was not written and their length parts
            // stayed the same: the page must end at it or before it.
            const std::optional<double> weight = pass.weight_of(last);
            if (last_written || !weight || !before.left_still_tied(length_factor(db)))
                return std::nullopt;
            const RankedHit& end = hits.back();
            if (end.id == last) {
                now.left_shortest = now.left_alike
                                        ? std::min(now.left_shortest, before.left_shortest)
                                        : before.left_shortest;
                now.left_longest = now.left_alike ? std::max(now.left_longest, before.left_longest)
                                                  : before.left_longest;
                now.left_alike = true;
            } else {
                if (end.weight < *weight || (end.weight == *weight && end.id > last))
                    return std::nullopt;
                now.beyond = std::max(now.beyond, *weight);
            }
        }
    }
    if (window != nullptr) *window = std::move(now);
    return hits;
}

double length_factor(const Xapian::Database& db) {
    const double average = db.get_avlength();
    return average > 0 ? 1.0 / average : 0.0;
}

std::optional<double> weight_spread(const RankWindow& window, const Xapian::Database& db) {
    const Xapian::doccount docs = db.get_doccount();
    const double len_factor = length_factor(db);
    if (docs == window.docs && len_factor == window.len_factor) return 1.0;
    // No commit wrote any of the terms: their frequencies are those of then.
    const std::optional<Moves> moves = weight_moves(window, docs, len_factor, window.frequencies);
    if (!moves) return std::nullopt;
    return moves->rise / moves->fall;
}

}  // namespace kb
