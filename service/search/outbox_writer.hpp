/// @brief The single index writer of the service: applies search_outbox rows to Xapian in order.
#pragma once

#include "commit_log.hpp"
#include "index_location.hpp"
#include "message.hpp"
#include "outbox_listener.hpp"

#include <pqxx/pqxx>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kb {

/// Runs on its own thread. Wakes when a transaction that queued outbox rows commits (its
/// OutboxListener LISTENs for the store's notification) and every second as a safety net, drains
/// the outbox into the live index generation and marks rows processed. At start it replays
/// whatever a previous process committed but did not index. Each commit's changed terms go to
/// the commit log, when there is one, so the result cache keeps what the commit cannot change.
class OutboxWriter {
  public:
    OutboxWriter(std::string database_url, IndexLocation location,
                 std::chrono::milliseconds delay = std::chrono::milliseconds(0),
                 CommitLog* commits = nullptr);
    ~OutboxWriter();
    OutboxWriter(const OutboxWriter&) = delete;
    OutboxWriter& operator=(const OutboxWriter&) = delete;

    void start();
    void stop();

    /// Calls `then(true)` once every outbox row committed before the call is applied and
    /// committed to the index (readers then see it), or `then(false)` at the timeout (or at
    /// stop), whichever comes first; from the replying thread (from the caller's only when the
    /// writer is not running: `then(false)` at once). Rows are
    /// ordered by id but may commit out of id order, so this waits for a whole drain that began
    /// after the call rather than for an id. Rows are indexed whether or not anyone waits.
    void when_applied(std::chrono::milliseconds timeout, std::function<void(bool)> then);

  private:
    struct Waiter {
        std::uint64_t drain = 0;  // the drain whose end applies what the caller committed
        std::chrono::steady_clock::time_point deadline;
        std::function<void(bool)> then;
    };

    void run();
    void reply();
    void wake();
    bool drain_once();

    std::string database_url_;
    IndexLocation location_;
    std::unique_ptr<pqxx::connection> conn_;  // used by the writer thread only
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable drained_;
    std::chrono::milliseconds delay_;
    CommitLog* commits_;
    bool pending_ = true;                // replay at start
    std::uint64_t drains_started_ = 0;   // guarded by mutex_
    std::uint64_t drains_finished_ = 0;  // the last successful drain's number, guarded by mutex_
    std::atomic<bool> stopping_{false};
    std::vector<Waiter> waiters_;  // guarded by mutex_
    std::thread replier_;          // calls the waiters back, so no drain waits on their sends
    bool replying_ = false;        // guarded by mutex_: the replier runs and takes new waiters
    OutboxListener listener_;
};

/// The response to a write, held (http::Response::hold) until what was committed so far is in
/// the search index, at most `wait`, so that a client who writes then searches finds what it
/// wrote; it then says which in `X-Search-Indexed`. No worker thread waits meanwhile.
http::Response once_searchable(OutboxWriter& outbox, std::chrono::milliseconds wait,
                               http::Response response);

}  // namespace kb
