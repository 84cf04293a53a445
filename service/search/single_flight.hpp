/// @brief SingleFlight: one computation per key at a time; requests for the same key meanwhile
/// wait for its result instead of computing it again.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace kb {

/// After a commit, the popular questions it changed miss the result cache all at once, and the
/// workers that receive the same question each computed it: the same few milliseconds of CPU
/// spent several times, while the other requests queue behind them. Here the first request for a
/// key computes it (the leader); the others for that key, until it is done, wait for its value.
/// A key must name everything the value depends on (for a search: the question and the index
/// state read), so that a follower gets exactly what it would have computed. When the leader
/// fails (an exception) or gives no value (nullopt), each follower computes for itself.
template <class Value>
class SingleFlight {
  public:
    struct Result {
        Value value;
        bool shared = false;  ///< another request's computation, waited for
    };

    /// `work()` returns std::optional<Value>; nullopt is a value followers must not take.
    template <class Work>
    std::optional<Result> run(const std::string& key, Work&& work) {
        std::shared_ptr<Flight> flight;
        bool leader = false;
        {
            std::lock_guard lock(mutex_);
            auto [it, inserted] = flights_.try_emplace(key);
            if (inserted) it->second = std::make_shared<Flight>();
            flight = it->second;
            leader = inserted;
        }
        if (!leader) {
            std::unique_lock lock(flight->mutex);
            waiting_.fetch_add(1, std::memory_order_relaxed);
            flight->done_cv.wait(lock, [&] { return flight->done; });
            waiting_.fetch_sub(1, std::memory_order_relaxed);
            if (flight->value) return Result{*flight->value, true};
            lock.unlock();
            auto own = work();
            if (!own) return std::nullopt;
            return Result{std::move(*own), false};
        }
        Landing landing{*this, key, *flight};
        std::optional<Value> value = work();
        landing.land(value);
        if (!value) return std::nullopt;
        return Result{std::move(*value), false};
    }

    /// Keys being computed now (for tests).
    [[nodiscard]] std::size_t in_flight() {
        std::lock_guard lock(mutex_);
        return flights_.size();
    }

    /// Requests waiting for another's computation now (for tests).
    [[nodiscard]] std::size_t waiting() const { return waiting_.load(std::memory_order_relaxed); }

  private:
    struct Flight {
        std::mutex mutex;
        std::condition_variable done_cv;
        bool done = false;
        std::optional<Value> value;
    };

    /// Ends the leader's flight on every path: with its value, or empty when the work threw.
    class Landing {
      public:
        Landing(SingleFlight& owner, const std::string& key, Flight& flight)
            : owner_(owner), key_(key), flight_(flight) {}
        Landing(const Landing&) = delete;
        Landing& operator=(const Landing&) = delete;
        ~Landing() {
            if (!landed_) finish(std::nullopt);
        }
        void land(const std::optional<Value>& value) {
            finish(value);
            landed_ = true;
        }

      private:
        void finish(const std::optional<Value>& value) {
            // Out of the map first: a request arriving from now on computes (or finds the
            // cache filled) rather than joining a flight that has ended.
            {
                std::lock_guard lock(owner_.mutex_);
                owner_.flights_.erase(key_);
            }
            {
                std::lock_guard lock(flight_.mutex);
                flight_.value = value;
                flight_.done = true;
            }
            flight_.done_cv.notify_all();
        }
        SingleFlight& owner_;
        const std::string& key_;
        Flight& flight_;
        bool landed_ = false;
    };

    std::mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<Flight>> flights_;
    std::atomic<std::size_t> waiting_{0};
};

}  // namespace kb
