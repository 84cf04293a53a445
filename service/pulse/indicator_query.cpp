/// @brief Period and filter checks of the indicators: real calendar days, from ≤ to, ≤ 5 years.
#include "indicator_query.hpp"

#include "api_error.hpp"
#include "input_checks.hpp"
#include "iso_time.hpp"
#include "request_params.hpp"
#include "vocabulary.hpp"

#include <chrono>

namespace kb {

namespace {

constexpr std::int64_t kMicrosPerDay = 86'400'000'000LL;

std::int64_t day_param(const http::Request& request, const std::string& name,
                       std::int64_t fallback) {
    auto raw = request.param(name);
    if (!raw) return fallback;
    auto day = parse_day(*raw);
    if (!day) {
        throw http::ApiError::bad_request(
            "invalid_date",
            "Le paramètre « " + name + " » doit être une date AAAA-MM-JJ existante.");
    }
    return *day;
}

}  // namespace

std::optional<std::int64_t> parse_day(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto micros = parse_iso_micros(text);
    if (!micros) return std::nullopt;
    return *micros / kMicrosPerDay;
}

std::string format_day(std::int64_t days) {
    const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buffer;
}

std::optional<std::string> one_structure_type(const http::Request& request) {
    auto types = upper_enum_params(request, "structure_type", known_structure_types());
    if (types.size() > 1) {
        throw http::ApiError::bad_request("invalid_parameter",
                                          "Un seul type de structure à la fois.");
    }
    if (types.empty()) return std::nullopt;
    return types.front();
}

IndicatorBounds bounds_of(const IndicatorQuery& q) {
    const std::int64_t from = *parse_day(q.from);
    const std::int64_t to = *parse_day(q.to);
    const std::int64_t last_week = to - (to + 3) % 7;  // 1970-01-01 was a Thursday
    const std::int64_t first_week = last_week - 51 * 7;
    auto midnight = [](std::int64_t day) { return format_day(day) + "T00:00:00Z"; };
    return {.period_start = midnight(from),
            .period_end = midnight(to + 1),
            .first_week = format_day(first_week),
            .last_week = format_day(last_week),
            .series_start = midnight(first_week),
            .experts_start = midnight(to + 1 - 90)};
}

IndicatorQuery parse_indicator_query(const http::Request& request, std::int64_t today_days) {
    const std::int64_t to = day_param(request, "to", today_days);
    const std::int64_t from = day_param(request, "from", to - 7 * 52 + 1);
    if (from > to) {
        throw http::ApiError::bad_request(
            "invalid_period", "La date de début (« from ») suit la date de fin (« to »).");
    }
    if (to - from + 1 > kMaxIndicatorDays) {
        throw http::ApiError::bad_request("invalid_period", "La période demandée dépasse 5 ans.");
    }
    IndicatorQuery q;
    q.from = format_day(from);
    q.to = format_day(to);
    q.territory = checked_territory(request.param("territory"));
    q.structure_type = one_structure_type(request);
    return q;
}

}  // namespace kb
