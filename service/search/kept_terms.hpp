/// @brief KeptTerms: what was read from a term's postings, kept in memory while no commit
/// writes the term (the commit log says), shared by the match counter and the ranker.
#pragma once

#include "commit_log.hpp"
#include "result_cache.hpp"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kb {

/// `Value` is built from one term's postings by the reader given to get(), and tells its size
/// with `bytes()`. A value is reused on a later revision when every commit in between is in the
/// commit log and none wrote a document with the term; a commit the log has not heard of (an
/// indexer run) makes it read again. The empty term stands for every document (the doclength
/// list): any added or deleted document changes it, so it is kept for one revision only.
template <class Value>
class KeptTerms {
  public:
    /// `max_bytes`: memory for kept values; when full, the half cheapest to read again is
    /// dropped. Terms in fewer than `min_kept_frequency` documents are read again each time.
    KeptTerms(const CommitLog* commits, std::size_t max_bytes, Xapian::doccount min_kept_frequency)
        : commits_(commits), max_bytes_(max_bytes), min_kept_frequency_(min_kept_frequency) {}

    /// `read(db, term, frequency)` returns the Value of term and sets how many documents it
    /// read (what reading it again costs).
    template <class Read>
    std::shared_ptr<const Value> get(Xapian::Database& db, const IndexState& state,
                                     const std::string& term, Read&& read) {
        const bool all_documents = term.empty();
        {
            std::lock_guard lock(mutex_);
            if (auto it = kept_.find(term);
                it != kept_.end() && it->second.generation == state.generation) {
                Entry& entry = it->second;
                if (entry.revision == state.revision) return entry.value;
                if (!all_documents && commits_ != nullptr) {
                    QueryWatch watch;
                    watch.terms = {term};
                    const auto [from, to] = std::minmax(entry.revision, state.revision);
                    if (commits_->compare(state.generation, from, to, watch) ==
                        CommitLog::Verdict::unchanged) {
                        // Still right at the later revision: the next lookup skips the log.
                        entry.revision = std::max(entry.revision, state.revision);
                        return entry.value;
                    }
                }
            }
        }
        Xapian::doccount frequency = 0;
        auto value = std::make_shared<const Value>(read(db, term, frequency));
        ++reads_;
        if (!all_documents && frequency < min_kept_frequency_) return value;
        std::lock_guard lock(mutex_);
        auto [it, inserted] = kept_.try_emplace(term);
        // Another search may have read a later revision meanwhile: the later one stays.
        if (!inserted && it->second.generation == state.generation &&
            it->second.revision > state.revision)
            return value;
        if (!inserted) bytes_ -= it->second.value->bytes();
        if (bytes_ + value->bytes() > max_bytes_) {
            kept_.erase(it);
            evict_locked();
            it = kept_.try_emplace(term).first;
        }
        it->second = Entry{state.generation, state.revision, value, frequency};
        bytes_ += value->bytes();
        return value;
    }

    /// How many values were read from the index so far (the rest came from memory).
    [[nodiscard]] std::size_t reads() const { return reads_.load(); }

  private:
    struct Entry {
        std::string generation;
        Xapian::rev revision = 0;
        std::shared_ptr<const Value> value;
        Xapian::doccount frequency = 0;
    };

    /// Makes room (mutex_ held): drops the half of the kept values that are cheapest to read.
    void evict_locked() {
        std::vector<std::pair<Xapian::doccount, std::string>> by_cost;
        by_cost.reserve(kept_.size());
        for (const auto& [term, entry] : kept_) by_cost.emplace_back(entry.frequency, term);
        const auto half = by_cost.begin() + static_cast<std::ptrdiff_t>(by_cost.size() / 2);
        std::nth_element(by_cost.begin(), half, by_cost.end());
        for (auto it = by_cost.begin(); it != half; ++it) {
            bytes_ -= kept_.at(it->second).value->bytes();
            kept_.erase(it->second);
        }
    }

    const CommitLog* commits_;
    std::size_t max_bytes_;
    Xapian::doccount min_kept_frequency_;
    std::atomic<std::size_t> reads_{0};
    std::mutex mutex_;
    std::unordered_map<std::string, Entry> kept_;
    std::size_t bytes_ = 0;
};

}  // namespace kb
