/// @brief The terms a batch of index writes changed, so readers' caches can keep what it cannot
/// change.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kb {

/// For each document a commit added, replaced or deleted, the terms whose postings the write
/// changed (added, removed, another within-document frequency or other positions) and the
/// document's unique id term. A query with none of them matches the same documents after the
/// commit, each with the same term statistics; an answer listing none of those documents shows
/// no stale data. Every term of the document, before and after, when the write changed a facet
/// value (the facet counts of any query matching it change) or shortened the document (its
/// weight for the terms it kept grows: it could climb into an answer it was not in).
class IndexChanges {
  public:
    /// Reads the document holding the unique id term as db has it before the write.
    void before(const Xapian::Database& db, const std::string& id_term);
    /// Reads it again after the write (absent if deleted) and records what changed.
    void after(const Xapian::Database& db, const std::string& id_term);
    /// The terms recorded so far, sorted and unique.
    [[nodiscard]] const std::vector<std::string>& terms();
    [[nodiscard]] bool empty() const { return terms_.empty() && !everything_; }
    /// The write added a word to the spelling dictionary (reported as schema::kNewSpellingTerm).
    void spelling_grew();
    /// A write whose documents are not known one by one (metadata, several documents at once):
    /// every query may have changed.
    void touch_everything() { everything_ = true; }
    [[nodiscard]] bool everything() const { return everything_; }

  private:
    struct Posting {
        Xapian::termcount wdf = 0;
        std::uint64_t positions = 0;  ///< a hash of the position list
        bool operator==(const Posting&) const = default;
    };
    struct Snapshot {
        std::map<std::string, Posting> terms;
        Xapian::termcount length = 0;
    };
    static Snapshot read(const Xapian::Database& db, const std::string& id_term);

    std::map<std::string, Snapshot> before_;  ///< by id term, until after() reads it again
    std::vector<std::string> terms_;
    bool everything_ = false;
    bool sorted_ = true;
};

}  // namespace kb
