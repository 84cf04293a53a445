/// @brief The values a search takes and gives: request, filters, hits, facets, response.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace kb {

struct SearchFilters {
    std::vector<std::string> kinds;
    std::vector<std::string> tags;
    std::vector<std::string> steps;
    std::vector<std::string> structure_types;
    std::vector<std::string> territories;
    std::vector<std::string> statuses;   ///< thread status (unanswered | answered | solved)
    std::vector<std::string> sources;    ///< local | forum
    std::vector<std::string> types;      ///< resource type
    std::vector<std::string> licences;   ///< resource licence
    std::vector<std::string> audiences;  ///< resource audience
    [[nodiscard]] bool empty() const {
        return kinds.empty() && tags.empty() && steps.empty() && structure_types.empty() &&
               territories.empty() && statuses.empty() && sources.empty() && types.empty() &&
               licences.empty() && audiences.empty();
    }
};

struct SearchRequest {
    std::string q;
    SearchFilters filters;
    bool sort_recent = false;
    int page = 1;
    int per_page = 10;
    bool use_cache = true;  ///< false: computed afresh (Cache-Control: no-cache)
};

/// What a result says of a document, read once and shared by every answer showing it.
struct HitData {
    nlohmann::json data;  ///< discarded when the stored data is not JSON
    std::string json;     ///< data serialised: answers are written from it, not copied
    /// The document's id term (its data's id under the id prefix, as the indexer writes both),
    /// by which commits name the documents they wrote; empty when its data has no id.
    std::string id_term;
};

struct SearchHit {
    std::shared_ptr<const HitData> shown;
    std::string snippet;  ///< HTML-escaped text with <mark> around matches
    double score = 0;
    /// id, kind, slug, title, summary, url, tags, updated_at
    [[nodiscard]] const nlohmann::json& data() const { return shown->data; }
};

struct FacetValue {
    std::string value;
    std::size_t count = 0;
    bool operator==(const FacetValue&) const = default;
};

/// A text made from a value at most once, whoever asks first; later callers share it.
class Memo {
  public:
    const std::string& get(const std::function<std::string()>& make) {
        std::call_once(once_, [&] { value_ = make(); });
        return value_;
    }

  private:
    std::once_flag once_;
    std::string value_;
};

/// What a ranked first page was computed with (search_engine.cpp): lets an answer a commit
/// changed be refreshed — its counts taken again, the commit's documents weighed against the
/// page — instead of computed again.
struct RankBasis;
struct RankWindow;

struct SearchResponse {
    std::optional<std::string> corrected_query;
    std::size_t total = 0;
    bool exact = true;  ///< false when total was estimated (large result sets, or partial)
    /// false when the facet counts were estimated from the matches examined (scaled to total)
    bool facets_exact = true;
    bool partial = false;  ///< the deadline stopped the matcher: the best of what it had examined
    std::vector<SearchHit> hits;
    std::map<std::string, std::vector<FacetValue>> facets;
    /// The HTTP layer's serialisation of this response: a cached response is rendered once.
    std::shared_ptr<Memo> rendering = std::make_shared<Memo>();
    /// The search page's HTML of the results and of the facets, likewise rendered once (both
    /// depend only on what the cache key holds: the analysed query, filters and page).
    std::shared_ptr<Memo> page_results = std::make_shared<Memo>();
    std::shared_ptr<Memo> page_facets = std::make_shared<Memo>();
    /// Set on a ranked first page whose counts came from document sets; null otherwise.
    std::shared_ptr<const RankBasis> basis;
    std::size_t basis_bytes = 0;  ///< roughly what basis holds, for the cache's budget
    /// What the ranking behind basis left at this answer's revision, for its next refresh
    /// (Ranker::rerank); null when it left nothing.
    std::shared_ptr<const RankWindow> window;
};

/// What a search gives: an immutable response, possibly shared with the result cache.
struct SearchOutcome {
    std::shared_ptr<const SearchResponse> response;
    bool from_cache = false;
    bool refreshed = false;  ///< from the cache, its counts taken again after a commit
    bool shared = false;     ///< computed for another request asking the same meanwhile
};

}  // namespace kb
