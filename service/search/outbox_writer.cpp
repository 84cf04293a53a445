/// @brief OutboxWriter: wait, drain, commit, mark; errors are logged and retried, never fatal.
#include "outbox_writer.hpp"

#include "message.hpp"
#include "outbox_apply.hpp"

#include <xapian.h>
#include <pqxx/pqxx>

#include <algorithm>
#include <iostream>
#include <optional>

namespace kb {

namespace {

void log_error(const std::string& message) {
    std::cerr << http::dump_json(
                     {{"level", "error"}, {"event", "outbox_writer"}, {"message", message}}) +
                     "\n";
}

}  // namespace

OutboxWriter::OutboxWriter(std::string database_url, IndexLocation location,
                           std::chrono::milliseconds delay, CommitLog* commits)
    : database_url_(std::move(database_url)),
      location_(std::move(location)),
      delay_(delay),
      commits_(commits),
      listener_(
          database_url_, [this] { wake(); }, log_error) {}

OutboxWriter::~OutboxWriter() {
    stop();
}

void OutboxWriter::start() {
    {
        std::lock_guard lock(mutex_);
        replying_ = true;
    }
    replier_ = std::thread([this] { reply(); });
    thread_ = std::thread([this] { run(); });
    listener_.start();
}

void OutboxWriter::wake() {
    {
        std::lock_guard lock(mutex_);
        pending_ = true;
    }
    wake_.notify_one();
}

void OutboxWriter::stop() {
    listener_.stop();
    if (!thread_.joinable()) return;
    stopping_ = true;
    wake_.notify_one();
    thread_.join();
    {
        std::lock_guard lock(mutex_);
        replying_ = false;  // the replier answers who is left, then ends
    }
    drained_.notify_all();
    replier_.join();
}

void OutboxWriter::when_applied(std::chrono::milliseconds timeout, std::function<void(bool)> then) {
    bool waiting = false;
    {
        std::lock_guard lock(mutex_);
        if (replying_) {
            // The drain in progress, if any, may have read the outbox before the caller's commit,
            // or just after it (woken by its notification): no way to tell, so the caller waits
            // for the next one, asked for now rather than at the next poll. When the rows are
            // already in, it is one SELECT.
            waiters_.push_back(
                {drains_started_ + 1, std::chrono::steady_clock::now() + timeout, std::move(then)});
            pending_ = true;
            waiting = true;
        }
    }
    if (!waiting) {  // not started, or stopped: nothing will apply it
        then(false);
        return;
    }
    wake_.notify_one();
    drained_.notify_all();  // the replier's nearest deadline may now be this one
}

void OutboxWriter::reply() {
    std::unique_lock lock(mutex_);
    for (;;) {
        const auto now = std::chrono::steady_clock::now();
        std::vector<std::pair<std::function<void(bool)>, bool>> due;
        std::erase_if(waiters_, [&](Waiter& w) {
            const bool applied = drains_finished_ >= w.drain;
            if (!applied && w.deadline > now && replying_) return false;
            due.emplace_back(std::move(w.then), applied);
            return true;
        });
        if (!due.empty()) {
            lock.unlock();  // a callback sends an answer: never under the writer's lock
            for (auto& [then, applied] : due) {
                try {
                    then(applied);
                } catch (const std::exception& e) {
                    log_error(e.what());  // one answer lost; the others still leave
                } catch (...) {
                    log_error("a reply failed");
                }
            }
            lock.lock();
            continue;
        }
        if (!replying_) return;
        if (waiters_.empty()) {
            drained_.wait(lock);
        } else {
            const auto nearest = std::min_element(
                waiters_.begin(), waiters_.end(),
                [](const Waiter& a, const Waiter& b) { return a.deadline < b.deadline; });
            drained_.wait_until(lock, nearest->deadline);
        }
    }
}

bool OutboxWriter::drain_once() {
    try {
        if (!conn_ || !conn_->is_open()) conn_ = std::make_unique<pqxx::connection>(database_url_);
        {
            pqxx::read_transaction tx(*conn_);
            if (!outbox_has_pending(tx)) return true;
        }
        // The write lock is held only while draining, so kb-indexer can take its turn.
        const auto generation = location_.current();
        Xapian::WritableDatabase db = location_.open_writable();
        // The generation written to, as readers name it; a rebuild swapping it meanwhile leaves
        // the commits unrecorded, which costs the cache its entries, never their correctness.
        const bool same = generation && location_.current() == generation;
        for (;;) {
            IndexChanges changes;
            // Recorded before the commit: a reader reopened on the new revision before the log
            // knew it would miss the cache (under forum traffic, every search in that window).
            std::optional<Xapian::rev> recorded;
            auto record = [&](Xapian::rev next) {
                if (!commits_ || !same) return;
                commits_->record(generation->string(), next, changes.terms(), changes.everything());
                recorded = next;
            };
            try {
                if (apply_outbox(db, *conn_, -1, 1000, &changes, record) == 0) break;
            } catch (...) {
                // Recorded but not committed: another writer may make that revision, so it
                // counts as changing everything until this writer's next commit says otherwise.
                if (recorded && db.get_revision() < *recorded)
                    commits_->record(generation->string(), *recorded, {}, true);
                throw;
            }
        }
        db.close();
        return true;
    } catch (const pqxx::broken_connection& e) {
        conn_.reset();
        log_error(e.what());
    } catch (const Xapian::Error& e) {
        log_error(e.get_description());
    } catch (const std::exception& e) {
        log_error(e.what());
    }
    return false;
}

void OutboxWriter::run() {
    while (!stopping_) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, std::chrono::seconds(1),
                           [this] { return pending_ || stopping_.load(); });
            pending_ = false;
        }
        if (delay_.count() > 0) {
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, delay_, [this] { return stopping_.load(); });
        }
        std::uint64_t drain = 0;
        {
            std::lock_guard lock(mutex_);
            drain = ++drains_started_;
        }
        if (drain_once()) {
            {
                std::lock_guard lock(mutex_);
                drains_finished_ = drain;
            }
            drained_.notify_all();
        } else {
            // Database or index unavailable: try again shortly, the rows stay pending.
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, std::chrono::milliseconds(500),
                           [this] { return stopping_.load(); });
            pending_ = true;
        }
    }
    drain_once();  // what was committed before the stop signal gets indexed
}

http::Response once_searchable(OutboxWriter& outbox, std::chrono::milliseconds wait,
                               http::Response response) {
    response.hold = [&outbox, wait](http::Release release) {
        outbox.when_applied(wait, [release = std::move(release)](bool indexed) {
            release([indexed](http::Response& r) {
                r.headers.emplace_back("X-Search-Indexed", indexed ? "true" : "false");
            });
        });
    };
    return response;
}

}  // namespace kb
