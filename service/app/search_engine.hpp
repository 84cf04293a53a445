/// @brief Full-text search over the Xapian index: query analysis, filters, facets, snippets,
/// spelling.
#pragma once

#include "index_readers.hpp"
#include "synonym_index.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace kb {

struct SearchFilters {
    std::vector<std::string> kinds;
    std::vector<std::string> tags;
    std::vector<std::string> steps;
    std::vector<std::string> structure_types;
    std::vector<std::string> territories;
    std::vector<std::string> statuses;  ///< thread status (unanswered | answered | solved)
    [[nodiscard]] bool empty() const {
        return kinds.empty() && tags.empty() && steps.empty() && structure_types.empty() &&
               territories.empty() && statuses.empty();
    }
};

struct SearchRequest {
    std::string q;
    SearchFilters filters;
    bool sort_recent = false;
    int page = 1;
    int per_page = 10;
};

struct SearchHit {
    nlohmann::json data;  ///< id, kind, slug, title, summary, url, tags, updated_at
    std::string snippet;  ///< HTML-escaped text with <mark> around matches
    double score = 0;
};

struct FacetValue {
    std::string value;
    std::size_t count = 0;
};

struct SearchResponse {
    std::optional<std::string> corrected_query;
    std::size_t total = 0;
    bool exact = true;  ///< false when total and facets were estimated (very large result sets)
    std::vector<SearchHit> hits;
    std::map<std::string, std::vector<FacetValue>> facets;
};

/// Ranking parameters. The service's defaults were chosen with tests/bench/relevance.sh (CDTN
/// judgements): a high k1 (4) helped most, synonym expansions help at 0.3 and hurt at full weight.
struct SearchTuning {
    double bm25_k1 = 4.0;
    double bm25_b = 0.5;
    double synonym_weight = 0.3;   ///< weight of synonym expansions relative to the typed words
    double all_words_boost = 0.0;  ///< bonus weight for documents with every typed word (0: off)
    double title_weight = 0.2;     ///< weight of matches in titles, on top of the full-text match
    bool match_all_first =
        false;  ///< require every word first, any word only when that finds nothing
    int facet_exact_limit =
        2000;  ///< count totals and facets exactly up to this many matches (0: always)
};

/// Thread-safe: every call leases its own reader.
class SearchEngine {
  public:
    explicit SearchEngine(IndexReaders& readers, SearchTuning tuning = {})
        : readers_(readers), tuning_(tuning) {}

    SearchResponse search(const SearchRequest& request);
    /// Title completions for a box: earlier words must match, the last one as a prefix.
    std::vector<nlohmann::json> suggest(const std::string& q, std::size_t limit);
    /// Documents most similar to the one with this id term, itself excluded.
    std::vector<nlohmann::json> related(const std::string& id_term, std::size_t limit);

  private:
    std::shared_ptr<const SynonymIndex> synonyms_for(const Xapian::Database& db);
    std::string cached_suggestion(const Xapian::Database& db, const std::string& word);

    IndexReaders& readers_;
    SearchTuning tuning_;
    std::mutex synonyms_mutex_;
    std::string synonyms_version_;
    std::shared_ptr<const SynonymIndex> synonyms_;
    std::mutex spelling_mutex_;
    std::string spelling_version_;
    std::unordered_map<std::string, std::string> spelling_cache_;
};

}  // namespace kb
