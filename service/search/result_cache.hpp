/// @brief A bounded LRU of search responses, each valid for the index state it was computed on.
#pragma once

#include "search_types.hpp"

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace kb {

/// Search traffic follows popularity: the same few thousand questions come back all day. A
/// response is kept for one index state (generation and revision): a response computed on
/// another state empties the cache, and a lookup on another state misses, so a cached answer is
/// always the one the index would give now.
class ResultCache {
  public:
    /// max_bytes 0 disables the cache.
    explicit ResultCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

    /// The response cached for key on index state version, or null.
    [[nodiscard]] std::shared_ptr<const SearchResponse> get(const std::string& key,
                                                            const std::string& version);
    void put(const std::string& key, const std::string& version,
             std::shared_ptr<const SearchResponse> response);

    struct Stats {
        std::size_t hits = 0;
        std::size_t misses = 0;
        std::size_t entries = 0;
        std::size_t bytes = 0;
    };
    [[nodiscard]] Stats stats();

  private:
    struct Entry {
        std::string key;
        std::shared_ptr<const SearchResponse> response;
        std::size_t bytes = 0;
    };
    void clear_locked();

    std::size_t max_bytes_;
    std::mutex mutex_;
    std::string version_;
    std::list<Entry> lru_;  ///< most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
    Stats stats_;
};

}  // namespace kb
