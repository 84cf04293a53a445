/// @brief ResultCache: LRU list plus hash index under one mutex, sized by an estimate of bytes.
#include "result_cache.hpp"

namespace kb {

namespace {

// Roughly what an entry holds on the heap; enough to keep the cache within its budget
// (checked against the process's memory with and without the cache after the 2,809 CDTN
// phrasings: the estimate without the JSON nodes' own size was 37 % short).
std::size_t estimated_bytes(const std::string& key, const SearchResponse& r,
                            const QueryWatch& watch) {
    std::size_t bytes = 256 + 2 * key.size();
    // Twice the texts: the parsed hits, then their JSON rendering; each member of a hit's data
    // is a tree node holding its name and a value (about 128 bytes before their texts).
    for (const auto& hit : r.hits) {
        bytes += 1024 + 2 * hit.snippet.size();
        // Counted though the document cache may share it: it holds it as long as it is cached.
        bytes += hit.shown->json.size();
        for (const auto& [name, value] : hit.data().items()) {
            bytes += 128 + name.size() +
                     (value.is_string() ? 2 * value.get_ref<const std::string&>().size() : 32);
            if (value.is_array()) bytes += 48 * value.size();
        }
    }
    for (const auto& [name, values] : r.facets) bytes += 64 + values.size() * 64;
    bytes += r.basis_bytes;
    for (const auto* list : {&watch.terms, &watch.prefixes}) {
        for (const auto& term : *list) bytes += 32 + term.size();
    }
    return bytes;
}

}  // namespace

std::shared_ptr<const SearchResponse> ResultCache::get(const std::string& key,
                                                       const IndexState& state, Stale* stale,
                                                       const OrderHolds& order_holds) {
    if (max_bytes_ == 0) return nullptr;
    std::lock_guard lock(mutex_);
    auto it = by_key_.find(key);
    if (it == by_key_.end()) {
        ++stats_.misses;
        return nullptr;
    }
    Entry& entry = *it->second;
    if (entry.state.generation != state.generation || entry.state.revision != state.revision) {
        // A reader behind the entry (it has not reopened yet) misses and leaves it be.
        const bool later =
            entry.state.generation == state.generation && entry.state.revision < state.revision;
        if (!later) {
            ++stats_.misses;
            return nullptr;
        }
        // The commit log is read under the cache's lock: its own lock is never held while it
        // calls back here, so the order is always cache then log.
        const auto verdict = commits_ == nullptr
                                 ? CommitLog::Verdict::unknown
                                 : commits_->compare(state.generation, entry.state.revision,
                                                     state.revision, entry.watch);
        if (verdict != CommitLog::Verdict::unchanged) {
            // A commit not in the log yet may be about to be: the entry stays until the
            // recomputed answer replaces it.
            if (verdict == CommitLog::Verdict::changed && stale != nullptr &&
                entry.response->basis) {
                *stale = Stale{entry.response, entry.watch, entry.state, false};
                return nullptr;
            }
            if (verdict == CommitLog::Verdict::changed) {
                erase_locked(it->second);
                ++stats_.dropped;
            }
            ++stats_.misses;
            return nullptr;
        }
        if (stale != nullptr && order_holds && entry.response->basis &&
            !order_holds(*entry.response)) {
            *stale = Stale{entry.response, entry.watch, entry.state, true};
            return nullptr;
        }
        entry.state.revision = state.revision;
        ++stats_.carried;
    }
    lru_.splice(lru_.begin(), lru_, it->second);
    ++stats_.hits;
    return entry.response;
}

void ResultCache::put(const std::string& key, const IndexState& state,
                      std::shared_ptr<const SearchResponse> response, QueryWatch watch) {
    if (max_bytes_ == 0) return;
    const std::size_t bytes = estimated_bytes(key, *response, watch);
    if (bytes > max_bytes_ / 4) return;  // one huge page must not flush everything else
    std::lock_guard lock(mutex_);
    if (state.generation != generation_) {
        // A rebuild's new generation: nothing computed on the previous one can be carried over.
        stats_.dropped += lru_.size();
        clear_locked();
        generation_ = state.generation;
    }
    if (auto it = by_key_.find(key); it != by_key_.end()) erase_locked(it->second);
    lru_.push_front(Entry{key, std::move(response), bytes, state, std::move(watch)});
    by_key_[key] = lru_.begin();
    stats_.bytes += bytes;
    while (stats_.bytes > max_bytes_ && !lru_.empty()) erase_locked(std::prev(lru_.end()));
    stats_.entries = lru_.size();
}

void ResultCache::erase_locked(std::list<Entry>::iterator it) {
    stats_.bytes -= it->bytes;
    by_key_.erase(it->key);
    lru_.erase(it);
    stats_.entries = lru_.size();
}

void ResultCache::clear_locked() {
    lru_.clear();
    by_key_.clear();
    stats_.bytes = 0;
    stats_.entries = 0;
}

void ResultCache::refreshed(bool done, bool within_window) {
    std::lock_guard lock(mutex_);
    if (done) {
        ++stats_.hits;
        ++stats_.refreshed;
        if (within_window) ++stats_.refreshed_within_window;
    } else {
        ++stats_.misses;
    }
}

void ResultCache::shared(bool had_stale, bool refreshed) {
    std::lock_guard lock(mutex_);
    ++stats_.shared;
    if (!had_stale) return;  // get() counted its miss
    if (refreshed)
        ++stats_.hits;
    else
        ++stats_.misses;
}

ResultCache::Stats ResultCache::stats() {
    std::lock_guard lock(mutex_);
    return stats_;
}

}  // namespace kb
