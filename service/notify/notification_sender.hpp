/// @brief The background sender: delivers pending notifications once each, retrying with
/// exponential backoff, and makes the daily digests when they are due.
#pragma once

#include "mailer.hpp"
#include "pg_pool.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace kb {

/// Read by the metrics: messages accepted by the mail server (or spooled), and failed attempts.
struct NotifyCounters {
    std::atomic<std::uint64_t> sent{0};
    std::atomic<std::uint64_t> failed{0};
};

struct SenderSettings {
    std::string base_url;                         ///< prefixes the paths in messages
    int digest_hour = 7;                          ///< UTC hour from which the day's digest is due
    std::chrono::milliseconds retry_base{60000};  ///< first retry delay, doubled each failure
    std::chrono::milliseconds retry_max{3600000};
    std::chrono::milliseconds poll{500};
    /// Test hook: notifications younger than this wait (widens the commit-to-send window).
    std::chrono::milliseconds test_delay{0};
};

/// One thread. Each notification is claimed in its own transaction (FOR UPDATE SKIP LOCKED, so
/// several processes never send one twice), sent, and marked sent or rescheduled in that same
/// transaction. What a crash leaves pending (committed, not yet sent) is sent after restart.
class NotificationSender {
  public:
    NotificationSender(PgPool& db, std::unique_ptr<Mailer> mailer, SenderSettings settings);
    ~NotificationSender();
    NotificationSender(const NotificationSender&) = delete;
    NotificationSender& operator=(const NotificationSender&) = delete;

    void start();
    void stop();
    /// The base of the links in messages, once known (the bound address when none configured).
    void set_base_url(std::string url);
    [[nodiscard]] const NotifyCounters& counters() const { return counters_; }

  private:
    void run();
    /// Sends (or reschedules) one due notification; false when none is due.
    bool send_one();
    [[nodiscard]] std::chrono::milliseconds backoff(int attempts) const;

    PgPool& db_;
    std::unique_ptr<Mailer> mailer_;
    SenderSettings settings_;
    NotifyCounters counters_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;  // guarded by mutex_
};

}  // namespace kb
