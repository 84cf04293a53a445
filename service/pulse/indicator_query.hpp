/// @brief Reads and checks the indicators' period and filters from a request (400 on bad input).
#pragma once

#include "message.hpp"
#include "pulse_store.hpp"

#include <cstdint>

namespace kb {

/// The longest period the indicators cover at once.
constexpr int kMaxIndicatorDays = 5 * 366;

/// from/to (YYYY-MM-DD, default: the 52 weeks ending today), territory, structure_type.
/// today_days is the current UTC day as days since 1970-01-01 (passed in for tests).
IndicatorQuery parse_indicator_query(const http::Request& request, std::int64_t today_days);

/// The instants and days the indicators' SQL compares with, all UTC: the period is
/// [period_start, period_end); the series covers the 52 weeks first_week..last_week (Mondays).
struct IndicatorBounds {
    std::string period_start;   ///< from, 00:00 (timestamptz text)
    std::string period_end;     ///< the day after to, 00:00
    std::string first_week;     ///< Monday 51 weeks before the week of to (date)
    std::string last_week;      ///< Monday of the week of to
    std::string series_start;   ///< first_week, 00:00
    std::string experts_start;  ///< 90 days before period_end: the summary's active experts
};
IndicatorBounds bounds_of(const IndicatorQuery& query);

/// The `structure_type` parameter: at most one value, any case (400 otherwise).
std::optional<std::string> one_structure_type(const http::Request& request);

/// Days since 1970-01-01 of a YYYY-MM-DD date, or nullopt when it is not one.
std::optional<std::int64_t> parse_day(const std::string& text);
std::string format_day(std::int64_t days);

}  // namespace kb
