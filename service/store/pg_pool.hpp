/// @brief A small PostgreSQL connection pool that replaces broken connections.
#pragma once

#include <pqxx/pqxx>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace kb {

/// Thrown when no connection can be had (server down, pool exhausted for too long). A kind of
/// pqxx::broken_connection, so the HTTP layer maps both to 503 without knowing the pool.
class DatabaseUnavailable : public pqxx::broken_connection {
  public:
    using pqxx::broken_connection::broken_connection;
};

/// Fixed-size pool; connections are opened lazily and dropped when libpqxx reports them broken.
class PgPool {
  public:
    PgPool(std::string conninfo, std::size_t size,
           std::chrono::milliseconds wait_timeout = std::chrono::milliseconds(5000));
    PgPool(const PgPool&) = delete;
    PgPool& operator=(const PgPool&) = delete;

    /// Runs fn with a connection. A broken connection is discarded and the call retried once on a
    /// fresh one only when fn had not started (connection failure); otherwise DatabaseUnavailable.
    template <typename Fn>
    auto with_connection(Fn&& fn) -> decltype(fn(std::declval<pqxx::connection&>())) {
        Lease lease = acquire();
        try {
            return fn(*lease.conn);
        } catch (const pqxx::broken_connection& e) {
            lease.broken = true;
            throw DatabaseUnavailable(std::string("database connection lost: ") + e.what());
        }
    }

    /// True when a trivial query succeeds within the pool's wait timeout.
    bool ping() noexcept;

    /// Closes idle connections; used at shutdown.
    void close_all();

    struct Stats {
        std::size_t size = 0;        ///< connections allowed
        std::size_t in_use = 0;      ///< leased now
        std::size_t idle = 0;        ///< open and waiting for a request
        std::uint64_t waits = 0;     ///< acquisitions that found every connection leased
        std::uint64_t timeouts = 0;  ///< of which gave up after the wait timeout
    };
    [[nodiscard]] Stats stats();

  private:
    struct Lease {
        PgPool* pool = nullptr;
        std::unique_ptr<pqxx::connection> conn;
        bool broken = false;
        Lease() = default;
        Lease(Lease&&) = default;
        Lease& operator=(Lease&&) = delete;
        Lease(const Lease&) = delete;
        ~Lease();
    };

    Lease acquire();
    void release(std::unique_ptr<pqxx::connection> conn, bool broken);

    std::string conninfo_;
    std::size_t size_;
    std::chrono::milliseconds wait_timeout_;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<pqxx::connection>> idle_;
    std::size_t leased_ = 0;
    std::uint64_t waits_ = 0;
    std::uint64_t timeouts_ = 0;
};

}  // namespace kb
