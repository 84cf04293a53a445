/// @brief The single index writer of the service: applies search_outbox rows to Xapian in order.
#pragma once

#include "index_location.hpp"

#include <pqxx/pqxx>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace kb {

/// Runs on its own thread. Wakes when notified after a commit (and every second as a safety
/// net), drains the outbox into the live index generation and marks rows processed. At start it
/// replays whatever a previous process committed but did not index.
class OutboxWriter {
  public:
    OutboxWriter(std::string database_url, IndexLocation location,
                 std::chrono::milliseconds delay = std::chrono::milliseconds(0));
    ~OutboxWriter();
    OutboxWriter(const OutboxWriter&) = delete;
    OutboxWriter& operator=(const OutboxWriter&) = delete;

    void start();
    /// Called after a transaction that wrote outbox rows has committed.
    void notify();
    void stop();

  private:
    void run();
    bool drain_once();

    std::string database_url_;
    IndexLocation location_;
    std::unique_ptr<pqxx::connection> conn_;  // used by the writer thread only
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::chrono::milliseconds delay_;
    bool pending_ = true;  // replay at start
    std::atomic<bool> stopping_{false};
};

}  // namespace kb
