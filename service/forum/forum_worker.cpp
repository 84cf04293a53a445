/// @brief ForumWorker: claim the next due delivery, process it, record the outcome.
#include "forum_worker.hpp"

#include "forum_client.hpp"
#include "forum_inbox.hpp"
#include "forum_processor.hpp"
#include "message.hpp"

#include <iostream>

namespace kb {

namespace {

constexpr std::chrono::milliseconds kMaxRetryDelay = std::chrono::hours(1);

void log_line(const nlohmann::json& line) {
    std::cerr << http::dump_json(line) + "\n" << std::flush;
}

// The event id when it is a number (Discourse's ids grow with time), else the inbox row's id.
long long sequence_of(const InboxRow& row) {
    try {
        std::size_t used = 0;
        const long long seq = std::stoll(row.event_id, &used);
        if (used == row.event_id.size()) return seq;
    } catch (const std::exception&) {
    }
    return row.id;
}

}  // namespace

ForumWorker::~ForumWorker() {
    stop();
}

void ForumWorker::start() {
    thread_ = std::thread([this] { run(); });
}

void ForumWorker::notify() {
    {
        std::lock_guard lock(mutex_);
        pending_ = true;
    }
    wake_.notify_one();
}

void ForumWorker::stop() {
    if (!thread_.joinable()) return;
    stopping_ = true;
    wake_.notify_one();
    thread_.join();
}

bool ForumWorker::process_next(ForumProcessor& processor) {
    std::optional<InboxRow> row;
    try {
        row = next_due_delivery(db_);
    } catch (const std::exception& e) {
        log_line({{"level", "error"}, {"event", "forum_worker"}, {"message", e.what()}});
        return false;
    }
    if (!row) return false;
    try {
        const nlohmann::json body = nlohmann::json::parse(row->body, nullptr, false);
        if (body.is_discarded()) throw PayloadError("the body is not JSON");
        const std::string note = processor.process(row->event, sequence_of(*row), body);
        mark_delivery_done(db_, row->id, note);
    } catch (const ForumError& e) {
        if (!e.transient()) {
            mark_delivery_done(db_, row->id, std::string("forum error: ") + e.what());
            return true;
        }
        // Doubling delays from retry_base, at least what a 429 asked for, at most an hour.
        auto delay = settings_.retry_base * (1LL << std::min(row->attempts, 16));
        delay = std::min<std::chrono::milliseconds>(delay, kMaxRetryDelay);
        delay = std::max<std::chrono::milliseconds>(delay, e.retry_after());
        mark_delivery_retry(db_, row->id, delay, e.what());
        log_line({{"level", "warn"},
                  {"event", "forum_delivery_retry"},
                  {"inbox_id", row->id},
                  {"error", e.what()},
                  {"retry_in_ms", delay.count()}});
    } catch (const PayloadError& e) {
        mark_delivery_done(db_, row->id, std::string("invalid payload: ") + e.what());
    } catch (const pqxx::broken_connection& e) {
        log_line({{"level", "error"}, {"event", "forum_worker"}, {"message", e.what()}});
        return false;  // the row stays pending; retried after the pause
    } catch (const std::exception& e) {
        // A bug or a constraint we did not foresee: recorded, retried later, never lost.
        try {
            mark_delivery_retry(db_, row->id, settings_.retry_base, e.what());
        } catch (const std::exception&) {
        }
        log_line({{"level", "error"},
                  {"event", "forum_delivery_failed"},
                  {"inbox_id", row->id},
                  {"message", e.what()}});
    }
    return true;
}

void ForumWorker::run() {
    ForumClient client(settings_);
    ForumProcessor processor(settings_, store_, client);
    while (!stopping_) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, std::chrono::seconds(1),
                           [this] { return pending_ || stopping_.load(); });
            pending_ = false;
        }
        while (!stopping_ && process_next(processor)) {
        }
    }
}

}  // namespace kb
