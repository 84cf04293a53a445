/// @brief ResultCache: LRU list plus hash index under one mutex, sized by an estimate of bytes.
#include "result_cache.hpp"

namespace kb {

namespace {

// Roughly what an entry holds on the heap; enough to keep the cache within its budget.
std::size_t estimated_bytes(const std::string& key, const SearchResponse& r) {
    std::size_t bytes = 256 + 2 * key.size();
    // Twice the texts: the parsed hits, then their JSON rendering.
    for (const auto& hit : r.hits) {
        bytes += 1024 + 2 * hit.snippet.size();
        for (const auto& [name, value] : hit.data.items()) {
            bytes += name.size() +
                     (value.is_string() ? 2 * value.get_ref<const std::string&>().size() : 32);
        }
    }
    for (const auto& [name, values] : r.facets) bytes += 64 + values.size() * 64;
    return bytes;
}

}  // namespace

std::shared_ptr<const SearchResponse> ResultCache::get(const std::string& key,
                                                       const std::string& version) {
    if (max_bytes_ == 0) return nullptr;
    std::lock_guard lock(mutex_);
    auto it = by_key_.find(key);
    if (version != version_ || it == by_key_.end()) {
        ++stats_.misses;
        return nullptr;
    }
    lru_.splice(lru_.begin(), lru_, it->second);
    ++stats_.hits;
    return it->second->response;
}

void ResultCache::put(const std::string& key, const std::string& version,
                      std::shared_ptr<const SearchResponse> response) {
    if (max_bytes_ == 0) return;
    const std::size_t bytes = estimated_bytes(key, *response);
    if (bytes > max_bytes_ / 4) return;  // one huge page must not flush everything else
    std::lock_guard lock(mutex_);
    if (version != version_) {
        // Every lease reopens its reader to the latest commit first, so a different version is
        // a newer one (or, for a moment, a reader that had not reopened yet: a few misses).
        clear_locked();
        version_ = version;
    }
    if (auto it = by_key_.find(key); it != by_key_.end()) {
        stats_.bytes -= it->second->bytes;
        lru_.erase(it->second);
        by_key_.erase(it);
    }
    lru_.push_front(Entry{key, std::move(response), bytes});
    by_key_[key] = lru_.begin();
    stats_.bytes += bytes;
    while (stats_.bytes > max_bytes_ && !lru_.empty()) {
        stats_.bytes -= lru_.back().bytes;
        by_key_.erase(lru_.back().key);
        lru_.pop_back();
    }
    stats_.entries = lru_.size();
}

void ResultCache::clear_locked() {
    lru_.clear();
    by_key_.clear();
    stats_.bytes = 0;
    stats_.entries = 0;
}

ResultCache::Stats ResultCache::stats() {
    std::lock_guard lock(mutex_);
    return stats_;
}

}  // namespace kb
