/// @brief LISTEN on the outbox channel from a connection and thread of its own.
#pragma once

#include <functional>
#include <string>
#include <thread>

namespace kb {

/// Calls on_commit each time a transaction that queued outbox rows commits (PostgreSQL's NOTIFY
/// is delivered on commit), and once after every (re)connection, since rows committed while it
/// was not listening were announced to nobody. A lost connection is reported to on_error and
/// reopened; callers keep a slow poll of their own as a safety net. Callbacks run on the
/// listener's thread.
class OutboxListener {
  public:
    OutboxListener(std::string database_url, std::function<void()> on_commit,
                   std::function<void(const std::string&)> on_error);
    ~OutboxListener();
    OutboxListener(const OutboxListener&) = delete;
    OutboxListener& operator=(const OutboxListener&) = delete;

    void start();
    void stop();

  private:
    void run();
    void listen_until_stopped_or_broken();
    /// Waits for the stop signal up to timeout_ms (-1: forever) or for fd to be readable;
    /// returns false when stopping.
    bool wait(int fd, int timeout_ms);

    std::string database_url_;
    std::function<void()> on_commit_;
    std::function<void(const std::string&)> on_error_;
    int stop_fd_ = -1;  ///< eventfd, readable once stop() is called
    std::thread thread_;
};

}  // namespace kb
