/// @brief Loads a worker pool's inputs ahead of it, on a thread of its own.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

namespace kb {

/// Items 0..count-1 are claimed in order by workers through a shared counter (`claimed`: the
/// number handed out so far). A thread of this class calls load(i) for the items just past that
/// counter, at most `lookahead` of them, so that a worker finds its input in memory rather than
/// waiting for the disk. A worker calls acquire(i) for the item it claimed: it returns once
/// load(i) has run, on the read-ahead thread or, when the worker got there first, in acquire.
/// load(i) runs exactly once per item that is acquired.
///
/// Why: the corpus files of a rebuild are read once, over the whole run; on a machine that
/// reclaims idle page cache (this one does within ~20 s) half of them come from the disk, and
/// a worker waiting for one leaves its core idle.
class ReadAhead {
  public:
    ReadAhead(std::size_t count, std::size_t lookahead, const std::atomic<std::size_t>& claimed,
              std::function<void(std::size_t)> load);
    ~ReadAhead();
    ReadAhead(const ReadAhead&) = delete;
    ReadAhead& operator=(const ReadAhead&) = delete;

    /// Returns once item i is loaded. Called once per item, by the worker that claimed it.
    void acquire(std::size_t i);

    /// Stops the read-ahead thread (items not yet loaded are loaded by acquire) and joins it.
    void stop();

  private:
    enum State : unsigned char { kPending, kLoading, kLoaded, kTaken };
    void run();

    std::size_t lookahead_;
    const std::atomic<std::size_t>& claimed_;
    std::function<void(std::size_t)> load_;
    std::vector<std::atomic<unsigned char>> state_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace kb
