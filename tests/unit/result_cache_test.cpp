/// @brief ResultCache: hits, index-state versions, LRU eviction within the byte budget.
#include "result_cache.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace kb {
namespace {

std::shared_ptr<const SearchResponse> response(std::size_t total, std::size_t snippet_bytes = 10) {
    auto r = std::make_shared<SearchResponse>();
    r->total = total;
    SearchHit hit;
    nlohmann::json data = {{"slug", "s" + std::to_string(total)}};
    hit.shown = std::make_shared<const HitData>(HitData{data, data.dump(), {}});
    hit.snippet = std::string(snippet_bytes, 'x');
    r->hits.push_back(hit);
    return r;
}

TEST(ResultCache, ReturnsWhatWasPutForTheSameIndexStateOnly) {
    ResultCache cache(1 << 20);
    EXPECT_EQ(cache.get("q", {"gen", 1}), nullptr);
    cache.put("q", {"gen", 1}, response(7));
    ASSERT_NE(cache.get("q", {"gen", 1}), nullptr);
    EXPECT_EQ(cache.get("q", {"gen", 1})->total, 7u);
    EXPECT_EQ(cache.get("other", {"gen", 1}), nullptr);
    // A reader on another state of the index must not see it.
    EXPECT_EQ(cache.get("q", {"gen2", 1}), nullptr);
    // A response computed on a new generation (a rebuild) empties the cache.
    cache.put("r", {"gen2", 1}, response(3));
    EXPECT_EQ(cache.get("q", {"gen", 1}), nullptr);
    EXPECT_EQ(cache.get("r", {"gen2", 1})->total, 3u);
    EXPECT_EQ(cache.stats().entries, 1u);
}

TEST(ResultCache, EvictsTheLeastRecentlyUsedWithinItsBudget) {
    const std::size_t budget = 64 * 1024;
    ResultCache cache(budget);
    for (int i = 0; i < 100; ++i) {
        cache.put("q" + std::to_string(i), {"v", 1}, response(static_cast<std::size_t>(i), 2000));
        (void)cache.get("q0", {"v", 1});  // q0 stays in use
    }
    const ResultCache::Stats stats = cache.stats();
    EXPECT_LE(stats.bytes, budget);
    EXPECT_GT(stats.entries, 2u);
    EXPECT_LT(stats.entries, 100u);
    EXPECT_NE(cache.get("q0", {"v", 1}), nullptr);   // recently used: kept
    EXPECT_EQ(cache.get("q1", {"v", 1}), nullptr);   // oldest unused: evicted
    EXPECT_NE(cache.get("q99", {"v", 1}), nullptr);  // newest: kept
}

TEST(ResultCache, ReplacingAKeyKeepsOneEntryAndAZeroBudgetCachesNothing) {
    ResultCache cache(1 << 20);
    cache.put("q", {"v", 1}, response(1));
    cache.put("q", {"v", 1}, response(2));
    EXPECT_EQ(cache.get("q", {"v", 1})->total, 2u);
    EXPECT_EQ(cache.stats().entries, 1u);

    ResultCache off(0);
    off.put("q", {"v", 1}, response(1));
    EXPECT_EQ(off.get("q", {"v", 1}), nullptr);
}

TEST(ResultCache, ARenderingIsMadeOnceAndShared) {
    auto r = response(1);
    int made = 0;
    auto make = [&made] {
        ++made;
        return std::string("{\"total\":1}");
    };
    EXPECT_EQ(r->rendering->get(make), "{\"total\":1}");
    EXPECT_EQ(r->rendering->get(make), "{\"total\":1}");
    EXPECT_EQ(made, 1);
}

}  // namespace
}  // namespace kb
