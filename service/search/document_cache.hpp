/// @brief DocumentCache: what a result shows of a document (its JSON data and the text its
/// snippet is cut from), kept in memory while no commit rewrites the document.
#pragma once

#include "commit_log.hpp"
#include "kept_terms.hpp"
#include "result_cache.hpp"
#include "snippet_window.hpp"

#include <xapian.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace kb {

/// Long documents come back in many results (BM25 finds most words in them), and reading
/// their text and data again for each was a fifth of a search. An entry read on one revision is
/// reused on another when every commit in between is in the commit log and none wrote the
/// document's id term (IndexChanges reports it for every document a commit writes or deletes).
/// A document as results show it: its data (shared with the answers that show it) and the text
/// its snippet is cut from (kept here only).
struct ShownDocument {
    std::shared_ptr<const HitData> hit;
    std::string text;          ///< schema::kSnippetSlot
    StemPositions text_words;  ///< where text's words are, for its snippets
    [[nodiscard]] const nlohmann::json& data() const { return hit->data; }
};

class DocumentCache {
  public:
    DocumentCache(const CommitLog* commits, std::size_t max_bytes)
        : commits_(commits), max_bytes_(max_bytes) {}

    /// `stem` is the analysis' stemmer (make_french_stem), for the text's words.
    std::shared_ptr<const ShownDocument> get(Xapian::Database& db, const IndexState& state,
                                             Xapian::docid id, Xapian::Stem& stem);

    /// How many documents were read from the index so far (the rest came from memory).
    [[nodiscard]] std::size_t reads() const { return reads_.load(); }

  private:
    struct Entry {
        std::string generation;
        Xapian::rev revision = 0;
        std::string id_term;
        std::shared_ptr<const ShownDocument> document;
        std::size_t bytes = 0;
        std::uint64_t used = 0;  ///< tick of the last lookup
    };
    /// Makes room (mutex_ held): drops the half of the entries least recently used.
    void evict_locked();

    const CommitLog* commits_;
    std::size_t max_bytes_;
    std::atomic<std::size_t> reads_{0};
    std::mutex mutex_;
    std::unordered_map<Xapian::docid, Entry> entries_;
    std::size_t bytes_ = 0;
    std::uint64_t tick_ = 0;
};

}  // namespace kb
