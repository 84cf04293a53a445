/// @brief KeptTerms: what was read from a term's postings, kept in memory while no commit
/// writes the term (the commit log says), shared by the match counter and the ranker.
#pragma once

#include "commit_log.hpp"
#include "result_cache.hpp"
#include "search_schema.hpp"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <concepts>
#include <memory>
#include <mutex>
#include <optional>
#include <ranges>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kb {

/// The id terms in a sorted list of the terms commits wrote: one for each document they wrote
/// (IndexChanges names every one).
inline auto id_terms(const std::vector<std::string>& changed) {
    const auto first = std::lower_bound(changed.begin(), changed.end(), schema::kIdPrefix);
    auto last = first;
    while (last != changed.end() && last->rfind(schema::kIdPrefix, 0) == 0) ++last;
    return std::ranges::subrange(first, last);
}

/// The documents that the commits between two revisions wrote, each with its terms and their
/// within-document frequencies at the later revision: enough to bring a kept value of any
/// term they wrote up to date without reading the term's whole postings again.
struct DocumentChanges {
    struct Document {
        Xapian::docid id = 0;
        std::vector<std::pair<std::string, Xapian::termcount>> terms;  ///< sorted by term
        /// The term's wdf in this document, nullopt when the document lacks it.
        [[nodiscard]] std::optional<Xapian::termcount> wdf(const std::string& term) const {
            auto it = std::lower_bound(
                terms.begin(), terms.end(), term,
                [](const auto& entry, const std::string& t) { return entry.first < t; });
            if (it == terms.end() || it->first != term) return std::nullopt;
            return it->second;
        }
    };
    static constexpr std::size_t kMaxDocuments = 64;
    static constexpr Xapian::rev kMaxCommits = 16;
    std::vector<Document> documents;  ///< sorted by id
    std::vector<std::string> terms;   ///< every term the commits wrote, sorted

    /// What the commits from revision `from` to the reader's wrote, from the commit log's id
    /// terms; nullopt when the log lacks a commit, one changed everything, or one deleted a
    /// document (its id term is gone, and with it the document id to drop).
    static std::optional<DocumentChanges> read(Xapian::Database& db, const CommitLog& log,
                                               const IndexState& state, Xapian::rev from) {
        // Past a few commits (a batch, an import), reading the postings again is cheaper than
        // merging what the commits wrote.
        if (state.revision < from || state.revision - from > kMaxCommits) return std::nullopt;
        auto changed = log.changed_between(state.generation, from, state.revision);
        if (!changed) return std::nullopt;
        DocumentChanges out;
        // Every commit that changed postings wrote a document, and names it; past a few dozen
        // documents, reading the postings again is cheaper too.
        const auto written = id_terms(*changed);
        if (written.empty() || written.size() > kMaxDocuments) return std::nullopt;
        for (const std::string& id_term : written) {
            const auto posting = db.postlist_begin(id_term);
            if (posting == db.postlist_end(id_term)) return std::nullopt;
            Document document{*posting, {}};
            for (auto t = db.termlist_begin(document.id), end = db.termlist_end(document.id);
                 t != end; ++t)
                document.terms.emplace_back(*t, t.get_wdf());
            out.documents.push_back(std::move(document));
        }
        std::sort(out.documents.begin(), out.documents.end(),
                  [](const Document& a, const Document& b) { return a.id < b.id; });
        out.terms = std::move(*changed);
        return out;
    }
};

/// Whether what was read for `term` on revision `kept` of the state's generation still holds on
/// the state's revision (either may be the later one), by the commit log.
inline CommitLog::Verdict kept_verdict(const CommitLog& log, const IndexState& state,
                                       Xapian::rev kept, const std::string& term) {
    QueryWatch watch;
    watch.terms = {term};
    const auto [from, to] = std::minmax(kept, state.revision);
    return log.compare(state.generation, from, to, watch);
}

/// Erases from `map` the half of its entries that `rank(entry)` puts lowest, calling
/// `forget(entry)` on each before.
template <class Map, class Rank, class Forget>
void drop_lower_half(Map& map, Rank rank, Forget forget) {
    using Key = typename Map::key_type;
    using Mapped = typename Map::mapped_type;
    std::vector<std::pair<std::invoke_result_t<Rank, const Mapped&>, Key>> ranked;
    ranked.reserve(map.size());
    for (const auto& [key, entry] : map) ranked.emplace_back(rank(entry), key);
    const auto half = ranked.begin() + static_cast<std::ptrdiff_t>(ranked.size() / 2);
    std::nth_element(ranked.begin(), half, ranked.end());
    for (auto it = ranked.begin(); it != half; ++it) {
        const auto found = map.find(it->second);
        forget(found->second);
        map.erase(found);
    }
}

