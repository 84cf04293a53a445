/// @brief ReadAhead: every claimed item is loaded once, ahead of the workers when they are slower.
#include "read_ahead.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace kb {
namespace {

struct Pool {
    std::atomic<std::size_t> next{0};
    std::vector<std::atomic<int>> loads;
    std::vector<std::atomic<bool>> by_worker;
    std::atomic<std::size_t> beyond_lookahead{0};
    explicit Pool(std::size_t n) : loads(n), by_worker(n) {}
};

thread_local bool is_worker = false;

// Two workers claim items through pool.next, like a rebuild's, spending `work` on each.
void run_workers(Pool& pool, ReadAhead& read_ahead, std::chrono::microseconds work) {
    std::vector<std::thread> workers;
    for (int w = 0; w < 2; ++w) {
        workers.emplace_back([&] {
            is_worker = true;
            for (std::size_t i = pool.next++; i < pool.loads.size(); i = pool.next++) {
                read_ahead.acquire(i);
                EXPECT_EQ(pool.loads[i].load(), 1) << "item " << i << " not loaded once";
                std::this_thread::sleep_for(work);
            }
        });
    }
    for (auto& t : workers) t.join();
    read_ahead.stop();
}

TEST(ReadAhead, LoadsEachItemOnceAheadOfSlowWorkers) {
    constexpr std::size_t kItems = 600;
    constexpr std::size_t kLookahead = 64;
    Pool pool(kItems);
    ReadAhead read_ahead(kItems, kLookahead, pool.next, [&](std::size_t i) {
        pool.loads[i]++;
        pool.by_worker[i] = is_worker;
        if (!is_worker && i >= pool.next.load() + kLookahead) pool.beyond_lookahead++;
    });
    run_workers(pool, read_ahead, std::chrono::microseconds(200));

    std::size_t ahead = 0;
    for (std::size_t i = 0; i < kItems; ++i) {
        EXPECT_EQ(pool.loads[i].load(), 1) << "item " << i;
        if (!pool.by_worker[i]) ++ahead;
    }
    // Workers spend 200 us an item; the read-ahead thread only loads, so it keeps ahead of them.
    EXPECT_GT(ahead, kItems / 2);
    EXPECT_EQ(pool.beyond_lookahead.load(), 0u);
}

TEST(ReadAhead, WorkersLoadWhatTheReadAheadThreadHasNotReached) {
    constexpr std::size_t kItems = 2000;
    Pool pool(kItems);
    // A slow load on the read-ahead thread: fast workers overtake it and load items themselves.
    ReadAhead read_ahead(kItems, 4, pool.next, [&](std::size_t i) {
        pool.loads[i]++;
        pool.by_worker[i] = is_worker;
        if (!is_worker) std::this_thread::sleep_for(std::chrono::microseconds(500));
    });
    run_workers(pool, read_ahead, std::chrono::microseconds(0));

    std::size_t by_workers = 0;
    for (std::size_t i = 0; i < kItems; ++i) {
        EXPECT_EQ(pool.loads[i].load(), 1) << "item " << i;
        if (pool.by_worker[i]) ++by_workers;
    }
    EXPECT_GT(by_workers, kItems / 2);
}

TEST(ReadAhead, AFailedLoadIsRetriedByTheWorkerThatClaimedTheItem) {
    constexpr std::size_t kItems = 50;
    Pool pool(kItems);
    std::atomic<int> failures{0};
    ReadAhead read_ahead(kItems, 8, pool.next, [&](std::size_t i) {
        if (!is_worker && i % 2 == 0) {
            failures++;
            throw std::runtime_error("disk error");
        }
        pool.loads[i]++;
        pool.by_worker[i] = is_worker;
    });
    run_workers(pool, read_ahead, std::chrono::microseconds(300));
    for (std::size_t i = 0; i < kItems; ++i) {
        EXPECT_EQ(pool.loads[i].load(), 1) << "item " << i;
        if (i % 2 == 0) {
            EXPECT_TRUE(pool.by_worker[i].load()) << "item " << i;
        }
    }
    EXPECT_GT(failures.load(), 0);
}

}  // namespace
}  // namespace kb
