/// @brief Reading the citation graph from an index, keeping it across commits, re-ordering by it.
#include "citation_graph.hpp"

#include "kept_terms.hpp"
#include "search_schema.hpp"
#include "text_lists.hpp"

#include <algorithm>
#include <cmath>

namespace kb {

CitationGraph CitationGraph::read(Xapian::Database& db) {
    CitationGraph graph;
    // Many sheets cite the same articles: each id is looked up once.
    std::unordered_map<std::string, Xapian::docid> resolved;
    auto docid_of = [&](const std::string& id) {
        auto [it, fresh] = resolved.try_emplace(id, 0);
        if (fresh) {
            const std::string term = schema::kIdPrefix + id;
            auto posting = db.postlist_begin(term);
            if (posting != db.postlist_end(term)) it->second = *posting;
        }
        return it->second;
    };
    for (auto v = db.valuestream_begin(schema::kCitesSlot);
         v != db.valuestream_end(schema::kCitesSlot); ++v) {
        const Xapian::docid from = v.get_docid();
        const std::string list = *v;
        std::vector<Xapian::docid> cited;
        for (const std::string_view id : list_items(list, '\n')) {
            const Xapian::docid to = docid_of(std::string(id));
            if (to != 0 && to != from) cited.push_back(to);
        }
        // Sorted once (add() keeps a list sorted one insertion at a time).
        std::sort(cited.begin(), cited.end());
        cited.erase(std::unique(cited.begin(), cited.end()), cited.end());
        if (cited.empty()) continue;
        graph.edges_ += cited.size();
        graph.cites_[from] = std::move(cited);
    }
    return graph;
}

void CitationGraph::add(Xapian::docid from, Xapian::docid to) {
    if (from == to) return;
    auto& cited = cites_[from];
    auto at = std::lower_bound(cited.begin(), cited.end(), to);
    if (at != cited.end() && *at == to) return;
    cited.insert(at, to);
    ++edges_;
}

bool rerank_by_citations(std::vector<RankedHit>& hits, const CitationGraph& graph,
                         const CitationTuning& tuning) {
    const std::size_t n = std::min(hits.size(), tuning.window);
    if (n < 2 || tuning.weight <= 0 || graph.empty()) return false;
    // Weight of the window's documents, by id (a window is small: a sorted vector).
    std::vector<std::pair<Xapian::docid, std::size_t>> position;
    position.reserve(n);
    for (std::size_t i = 0; i < n; ++i) position.emplace_back(hits[i].id, i);
    std::sort(position.begin(), position.end());
    auto index_of = [&](Xapian::docid id) -> std::ptrdiff_t {
        auto it = std::lower_bound(position.begin(), position.end(),
                                   std::pair<Xapian::docid, std::size_t>{id, 0});
        return it != position.end() && it->first == id ? static_cast<std::ptrdiff_t>(it->second)
                                                       : -1;
    };
    std::vector<double> gain(n, 0.0);
    bool moved = false;
    for (std::size_t i = 0; i < n; ++i) {
        const std::vector<Xapian::docid>* cited = graph.cites(hits[i].id);
        if (cited == nullptr) continue;
        const double share = 1.0 / std::pow(static_cast<double>(cited->size()), tuning.exponent);
        // What i cites and finds among the best supports i; what the best cite gains.
        auto link = [&](std::size_t j) {
            gain[i] += tuning.weight * hits[j].weight * share;
            if (i < tuning.citing) gain[j] += tuning.weight * hits[i].weight * share;
            moved = true;
        };
        // Whichever is shorter is walked, the other searched: a document citing thousands
        // costs a search per result, not a lookup per citation.
        if (cited->size() <= n) {
            for (const Xapian::docid to : *cited) {
                const std::ptrdiff_t j = index_of(to);
                if (j >= 0) link(static_cast<std::size_t>(j));
            }
        } else {
            for (std::size_t j = 0; j < n; ++j) {
                if (std::binary_search(cited->begin(), cited->end(), hits[j].id)) link(j);
            }
        }
    }
    if (!moved) return false;
    // Percentages on the ranked scale (percent = weight * scale), so the hits after the window,
    // which keep theirs, still read in order.
    const double scale = hits[0].weight > 0 ? hits[0].percent / hits[0].weight : 0.0;
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return hits[a].weight + gain[a] > hits[b].weight + gain[b];
    });
    std::vector<RankedHit> window;
    window.reserve(n);
    for (const std::size_t i : order) {
        RankedHit hit = hits[i];
        hit.weight += gain[i];
        hit.percent = std::clamp(static_cast<int>(hit.weight * scale), 1, 100);
        window.push_back(hit);
    }
    std::copy(window.begin(), window.end(), hits.begin());
    return true;
}

std::shared_ptr<const CitationGraph> Citations::at(Xapian::Database& db, const IndexState& state) {
    // Read once per index state, the others wait for it.
    std::lock_guard lock(mutex_);
    if (kept_.graph && kept_.generation == state.generation) {
        if (kept_.revision == state.revision) return kept_.graph;
        // Only kb-indexer writes `cites` lists; a commit of this service that wrote no article
        // (a post, a resource) leaves the graph as it was.
        // Either way: a search may still read a revision older than the one kept.
        const auto [from, to] = std::minmax(kept_.revision, state.revision);
        if (commits_ != nullptr) {
            const auto changed = commits_->changed_between(state.generation, from, to);
            const std::string article_prefix = schema::article_id("");
            const bool article_written =
                !changed || std::ranges::any_of(id_terms(*changed), [&](const std::string& t) {
                    return t.rfind(article_prefix, 0) == 0;
                });
            if (!article_written) {
                kept_.revision = to;
                return kept_.graph;
            }
        }
    }
    kept_ = {state.generation, state.revision,
             std::make_shared<const CitationGraph>(CitationGraph::read(db))};
    ++reads_;
    return kept_.graph;
}

std::size_t Citations::reads() const {
    std::lock_guard lock(mutex_);
    return reads_;
}

}  // namespace kb