/// A value that can be brought up to date from DocumentChanges rather than read again: a
/// `patched(old, term, changes)` found beside its type.
template <class Value>
concept Patchable = requires(const Value& v, const std::string& term, const DocumentChanges& c) {
    { patched(v, term, c) } -> std::same_as<Value>;
};

/// `Value` is built from one term's postings by the reader given to get(), and tells its size
/// with `bytes()`. A value is reused on a later revision when every commit in between is in the
/// commit log and none wrote a document with the term; a commit the log has not heard of (an
/// indexer run) makes it read again. A Patchable value of a term that logged commits wrote is
/// patched with the documents they wrote (one answer rewrites one thread: its terms are read,
/// not the tens of thousands of postings of its common words). The empty term stands for every
/// document (the doclength list): any added or deleted document changes it, so it is kept for one
/// revision only.
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
        std::shared_ptr<const Value> stale;  // a kept value the logged commits since changed
        Xapian::rev stale_revision = 0;
        {
            std::lock_guard lock(mutex_);
            if (auto it = kept_.find(term);
                it != kept_.end() && it->second.generation == state.generation) {
                Entry& entry = it->second;
                if (entry.revision == state.revision) return entry.value;
                if (!all_documents && commits_ != nullptr) {
                    const auto verdict = kept_verdict(*commits_, state, entry.revision, term);
                    if (verdict == CommitLog::Verdict::unchanged) {
                        // Still right at the later revision: the next lookup skips the log.
                        entry.revision = std::max(entry.revision, state.revision);
                        return entry.value;
                    }
                    if (verdict == CommitLog::Verdict::changed && entry.revision < state.revision) {
                        stale = entry.value;
                        stale_revision = entry.revision;
                    }
                }
            }
        }
        if constexpr (Patchable<Value>) {
            if (stale) {
                if (auto changes = changes_since(db, state, stale_revision)) {
                    auto value = std::make_shared<const Value>(patched(*stale, term, *changes));
                    ++patches_;
                    std::lock_guard lock(mutex_);
                    auto it = kept_.find(term);
                    if (it != kept_.end() && it->second.generation == state.generation &&
                        it->second.revision < state.revision) {
                        bytes_ -= held(*it->second.value);
                        it->second.value = value;
                        it->second.revision = state.revision;
                        bytes_ += held(*value);
                    }
                    return value;
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
        if (!inserted) bytes_ -= held(*it->second.value);
        if (bytes_ + held(*value) > max_bytes_) {
            kept_.erase(it);
            evict_locked();
            it = kept_.try_emplace(term).first;
        }
        it->second = Entry{state.generation, state.revision, value, frequency};
        bytes_ += held(*value);
        return value;
    }

    /// How many values were read from the index so far (the rest came from memory).
    [[nodiscard]] std::size_t reads() const { return reads_.load(); }
    /// How many kept values were patched with the documents commits wrote.
    [[nodiscard]] std::size_t patches() const { return patches_.load(); }

  private:
    /// What a kept value holds with its entry (map node, term, generation, shared pointer):
    /// a rare term's list of a few postings is mostly that.
    static std::size_t held(const Value& value) { return value.bytes() + 256; }

    struct Entry {
        std::string generation;
        Xapian::rev revision = 0;
        std::shared_ptr<const Value> value;
        Xapian::doccount frequency = 0;
    };

    /// The documents written since revision `from`, read once for every term that needs them.
    std::shared_ptr<const DocumentChanges> changes_since(Xapian::Database& db,
                                                         const IndexState& state,
                                                         Xapian::rev from) {
        {
            std::lock_guard lock(mutex_);
            if (changes_ && changes_generation_ == state.generation && changes_from_ == from &&
                changes_to_ == state.revision)
                return changes_;
        }
        auto read = DocumentChanges::read(db, *commits_, state, from);
        if (!read) return nullptr;
        auto changes = std::make_shared<const DocumentChanges>(std::move(*read));
        std::lock_guard lock(mutex_);
        changes_ = changes;
        changes_generation_ = state.generation;
        changes_from_ = from;
        changes_to_ = state.revision;
        return changes;
    }

    /// Makes room (mutex_ held): drops the half of the kept values that are cheapest to read.
    void evict_locked() {
        drop_lower_half(
            kept_, [](const Entry& entry) { return entry.frequency; },
            [this](const Entry& entry) { bytes_ -= held(*entry.value); });
    }

    const CommitLog* commits_;
    std::size_t max_bytes_;
    Xapian::doccount min_kept_frequency_;
    std::atomic<std::size_t> reads_{0};
    std::atomic<std::size_t> patches_{0};
    std::mutex mutex_;
    std::shared_ptr<const DocumentChanges> changes_;  ///< the last read, for the next terms
    std::string changes_generation_;
    Xapian::rev changes_from_ = 0, changes_to_ = 0;
    std::unordered_map<std::string, Entry> kept_;
    std::size_t bytes_ = 0;
};

}  // namespace kb
