/// @brief The service's forum worker: drains the inbox on its own thread, in arrival order, and
/// retries what the forum could not answer with a growing delay.
#pragma once

#include "forum_settings.hpp"
#include "forum_store.hpp"
#include "pg_pool.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace kb {

/// Wakes when a delivery is stored (notify) and every second for rows whose retry is due. At
/// start it takes up the rows a previous process left unprocessed. Each processed change is
/// queued for indexing in its transaction, and the commit wakes the outbox writer, so a post is
/// searchable within a second or two of its webhook.
class ForumWorker {
  public:
    ForumWorker(PgPool& db, const ForumSettings& settings, ForumStore& store)
        : db_(db), settings_(settings), store_(store) {}
    ~ForumWorker();
    ForumWorker(const ForumWorker&) = delete;
    ForumWorker& operator=(const ForumWorker&) = delete;

    void start();
    void notify();
    void stop();

  private:
    void run();
    /// Processes the next due row; false when there was none (or the database is away).
    bool process_next(class ForumProcessor& processor);

    PgPool& db_;
    const ForumSettings& settings_;
    ForumStore& store_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool pending_ = true;  // take up what a previous process left
    std::atomic<bool> stopping_{false};
};

}  // namespace kb
