/// @brief SingleFlight: requests for a key being computed wait for that computation's value.
#include "single_flight.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace kb {
namespace {

using Flights = SingleFlight<int>;

// Polls until `n` requests wait (the followers have joined), for at most ten seconds.
bool wait_for_waiting(const Flights& flights, std::size_t n) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (flights.waiting() < n) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

// A leader whose work returns what `release` is given (nullopt or a throw included), started on
// its own thread once it has begun computing.
struct Leader {
    std::promise<std::optional<int>> release;
    std::promise<void> started;
    std::future<std::optional<Flights::Result>> result;

    Leader(Flights& flights, const std::string& key) {
        auto gate = release.get_future().share();
        auto begun = started.get_future();
        result = std::async(std::launch::async, [&flights, key, gate, this] {
            return flights.run(key, [&]() -> std::optional<int> {
                started.set_value();
                return gate.get();  // rethrows what the test set
            });
        });
        begun.wait();
    }
};

TEST(SingleFlight, FollowersTakeTheLeadersValueWithoutComputing) {
    Flights flights;
    Leader leader(flights, "q@7");
    EXPECT_EQ(flights.in_flight(), 1u);

    std::atomic<int> computed{0};
    std::vector<std::future<std::optional<Flights::Result>>> followers;
    for (int i = 0; i < 3; ++i)
        followers.push_back(std::async(std::launch::async, [&] {
            return flights.run("q@7", [&]() -> std::optional<int> {
                ++computed;
                return -1;
            });
        }));
    ASSERT_TRUE(wait_for_waiting(flights, 3));
    leader.release.set_value(42);

    const auto led = leader.result.get();
    ASSERT_TRUE(led.has_value());
    EXPECT_EQ(led->value, 42);
    EXPECT_FALSE(led->shared);
    for (auto& f : followers) {
        const auto got = f.get();
        ASSERT_TRUE(got.has_value());
        EXPECT_EQ(got->value, 42);
        EXPECT_TRUE(got->shared);
    }
    EXPECT_EQ(computed.load(), 0);
    EXPECT_EQ(flights.in_flight(), 0u);
    EXPECT_EQ(flights.waiting(), 0u);
}

TEST(SingleFlight, AnEndedFlightIsNotJoined) {
    Flights flights;
    auto first = flights.run("q", [] { return std::optional<int>(1); });
    auto second = flights.run("q", [] { return std::optional<int>(2); });
    ASSERT_TRUE(first && second);
    EXPECT_EQ(second->value, 2);
    EXPECT_FALSE(second->shared);
}

TEST(SingleFlight, OtherKeysDoNotWait) {
    Flights flights;
    Leader leader(flights, "q@7");
    // Another question, or the same one on another index state, is computed at once.
    auto other = flights.run("q@8", [] { return std::optional<int>(8); });
    ASSERT_TRUE(other.has_value());
    EXPECT_EQ(other->value, 8);
    EXPECT_FALSE(other->shared);
    leader.release.set_value(7);
    EXPECT_EQ(leader.result.get()->value, 7);
}

TEST(SingleFlight, WhenTheLeaderFailsEachFollowerComputesForItself) {
    for (const bool throws : {true, false}) {
        Flights flights;
        Leader leader(flights, "q");
        std::atomic<int> computed{0};
        std::vector<std::future<std::optional<Flights::Result>>> followers;
        for (int i = 0; i < 2; ++i)
            followers.push_back(std::async(std::launch::async, [&, i] {
                return flights.run("q", [&, i]() -> std::optional<int> {
                    ++computed;
                    return 100 + i;
                });
            }));
        ASSERT_TRUE(wait_for_waiting(flights, 2));
        if (throws)
            leader.release.set_exception(std::make_exception_ptr(std::runtime_error("overtaken")));
        else
            leader.release.set_value(std::nullopt);

        if (throws)
            EXPECT_THROW(leader.result.get(), std::runtime_error);
        else
            EXPECT_FALSE(leader.result.get().has_value());
        for (int i = 0; i < 2; ++i) {
            const auto got = followers[static_cast<std::size_t>(i)].get();
            ASSERT_TRUE(got.has_value());
            EXPECT_EQ(got->value, 100 + i);
            EXPECT_FALSE(got->shared);
        }
        EXPECT_EQ(computed.load(), 2);
        EXPECT_EQ(flights.in_flight(), 0u);
    }
}

}  // namespace
}  // namespace kb
