/// @brief PgPool implementation: lazy connections, replacement of broken ones, bounded waiting.
#include "pg_pool.hpp"

namespace kb {

PgPool::PgPool(std::string conninfo, std::size_t size, std::chrono::milliseconds wait_timeout)
    : conninfo_(std::move(conninfo)), size_(size == 0 ? 1 : size), wait_timeout_(wait_timeout) {}

PgPool::Lease::~Lease() {
    if (pool != nullptr) pool->release(std::move(conn), broken);
}

PgPool::Lease PgPool::acquire() {
    std::unique_ptr<pqxx::connection> conn;
    {
        std::unique_lock lock(mutex_);
        auto can_lease = [&] { return !idle_.empty() || leased_ < size_; };
        if (!can_lease()) {
            ++waits_;
            if (!available_.wait_for(lock, wait_timeout_, can_lease)) {
                ++timeouts_;
                throw DatabaseUnavailable("no database connection available in time");
            }
        }
        if (!idle_.empty()) {
            conn = std::move(idle_.back());
            idle_.pop_back();
        }
        ++leased_;
    }
    // A connection that died while idle (server restart) is replaced before use.
    if (conn && !conn->is_open()) conn.reset();
    if (!conn) {
        try {
            // connect_timeout keeps a stopped server from blocking a handler thread for long.
            conn = std::make_unique<pqxx::connection>(conninfo_);
        } catch (const std::exception& e) {
            release(nullptr, true);
            throw DatabaseUnavailable(std::string("cannot connect to the database: ") + e.what());
        }
    }
    Lease lease;
    lease.pool = this;
    lease.conn = std::move(conn);
    return lease;
}

void PgPool::release(std::unique_ptr<pqxx::connection> conn, bool broken) {
    {
        std::lock_guard lock(mutex_);
        --leased_;
        if (conn && !broken && conn->is_open()) idle_.push_back(std::move(conn));
    }
    available_.notify_one();
}

PgPool::Stats PgPool::stats() {
    std::lock_guard lock(mutex_);
    return {.size = size_,
            .in_use = leased_,
            .idle = idle_.size(),
            .waits = waits_,
            .timeouts = timeouts_};
}

bool PgPool::ping() noexcept {
    // Two attempts: after a server restart the first idle connection is stale and gets dropped.
    for (int attempt = 0; attempt < 2; ++attempt) {
        try {
            return with_connection([](pqxx::connection& c) {
                pqxx::nontransaction tx(c);
                tx.exec("SELECT 1");
                return true;
            });
        } catch (...) {
        }
    }
    return false;
}

void PgPool::close_all() {
    std::lock_guard lock(mutex_);
    idle_.clear();
}

}  // namespace kb
