/// @brief rfc3339_utc: the API's one timestamp form, from instants and from ISO 8601 texts.
#include "iso_time.hpp"

#include <gtest/gtest.h>

namespace kb {
namespace {

Timestamp at_micros(std::int64_t micros) {
    return Timestamp(std::chrono::microseconds(micros));
}

TEST(Rfc3339, InstantsAreWrittenInUtcToTheSecondWithZ) {
    EXPECT_EQ(rfc3339_utc(at_micros(0)), "1970-01-01T00:00:00Z");
    EXPECT_EQ(rfc3339_utc(at_micros(1796022887LL * 1000000 + 948653)), "2026-11-30T07:14:47Z");
    EXPECT_EQ(rfc3339_utc(at_micros(951782400LL * 1000000)), "2000-02-29T00:00:00Z");
    // Before 1970 the fraction still rounds down, to the earlier second.
    EXPECT_EQ(rfc3339_utc(at_micros(-1)), "1969-12-31T23:59:59Z");
    EXPECT_EQ(rfc3339_utc(at_micros(253402300799LL * 1000000)), "9999-12-31T23:59:59Z");
}

TEST(Rfc3339, EveryIsoFormTheSourcesUseComesOutTheSame) {
    EXPECT_EQ(rfc3339_utc("2026-11-22"), "2026-11-22T00:00:00Z");
    EXPECT_EQ(rfc3339_utc("2026-11-30T07:14:47Z"), "2026-11-30T07:14:47Z");
    EXPECT_EQ(rfc3339_utc("2024-08-12T07:31:06.948653+00:00"), "2024-08-12T07:31:06Z");
    EXPECT_EQ(rfc3339_utc("2024-08-12T09:31:06+02:00"), "2024-08-12T07:31:06Z");
    // PostgreSQL's own text of a timestamptz (DateStyle ISO).
    EXPECT_EQ(rfc3339_utc("2024-08-12 07:31:06.948653+00"), "2024-08-12T07:31:06Z");
    EXPECT_EQ(rfc3339_utc("2024-01-01 00:30:00-01"), "2024-01-01T01:30:00Z");
    EXPECT_EQ(rfc3339_utc(""), std::nullopt);
    EXPECT_EQ(rfc3339_utc("22/11/2026"), std::nullopt);
}

}  // namespace
}  // namespace kb
