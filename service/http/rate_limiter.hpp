/// @brief Token buckets per caller (bearer token, client address): 429 `rate_limited` with
/// Retry-After when a caller is out of budget.
#pragma once

#include "router.hpp"

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace kb::http {

using Clock = std::chrono::steady_clock;
using Now = std::function<Clock::time_point()>;

/// How many requests a caller may make: bursts of `burst`, refilled at `per_second`.
struct RateLimit {
    double burst = 0;  ///< 0: no limit
    double per_second = 0;

    static RateLimit per_minute(int count) { return {double(count), count / 60.0}; }
    static RateLimit per_hour(int count) { return {double(count), count / 3600.0}; }
    /// One request, then one more every `seconds`.
    static RateLimit every(int seconds) {
        return seconds > 0 ? RateLimit{1, 1.0 / seconds} : RateLimit{};
    }
    [[nodiscard]] bool unlimited() const { return burst <= 0 || per_second <= 0; }
};

/// A token bucket: holds up to limit.burst tokens, refilled continuously; each request takes one.
class TokenBucket {
  public:
    TokenBucket(RateLimit limit, Clock::time_point now);
    /// Takes a token: nullopt when one was there, else how long until one will be.
    std::optional<Clock::duration> take(Clock::time_point now);
    /// Puts a token back (a request that should not count after all).
    void give_back(Clock::time_point now);
    [[nodiscard]] bool full(Clock::time_point now) const;

  private:
    [[nodiscard]] double level(Clock::time_point now) const;
    RateLimit limit_;
    double tokens_;
    Clock::time_point updated_;
};

/// One bucket per key, created full. Thread-safe. Full buckets (idle callers) are dropped from
/// time to time, so memory follows the number of active callers.
class RateLimiter {
  public:
    explicit RateLimiter(RateLimit limit, Now now = Clock::now);
    /// Takes a token from key's bucket: nullopt when allowed, else whole seconds to wait (>= 1).
    std::optional<int> acquire(const std::string& key);
    void release(const std::string& key);

  private:
    void prune(Clock::time_point now);
    RateLimit limit_;
    Now now_;
    std::mutex mutex_;
    std::unordered_map<std::string, TokenBucket> buckets_;
    Clock::time_point pruned_;
};

/// The budget of one kind of request, per client address and per bearer token: a request must
/// find a token in both (anonymous ones only in their address's).
class RequestThrottle {
  public:
    enum class Counts {
        every_request,  ///< any answer uses the budget, refusals included
        successes,      ///< only 2xx answers use it (a refused post can be corrected at once)
    };
    struct Keys {
        bool address = true;
        bool token = true;
    };
    RequestThrottle(RateLimit limit, Counts counts, Keys keys, Now now = Clock::now);

    /// The handler, called only while the caller has budget; 429 `rate_limited` otherwise.
    Handler wrap(Handler handler);

  private:
    [[nodiscard]] std::optional<std::string> token_key(const Request& request) const;
    RateLimit limit_;
    Counts counts_;
    Keys keys_;
    RateLimiter by_address_;
    RateLimiter by_token_;
};

}  // namespace kb::http
