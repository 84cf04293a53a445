/// @brief IndexWatch: a number that changes whenever the live index may have changed, read with
/// one system call (inotify) instead of reopening a reader on every request.
#pragma once

#include "index_location.hpp"

#include <cstdint>
#include <mutex>

namespace kb {

/// Reopening a Xapian reader to see whether a commit landed costs about five system calls
/// (the `current` link, then the version file's open, stat, read and close) and a few tens of
/// microseconds on every request, most of a cached answer's time. The kernel can say instead
/// when anything in the index folder or the live generation's folder changes: a commit writes
/// the generation's files, a rebuild swaps the link. stamp() drains those notices without
/// waiting and counts up when there were any, so a reader whose stamp is still the current one
/// has nothing to reopen. The notices are queued when the writer's system call returns, so a
/// request that starts after a commit (in this process or in kb-indexer) always sees a new
/// stamp. Thread-safe.
class IndexWatch {
  public:
    explicit IndexWatch(IndexLocation location);
    ~IndexWatch();
    IndexWatch(const IndexWatch&) = delete;
    IndexWatch& operator=(const IndexWatch&) = delete;

    /// The index's change count. Changes whenever the live index may have changed since the
    /// last call; without a watch (no inotify, or no index folder yet), on every call.
    std::uint64_t stamp();

    /// Whether the index folder and the live generation are both watched (for tests).
    [[nodiscard]] bool watching();

  private:
    /// Adds the missing watches; true when both folders are watched.
    bool watch_locked();
    void watch_live_locked();
    bool drain_locked();

    IndexLocation location_;
    std::mutex mutex_;
    int fd_ = -1;
    int root_ = -1;  ///< watch of the index folder (the `current` link)
    int live_ = -1;  ///< watch of the live generation's folder
    std::uint64_t stamp_ = 0;
};

}  // namespace kb
