/// @brief PostingStore: each term's postings (document, within-document frequency) kept in
/// memory while no commit writes the term, for the ranker and the counter alike.
#pragma once

#include "kept_terms.hpp"

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kb {

/// A term's postings in document order. A within-document frequency past 65,535 is kept as
/// 65,535: BM25 gives it the same weight to within a millionth (k1 of a few units).
struct TermPostings {
    std::vector<Xapian::docid> ids;
    std::vector<std::uint16_t> wdfs;
    [[nodiscard]] std::size_t bytes() const {
        return ids.size() * (sizeof(Xapian::docid) + sizeof(std::uint16_t));
    }
    /// `old` with the documents `changes` wrote as they are now.
    friend TermPostings patched(const TermPostings& old, const std::string& term,
                                const DocumentChanges& changes);
};

/// KeptTerms of TermPostings: read once, kept or patched while the commit log allows.
class PostingStore {
  public:
    /// `max_bytes`: memory for kept lists (6 bytes a posting); lists of terms in fewer than
    /// `min_kept_frequency` documents are read again each time. Every list is kept by default:
    /// a rare word's few postings cost a lookup in the index's files (a system call and a block
    /// read) each time, and a cold question has a few.
    PostingStore(const CommitLog* commits, std::size_t max_bytes,
                 Xapian::doccount min_kept_frequency = 0)
        : kept_(commits, max_bytes, min_kept_frequency) {}

    std::shared_ptr<const TermPostings> get(Xapian::Database& db, const IndexState& state,
                                            const std::string& term);

    /// How many lists were read from the index so far (the rest came from memory).
    [[nodiscard]] std::size_t reads() const { return kept_.reads(); }
    /// How many kept lists were patched with the documents logged commits wrote.
    [[nodiscard]] std::size_t patches() const { return kept_.patches(); }

  private:
    KeptTerms<TermPostings> kept_;
};

}  // namespace kb
