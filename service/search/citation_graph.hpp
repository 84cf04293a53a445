/// @brief CitationGraph: which documents cite which (the articles' `cites` lists resolved to
/// document ids at one index state), and the re-ordering of a search's best results by it.
#pragma once

#include "commit_log.hpp"
#include "ranker.hpp"
#include "result_cache.hpp"

#include <xapian.h>

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace kb {

/// How much citations move a ranked page (tests/bench/relevance.sh, CDTN judgements,
/// 2026-11-30: nDCG@10 0.369 → 0.403 at 0.3, 0.401–0.403 from 0.2 to 0.4; weights chosen on
/// half of the topics gained as much on the other half).
struct CitationTuning {
    /// Share of a neighbour's weight a document gains: 0 turns re-ordering off.
    double weight = 0.3;
    /// The best this many results are re-ordered; the ones after keep their order.
    std::size_t window = 50;
    /// Only the best this many results lend weight to what they cite.
    std::size_t citing = 10;
    /// A document citing n others shares its weight as 1 / n^exponent to each (a sheet citing a
    /// whole section of a code says less of each article than one citing a single article).
    double exponent = 0.15;
};

/// Every document with a `cites` list (schema::kCitesSlot) and the documents it cites, by
/// document id at one index state; ids that no indexed document has are left out.
class CitationGraph {
  public:
    static CitationGraph read(Xapian::Database& db);

    /// The documents `id` cites, sorted; null when it cites none.
    [[nodiscard]] const std::vector<Xapian::docid>* cites(Xapian::docid id) const {
        auto it = cites_.find(id);
        return it == cites_.end() ? nullptr : &it->second;
    }
    [[nodiscard]] bool empty() const { return cites_.empty(); }
    [[nodiscard]] std::size_t edges() const { return edges_; }

    /// For tests: document `from` cites `to`.
    void add(Xapian::docid from, Xapian::docid to);

  private:
    std::unordered_map<Xapian::docid, std::vector<Xapian::docid>> cites_;
    std::size_t edges_ = 0;
};

/// Re-orders the best `tuning.window` of `hits` (best first, as ranked): each gains
/// `tuning.weight` times the weight of the documents it cites among them, and of the best
/// `tuning.citing` documents that cite it, each shared out by how many documents the citing one
/// cites (CitationTuning::exponent). A law article cited by the sheets that answer a question
/// rises, and so does a sheet whose articles match. Ties keep the ranked order; the hits after
/// the window keep theirs, and their percentages stay on the same scale (capped at 100).
/// Returns whether any weight moved.
bool rerank_by_citations(std::vector<RankedHit>& hits, const CitationGraph& graph,
                         const CitationTuning& tuning);

/// The citation graph of the index state a search reads, read again only when a commit wrote
/// an article (kb-indexer's, which the log does not know, or a retag): the service's own
/// writes of threads and resources neither cite nor are cited.
class Citations {
  public:
    explicit Citations(const CommitLog* commits) : commits_(commits) {}
    std::shared_ptr<const CitationGraph> at(Xapian::Database& db, const IndexState& state);
    /// How many times the graph was read from an index (tests).
    [[nodiscard]] std::size_t reads() const;

  private:
    struct Kept {
        std::string generation;
        Xapian::rev revision = 0;
        std::shared_ptr<const CitationGraph> graph;
    };
    const CommitLog* commits_;
    mutable std::mutex mutex_;
    Kept kept_;
    std::size_t reads_ = 0;
};

}  // namespace kb
