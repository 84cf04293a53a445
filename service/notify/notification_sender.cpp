/// @brief The sender's loop, claim and bookkeeping SQL.
#include "notification_sender.hpp"

#include "digests.hpp"
#include "mail_text.hpp"
#include "notify_modes.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>

namespace kb {

namespace {

void log_event(const nlohmann::json& line) {
    std::cerr << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"
              << std::flush;
}

}  // namespace

NotificationSender::NotificationSender(PgPool& db, std::unique_ptr<Mailer> mailer,
                                       SenderSettings settings)
    : db_(db), mailer_(std::move(mailer)), settings_(std::move(settings)) {}

NotificationSender::~NotificationSender() {
    stop();
}

void NotificationSender::set_base_url(std::string url) {
    std::lock_guard lock(mutex_);
    settings_.base_url = std::move(url);
}

void NotificationSender::start() {
    if (thread_.joinable()) return;
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
    }
    thread_ = std::thread([this] { run(); });
}

void NotificationSender::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

std::chrono::milliseconds NotificationSender::backoff(int attempts) const {
    auto delay = settings_.retry_base;
    for (int i = 1; i < attempts && delay < settings_.retry_max; ++i) delay *= 2;
    return std::min(delay, settings_.retry_max);
}

void NotificationSender::run() {
    for (;;) {
        try {
            db_.with_connection([&](pqxx::connection& c) {
                const int made = fold_due_digests(
                    c, digest_boundary(std::chrono::system_clock::now(), settings_.digest_hour));
                if (made > 0) log_event({{"level", "info"}, {"event", "digests"}, {"made", made}});
            });
            for (;;) {
                {
                    std::lock_guard lock(mutex_);
                    if (stopping_) return;
                }
                if (!send_one()) break;
            }
        } catch (const std::exception& e) {
            // The database is away: try again at the next round; nothing is lost meanwhile.
            log_event({{"level", "error"}, {"event", "notification_sender"}, {"error", e.what()}});
        }
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, settings_.poll, [&] { return stopping_; });
        if (stopping_) return;
    }
}

bool NotificationSender::send_one() {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        auto rows = tx.exec_params(
            R"(SELECT n.id, n.kind, n.payload::text, u.contact_email, u.display_name, u.notify_mode,
                      n.attempts
                 FROM notifications n JOIN users u ON u.id = n.recipient_id
                WHERE n.sent_at IS NULL AND n.cancelled_at IS NULL AND n.delivery = 'immediate'
                  AND n.next_attempt_at <= now()
                  AND n.created_at <= now() - make_interval(secs => $1::double precision / 1000)
                ORDER BY n.next_attempt_at, n.id
                LIMIT 1
                FOR UPDATE OF n SKIP LOCKED)",
            static_cast<long long>(settings_.test_delay.count()));
        if (rows.empty()) return false;
        const auto& r = rows[0];
        const long long id = r[0].as<long long>();
        if (r[3].is_null() || r[5].as<std::string>() == kNotifyNone) {
            // Opted out (or no address) since it was queued: an opt-out means nothing more.
            tx.exec_params("UPDATE notifications SET cancelled_at = now() WHERE id = $1", id);
            tx.commit();
            return true;
        }
        PendingNotification pending{id, r[1].as<std::string>(),
                                    nlohmann::json::parse(r[2].as<std::string>()),
                                    r[3].as<std::string>(), r[4].as<std::string>()};
        const int attempts = r[6].as<int>() + 1;
        try {
            std::string base_url;
            {
                std::lock_guard lock(mutex_);
                base_url = settings_.base_url;
            }
            mailer_->send(compose_mail(pending, base_url));
        } catch (const MailError& e) {
            counters_.failed.fetch_add(1, std::memory_order_relaxed);
            const auto delay = backoff(attempts);
            tx.exec_params(
                R"(UPDATE notifications SET attempts = $2, last_error = $3,
                          next_attempt_at = clock_timestamp() + make_interval(secs => $4::double precision / 1000)
                    WHERE id = $1)",
                id, attempts, std::string(e.what()), static_cast<long long>(delay.count()));
            tx.commit();
            log_event({{"level", "warn"},
                       {"event", "notification_failed"},
                       {"id", id},
                       {"attempts", attempts},
                       {"retry_in_ms", delay.count()},
                       {"error", e.what()}});
            return true;
        }
        tx.exec_params(
            "UPDATE notifications SET attempts = $2, sent_at = now(), last_error = NULL WHERE id = "
            "$1",
            id, attempts);
        tx.commit();
        counters_.sent.fetch_add(1, std::memory_order_relaxed);
        return true;
    });
}

}  // namespace kb
