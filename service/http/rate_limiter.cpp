/// @brief Token buckets and the per-caller throttles built on them.
#include "rate_limiter.hpp"

#include "api_error.hpp"

#include <algorithm>
#include <cmath>

namespace kb::http {

namespace {

// Beyond this many callers tracked at once, full buckets are dropped (at most once a second).
constexpr std::size_t kPruneAbove = 4096;

}  // namespace

TokenBucket::TokenBucket(RateLimit limit, Clock::time_point now)
    : limit_(limit), tokens_(limit.burst), updated_(now) {}

double TokenBucket::level(Clock::time_point now) const {
    const double elapsed = std::chrono::duration<double>(now - updated_).count();
    return std::min(limit_.burst, tokens_ + std::max(0.0, elapsed) * limit_.per_second);
}

std::optional<Clock::duration> TokenBucket::take(Clock::time_point now) {
    tokens_ = level(now);
    updated_ = std::max(updated_, now);
    if (tokens_ >= 1.0) {
        tokens_ -= 1.0;
        return std::nullopt;
    }
    const double wait = (1.0 - tokens_) / limit_.per_second;
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(wait));
}

void TokenBucket::give_back(Clock::time_point now) {
    tokens_ = std::min(limit_.burst, level(now) + 1.0);
    updated_ = std::max(updated_, now);
}

bool TokenBucket::full(Clock::time_point now) const {
    return level(now) >= limit_.burst;
}

RateLimiter::RateLimiter(RateLimit limit, Now now)
    : limit_(limit), now_(std::move(now)), pruned_(now_()) {}

std::optional<int> RateLimiter::acquire(const std::string& key) {
    if (limit_.unlimited()) return std::nullopt;
    const auto now = now_();
    std::lock_guard lock(mutex_);
    prune(now);
    auto it = buckets_.try_emplace(key, limit_, now).first;
    auto wait = it->second.take(now);
    if (!wait) return std::nullopt;
    const double seconds = std::chrono::duration<double>(*wait).count();
    return std::max(1, static_cast<int>(std::ceil(seconds)));
}

void RateLimiter::release(const std::string& key) {
    if (limit_.unlimited()) return;
    std::lock_guard lock(mutex_);
    if (auto it = buckets_.find(key); it != buckets_.end()) it->second.give_back(now_());
}

void RateLimiter::prune(Clock::time_point now) {
    if (buckets_.size() <= kPruneAbove || now - pruned_ < std::chrono::seconds(1)) return;
    pruned_ = now;
    std::erase_if(buckets_, [now](const auto& entry) { return entry.second.full(now); });
}

RequestThrottle::RequestThrottle(RateLimit limit, Counts counts, Keys keys, Now now)
    : limit_(limit), counts_(counts), keys_(keys), by_address_(limit, now), by_token_(limit, now) {}

std::optional<std::string> RequestThrottle::token_key(const Request& request) const {
    if (!keys_.token || request.authorization.empty()) return std::nullopt;
    return request.authorization;
}

Handler RequestThrottle::wrap(Handler handler) {
    if (limit_.unlimited()) return handler;
    return [this, handler = std::move(handler)](const Request& request) {
        const std::optional<std::string> token = token_key(request);
        const bool by_address = keys_.address;
        std::optional<int> wait;
        if (by_address) wait = by_address_.acquire(request.client_address);
        if (!wait && token) {
            wait = by_token_.acquire(*token);
            if (wait && by_address) by_address_.release(request.client_address);
        }
        if (wait) {
            throw ApiError(429, "rate_limited", "Trop de requêtes",
                           "Trop de requêtes ; réessayez dans " + std::to_string(*wait) + " s.")
                .with_retry_after(*wait);
        }
        auto refund = [&] {
            if (by_address) by_address_.release(request.client_address);
            if (token) by_token_.release(*token);
        };
        if (counts_ == Counts::every_request) return handler(request);
        try {
            Response response = handler(request);
            if (response.status >= 300) refund();
            return response;
        } catch (...) {
            refund();
            throw;
        }
    };
}

}  // namespace kb::http
