/// @brief A bounded LRU of search responses, each valid for the index state it was computed on
/// and carried over the commits that cannot change it.
#pragma once

#include "commit_log.hpp"
#include "search_types.hpp"

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace kb {

/// Where a reader stands: the index generation (a rebuild makes a new one) and its revision.
struct IndexState {
    std::string generation;
    Xapian::rev revision = 0;
};

/// Search traffic follows popularity: the same few thousand questions come back all day. A
/// response is computed on one index state. A lookup on a later revision of the same generation
/// still returns it when the commit log knows every commit in between and none wrote a document
/// with a term the response's query watches (a forum post about "licenciement" leaves "congés
/// payés" cached); otherwise the entry is dropped and the lookup misses, so a cached answer never
/// misses a committed document — or, when the caller can refresh it (a ranked first page), it is
/// given back to be brought up to date (SearchEngine::refresh). A carried-over answer keeps the
/// collection statistics (document count, average length) of the state it was computed on: the
/// caller can tell whether its order still holds (OrderHolds), else it is given back to be
/// refreshed too.
class ResultCache {
  public:
    /// max_bytes 0 disables the cache. Without a commit log, any new revision misses.
    explicit ResultCache(std::size_t max_bytes, const CommitLog* commits = nullptr)
        : max_bytes_(max_bytes), commits_(commits) {}

    /// The log this cache reads to carry answers over commits (null: none).
    [[nodiscard]] const CommitLog* commit_log() const { return commits_; }

    /// An answer a commit since has changed, given back to be refreshed rather than dropped.
    struct Stale {
        std::shared_ptr<const SearchResponse> response;
        QueryWatch watch;
        IndexState state;  ///< the state it held on
        /// No commit since wrote a document it watches: only its order may have moved.
        bool order_only = false;
    };
    /// Whether an answer computed at an earlier revision, which no commit since changed, is still
    /// in the order a search now would give. Called under the cache's lock: it must be quick.
    using OrderHolds = std::function<bool(const SearchResponse&)>;
    /// The response cached for key that holds on index state `state`, or null. With `stale`, an
    /// answer that can be refreshed (SearchResponse::basis) and that a logged commit changed, or
    /// whose order `order_holds` says moved, is given there and kept, uncounted: the caller says
    /// what came of it (refreshed()).
    [[nodiscard]] std::shared_ptr<const SearchResponse> get(const std::string& key,
                                                            const IndexState& state,
                                                            Stale* stale = nullptr,
                                                            const OrderHolds& order_holds = {});
    /// Counts a stale answer given by get(): a hit when it was refreshed, else a miss;
    /// `within_window` when only its window was ranked again (Ranker::rerank).
    void refreshed(bool done, bool within_window = false);
    /// Counts a request answered by another's computation of the same key, waited for
    /// (SearchEngine's single flight). A stale answer given by get() is counted here as its
    /// refresh would have been: a hit when the awaited answer is a refresh, else a miss.
    void shared(bool had_stale, bool refreshed);
    void put(const std::string& key, const IndexState& state,
             std::shared_ptr<const SearchResponse> response, QueryWatch watch = {});

    struct Stats {
        std::size_t hits = 0;
        std::size_t misses = 0;
        std::size_t entries = 0;
        std::size_t bytes = 0;
        std::size_t carried = 0;    ///< hits on an entry computed before the reader's revision
        std::size_t dropped = 0;    ///< entries a commit (or a newer generation) made stale
        std::size_t refreshed = 0;  ///< hits on a stale entry refreshed instead of computed
        std::size_t refreshed_within_window = 0;  ///< of which only the window was ranked again
        std::size_t shared = 0;  ///< answers another request was computing, waited for
    };
    [[nodiscard]] Stats stats();

  private:
    struct Entry {
        std::string key;
        std::shared_ptr<const SearchResponse> response;
        std::size_t bytes = 0;
        IndexState state;
        QueryWatch watch;
    };
    void erase_locked(std::list<Entry>::iterator it);
    void clear_locked();

    std::size_t max_bytes_;
    const CommitLog* commits_;
    std::mutex mutex_;
    std::string generation_;
    std::list<Entry> lru_;  ///< most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
    Stats stats_;
};

}  // namespace kb
