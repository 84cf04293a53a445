/// @brief When the daily digest is due: the latest --digest-hour (UTC) at or before now.
#include "digests.hpp"

#include <gtest/gtest.h>

namespace kb {
namespace {

using namespace std::chrono;

sys_seconds at(int day, int hour, int minute) {
    return sys_days{year{2026} / November / day} + hours(hour) + minutes(minute);
}

TEST(DigestBoundary, IsTodayOnceTheHourHasComeElseYesterday) {
    EXPECT_EQ(digest_boundary(at(30, 7, 0), 7), at(30, 7, 0));
    EXPECT_EQ(digest_boundary(at(30, 9, 15), 7), at(30, 7, 0));
    EXPECT_EQ(digest_boundary(at(30, 6, 59), 7), at(29, 7, 0));
    EXPECT_EQ(digest_boundary(at(30, 0, 0), 0), at(30, 0, 0));
    // Across a month's end.
    EXPECT_EQ(digest_boundary(at(1, 3, 0), 23), sys_days{year{2026} / October / 31} + hours(23));
}

}  // namespace
}  // namespace kb
