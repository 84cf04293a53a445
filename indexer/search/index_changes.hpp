/// @brief The terms a batch of index writes touched, so readers' caches can keep what it cannot
/// change.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace kb {

/// Every term of every document a commit added, replaced or deleted, before and after the write:
/// a query that has none of them matches the same documents after the commit as before.
class IndexChanges {
  public:
    /// Adds the terms of the document holding the unique id term, as db has it now (nothing when
    /// there is none).
    void add_document(const Xapian::Database& db, const std::string& id_term);
    /// The terms added so far, sorted and unique.
    [[nodiscard]] const std::vector<std::string>& terms();
    [[nodiscard]] bool empty() const { return terms_.empty() && !everything_; }
    /// A write whose documents are not known one by one (metadata, several documents at once):
    /// every query may have changed.
    void touch_everything() { everything_ = true; }
    [[nodiscard]] bool everything() const { return everything_; }

  private:
    std::vector<std::string> terms_;
    bool everything_ = false;
    bool sorted_ = true;
};

}  // namespace kb
