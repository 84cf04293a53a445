/// @brief parse_iso_micros: dates, times, fractions and offsets to an instant; malformed input.
#include "iso_time.hpp"

#include <gtest/gtest.h>

namespace kb {
namespace {

constexpr std::int64_t kSecond = 1000000;

TEST(IsoTime, DatesAndTimesWithoutOffsetAreUtc) {
    EXPECT_EQ(parse_iso_micros("1970-01-01"), 0);
    EXPECT_EQ(parse_iso_micros("2000-01-01"), 946684800 * kSecond);
    EXPECT_EQ(parse_iso_micros("2024-02-29"), 1709164800 * kSecond);
    EXPECT_EQ(parse_iso_micros("1969-12-31T23:59:59"), -1 * kSecond);
    EXPECT_EQ(parse_iso_micros("2026-03-13T18:42:50"), 1773427370 * kSecond);
    EXPECT_EQ(parse_iso_micros("2026-03-13 18:42:50"), 1773427370 * kSecond);
    EXPECT_EQ(parse_iso_micros("2026-03-13T18:42"), 1773427320 * kSecond);
    EXPECT_EQ(parse_iso_micros("2026-03-13T18:42:50Z"), 1773427370 * kSecond);
}

TEST(IsoTime, OffsetsAndFractions) {
    const std::int64_t utc = 1773427370 * kSecond;  // 2026-03-13T18:42:50Z
    EXPECT_EQ(parse_iso_micros("2026-03-13T20:42:50+02:00"), utc);
    EXPECT_EQ(parse_iso_micros("2026-03-13T20:42:50+0200"), utc);
    EXPECT_EQ(parse_iso_micros("2026-03-13T20:42:50+02"), utc);
    EXPECT_EQ(parse_iso_micros("2026-03-13T13:12:50-05:30"), utc);
    EXPECT_EQ(parse_iso_micros("2026-03-13T18:42:50.690581+00:00"), utc + 690581);
    EXPECT_EQ(parse_iso_micros("2026-03-13T18:42:50.5Z"), utc + 500000);
    // Rounded to the microsecond as PostgreSQL does (rint of the double: 0.1234565 is stored a
    // hair below, 0.1234567 above).
    EXPECT_EQ(parse_iso_micros("2026-03-13T18:42:50.1234565"), utc + 123456);
    EXPECT_EQ(parse_iso_micros("2026-03-13T18:42:50.1234567"), utc + 123457);
    EXPECT_EQ(parse_iso_micros("2026-03-13T18:42:50.9999999Z"), utc + kSecond);
    // A leap second runs into the next minute.
    EXPECT_EQ(parse_iso_micros("2026-03-13T18:42:60Z"), utc + 10 * kSecond);
}

TEST(IsoTime, MalformedOrOutOfRangeIsRefused) {
    for (const char* text : {"",
                             "2026",
                             "2026-03",
                             "26-03-13",
                             "2026-3-13",
                             "2026-13-01",
                             "2026-00-10",
                             "2025-02-29",
                             "2026-04-31",
                             "2026-03-13T",
                             "2026-03-13T24:00",
                             "2026-03-13T18:60",
                             "2026-03-13T18:42:61",
                             "2026-03-13T18:42:50.",
                             "2026-03-13T18:42:50+16:00",
                             "2026-03-13T18:42:50+02:60",
                             "2026-03-13T18:42:50+2",
                             "2026-03-13T18:42:50 garbage",
                             "2026-03-13x",
                             "2026-03-13Zx",
                             "0000-01-01"}) {
        EXPECT_FALSE(parse_iso_micros(text).has_value()) << text;
    }
}

}  // namespace
}  // namespace kb
