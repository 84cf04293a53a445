/// @brief Per-thread Xapian readers that follow the index's `current` link and reopen on change.
#pragma once

#include "index_location.hpp"
#include "index_watch.hpp"

#include <xapian.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <vector>

namespace kb {

/// Xapian::Database is not thread-safe: each caller leases its own, refreshed before use.
class IndexReaders {
  public:
    explicit IndexReaders(IndexLocation location) : location_(location), watch_(location) {}

    class Lease {
      public:
        Lease(IndexReaders& owner, std::unique_ptr<struct Reader> reader);
        Lease(Lease&&) noexcept;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        Xapian::Database& db();
        /// The index state this reader sees: its generation and revision.
        [[nodiscard]] std::string version() const;
        /// The generation (folder) this reader has open.
        [[nodiscard]] const std::string& generation() const;

      private:
        IndexReaders* owner_;
        std::unique_ptr<struct Reader> reader_;
    };

    /// A reader on the live generation, reopened to its latest commit (unless nothing in the
    /// index changed since it last was: IndexWatch; `fresh` reopens it whatever the watch says).
    /// Throws Xapian::DatabaseOpeningError when there is no index.
    Lease lease(bool fresh = false);

    /// How many readers `read` tries before letting DatabaseModifiedError through.
    static constexpr int kReadAttempts = 3;

    /// `f(lease)` on a reader of the latest commit, run again on a reader reopened to the newest
    /// one when it throws Xapian::DatabaseModifiedError: a writer that commits twice while a
    /// reader is on a revision may reuse that revision's blocks, and reopening and retrying is
    /// Xapian's remedy. `f` must leave nothing half done that a second run would repeat.
    template <class F>
    std::invoke_result_t<F&, Lease&> read(F&& f) {
        for (int attempt = 1;; ++attempt) {
            // A retry reopens even when no change has been noticed yet: the writer may still be
            // between its commit and the notice.
            Lease reader = lease(attempt > 1);
            try {
                return f(reader);
            } catch (const Xapian::DatabaseModifiedError&) {
                overtaken_.fetch_add(1, std::memory_order_relaxed);
                if (attempt >= kReadAttempts) throw;
            }
        }
    }

    /// How many reads commits have overtaken since start (each run again, or given up).
    [[nodiscard]] std::uint64_t overtaken() const {
        return overtaken_.load(std::memory_order_relaxed);
    }

    /// True when the live generation can be opened.
    bool is_open() noexcept;

    [[nodiscard]] const IndexLocation& location() const { return location_; }

  private:
    friend class Lease;
    void give_back(std::unique_ptr<struct Reader> reader);

    IndexLocation location_;
    IndexWatch watch_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<struct Reader>> idle_;
    std::atomic<std::uint64_t> overtaken_{0};
};

struct Reader {
    std::string generation;
    Xapian::Database db;
    std::uint64_t stamp = 0;  ///< IndexWatch::stamp() when it was last opened or reopened
};

}  // namespace kb
