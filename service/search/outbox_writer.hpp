/// @brief The single index writer of the service: applies search_outbox rows to Xapian in order.
#pragma once

#include "commit_log.hpp"
#include "index_location.hpp"
#include "outbox_listener.hpp"

#include <pqxx/pqxx>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

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

    /// Blocks until every outbox row committed before the call is applied and committed to the
    /// index (readers then see it), or until timeout; true when it was. Rows are ordered by id
    /// but may commit out of id order, so this waits for a whole drain that began after the call
    /// rather than for an id. Rows are indexed whether or not anyone waits.
    bool wait_applied(std::chrono::milliseconds timeout);

  private:
    void run();
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
    OutboxListener listener_;
};

}  // namespace kb
