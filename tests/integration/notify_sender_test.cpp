/// @brief The notification sender's counters, which the metrics read: a delivery that fails twice
/// then succeeds counts two failures and one message sent, and the row records its attempts.
#include "accounts.hpp"
#include "notification_queue.hpp"
#include "notification_sender.hpp"
#include "polling.hpp"
#include "process.hpp"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include <atomic>

namespace kb::test {
namespace {

using namespace std::chrono_literals;

// Refuses the first `failures` messages, as a server that is down would, then accepts.
class FlakyMailer : public Mailer {
  public:
    explicit FlakyMailer(int failures) : failures_(failures) {}
    void send(const MailMessage& message) override {
        if (calls_++ < failures_) throw MailError("Connection refused");
        last_to_ = message.to;
    }
    std::atomic<int> calls_{0};
    std::string last_to_;

  private:
    int failures_;
};

TEST(NotifySender, CountsFailedAttemptsAndMessagesSent) {
    TestDatabase db;
    (void)create_user_with_token(db.url(), "asker", "Asker", "member");
    pqxx::connection conn(db.url());
    {
        pqxx::work tx(conn);
        tx.exec("UPDATE users SET contact_email = 'asker@example.org' WHERE login = 'asker'");
        const long long thread =
            tx.exec1(R"(INSERT INTO threads (author_id, title, body_markdown, body_html)
                        SELECT id, 'Titre', 'x', 'x' FROM users WHERE login = 'asker'
                        RETURNING id)")[0]
                .as<long long>();
        enqueue_answer_notification(tx, thread, 0);
        tx.commit();
    }
    PgPool pool(db.url(), 2);
    auto mailer = std::make_unique<FlakyMailer>(2);
    FlakyMailer& flaky = *mailer;
    NotificationSender sender(
        pool, std::move(mailer),
        SenderSettings{.base_url = "http://x", .retry_base = 20ms, .poll = 20ms});
    sender.start();
    ASSERT_TRUE(poll_until([&] { return sender.counters().sent.load() == 1; }));
    sender.stop();
    EXPECT_EQ(sender.counters().failed.load(), 2U);
    EXPECT_EQ(flaky.calls_.load(), 3);
    EXPECT_EQ(flaky.last_to_, "asker@example.org");
    pqxx::nontransaction q(conn);
    EXPECT_EQ(q.exec1("SELECT attempts FROM notifications")[0].as<int>(), 3);
    EXPECT_TRUE(q.exec1("SELECT sent_at IS NOT NULL FROM notifications")[0].as<bool>());
}

}  // namespace
}  // namespace kb::test
