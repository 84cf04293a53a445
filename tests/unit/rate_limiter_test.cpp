/// @brief Token buckets, keyed limiters and request throttles, on an injected clock; and the
/// control-character check they sit beside.
#include "rate_limiter.hpp"
#include "api_error.hpp"
#include "input_limits.hpp"

#include <gtest/gtest.h>

namespace kb::http {
namespace {

using namespace std::chrono_literals;

struct FakeClock {
    Clock::time_point now = Clock::time_point() + 1000h;
    Now fn() {
        return [this] { return now; };
    }
};

TEST(TokenBucket, SpendsItsBurstThenRefillsAtItsRate) {
    FakeClock clock;
    TokenBucket bucket(RateLimit::per_minute(3), clock.now);
    for (int i = 0; i < 3; ++i) EXPECT_FALSE(bucket.take(clock.now)) << i;
    auto wait = bucket.take(clock.now);
    ASSERT_TRUE(wait);
    EXPECT_EQ(std::chrono::duration_cast<std::chrono::seconds>(*wait), 20s);  // 3 a minute
    clock.now += 19s;
    EXPECT_TRUE(bucket.take(clock.now));
    clock.now += 1s;
    EXPECT_FALSE(bucket.take(clock.now));
    clock.now += 10min;  // never more than the burst
    EXPECT_TRUE(bucket.full(clock.now));
    for (int i = 0; i < 3; ++i) EXPECT_FALSE(bucket.take(clock.now));
    EXPECT_TRUE(bucket.take(clock.now));
    bucket.give_back(clock.now);
    EXPECT_FALSE(bucket.take(clock.now));
}

TEST(RateLimiter, KeepsOneBucketPerKeyAndSaysHowLongToWait) {
    FakeClock clock;
    RateLimiter limiter(RateLimit::every(15), clock.fn());
    EXPECT_FALSE(limiter.acquire("a"));
    EXPECT_EQ(limiter.acquire("a"), 15);
    EXPECT_FALSE(limiter.acquire("b"));
    clock.now += 14500ms;
    EXPECT_EQ(limiter.acquire("a"), 1);  // rounded up: never "retry in 0 s"
    clock.now += 500ms;
    EXPECT_FALSE(limiter.acquire("a"));
    limiter.release("a");
    EXPECT_FALSE(limiter.acquire("a"));
}

TEST(RateLimiter, AnUnlimitedBudgetLetsEverythingThrough) {
    RateLimiter limiter(RateLimit::per_minute(0));
    for (int i = 0; i < 1000; ++i) ASSERT_FALSE(limiter.acquire("a"));
}

Request request(const std::string& address, const std::string& token) {
    Request r;
    r.client_address = address;
    if (!token.empty()) r.authorization = "Bearer " + token;
    return r;
}

int status_of(Handler& handler, const Request& r) {
    try {
        return handler(r).status;
    } catch (const ApiError& e) {
        if (e.status() == 429) {
            EXPECT_GE(e.retry_after(), 1);
        }
        return e.status();
    }
}

TEST(RequestThrottle, ChargesTheAddressAndTheTokenBoth) {
    FakeClock clock;
    RequestThrottle throttle(RateLimit::per_minute(2), RequestThrottle::Counts::every_request, {},
                             clock.fn());
    Handler handler = throttle.wrap([](const Request&) { return Response::json(200, {}); });
    // One token used from two addresses: its own budget stops it.
    EXPECT_EQ(status_of(handler, request("10.0.0.1", "t1")), 200);
    EXPECT_EQ(status_of(handler, request("10.0.0.2", "t1")), 200);
    EXPECT_EQ(status_of(handler, request("10.0.0.3", "t1")), 429);
    // The refusal did not charge 10.0.0.3; two other tokens from one address share its budget.
    EXPECT_EQ(status_of(handler, request("10.0.0.3", "t2")), 200);
    EXPECT_EQ(status_of(handler, request("10.0.0.3", "t3")), 200);
    EXPECT_EQ(status_of(handler, request("10.0.0.3", "t4")), 429);
    EXPECT_EQ(status_of(handler, request("10.0.0.3", "")), 429);
    clock.now += 30s;
    EXPECT_EQ(status_of(handler, request("10.0.0.3", "")), 200);
}

TEST(RequestThrottle, CountingOnlySuccessesGivesRefusedRequestsBack) {
    FakeClock clock;
    RequestThrottle throttle(RateLimit::every(15), RequestThrottle::Counts::successes,
                             {.address = false, .token = true}, clock.fn());
    int answer = 400;
    Handler handler = throttle.wrap([&](const Request&) {
        if (answer == 422) throw ApiError::unprocessable("x", "y");
        return Response::json(answer, {});
    });
    EXPECT_EQ(status_of(handler, request("10.0.0.1", "t1")), 400);
    answer = 422;
    EXPECT_EQ(status_of(handler, request("10.0.0.1", "t1")), 422);
    answer = 201;
    EXPECT_EQ(status_of(handler, request("10.0.0.1", "t1")), 201);
    EXPECT_EQ(status_of(handler, request("10.0.0.1", "t1")), 429);
    EXPECT_EQ(status_of(handler, request("10.0.0.1", "t2")), 201);  // per token, not address
    EXPECT_EQ(status_of(handler, request("10.0.0.1", "")), 201);    // no token: not counted
    clock.now += 15s;
    EXPECT_EQ(status_of(handler, request("10.0.0.1", "t1")), 201);
}

TEST(ControlCharacters, OnlyTabLineFeedAndCarriageReturnAreText) {
    EXPECT_FALSE(has_control_character("café\tà\r\nlà — «ok» 𝄞"));
    for (std::string bad : {std::string("a\0b", 3), std::string("\x01"), std::string("\x1b[0m"),
                            std::string("\x7f"), std::string("a\xc2\x85"), std::string("\xc2\x9f")})
        EXPECT_TRUE(has_control_character(bad)) << bad.size();
    EXPECT_FALSE(has_control_character("\xc2\xa0"));  // no-break space is text
}

}  // namespace
}  // namespace kb::http
