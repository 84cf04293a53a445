/// @brief parse_iso_micros: a strict ISO 8601 reader (date, time, fraction, offset); rfc3339_utc:
/// the one writer of API timestamps.
#include "iso_time.hpp"

#include <charconv>
#include <cmath>
#include <string>

namespace kb {

namespace {

// Reads exactly `digits` decimal digits at text[pos], advancing pos.
std::optional<int> read_number(std::string_view text, std::size_t& pos, int digits) {
    if (pos + static_cast<std::size_t>(digits) > text.size()) return std::nullopt;
    int value = 0;
    for (int i = 0; i < digits; ++i) {
        const char c = text[pos + static_cast<std::size_t>(i)];
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    pos += static_cast<std::size_t>(digits);
    return value;
}

bool is_leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<std::int64_t>(y - era * 400);
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

// The proleptic Gregorian date of a day count from 1970-01-01 (Hinnant's civil_from_days).
void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
}

// n as exactly `width` digits, zero-padded.
void append_digits(std::string& out, std::int64_t n, int width) {
    std::string digits = std::to_string(n);
    if (digits.size() < static_cast<std::size_t>(width))
        out.append(static_cast<std::size_t>(width) - digits.size(), '0');
    out += digits;
}

bool at(std::string_view text, std::size_t pos, char c) {
    return pos < text.size() && text[pos] == c;
}

}  // namespace

std::optional<std::int64_t> parse_iso_micros(std::string_view text) {
    std::size_t pos = 0;
    const auto year = read_number(text, pos, 4);
    if (!year || *year < 1 || !at(text, pos++, '-')) return std::nullopt;
    const auto month = read_number(text, pos, 2);
    if (!month || *month < 1 || *month > 12 || !at(text, pos++, '-')) return std::nullopt;
    const auto day = read_number(text, pos, 2);
    if (!day || *day < 1 || *day > days_in_month(*year, *month)) return std::nullopt;
    std::int64_t micros = days_from_civil(*year, *month, *day) * 86400 * 1000000;
    if (pos == text.size()) return micros;

    if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return std::nullopt;
    ++pos;
    const auto hour = read_number(text, pos, 2);
    if (!hour || *hour > 23 || !at(text, pos++, ':')) return std::nullopt;
    const auto minute = read_number(text, pos, 2);
    if (!minute || *minute > 59) return std::nullopt;
    int second = 0;
    std::int64_t fraction = 0;  // microseconds
    if (at(text, pos, ':')) {
        ++pos;
        const auto s = read_number(text, pos, 2);
        if (!s || *s > 60) return std::nullopt;
        second = *s;
        if (at(text, pos, '.') || at(text, pos, ',')) {
            const std::size_t first = ++pos;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
            if (pos == first) return std::nullopt;
            // As PostgreSQL rounds it: the fraction read as a double, times 10^6, rint.
            const std::string digits = "0." + std::string(text.substr(first, pos - first));
            double value = 0;
            std::from_chars(digits.data(), digits.data() + digits.size(), value);
            fraction = static_cast<std::int64_t>(std::rint(value * 1000000.0));
        }
    }
    micros += ((*hour * 60 + *minute) * 60 + second) * std::int64_t{1000000} + fraction;

    if (pos == text.size()) return micros;
    if ((text[pos] == 'Z' || text[pos] == 'z') && pos + 1 == text.size()) return micros;
    if (text[pos] != '+' && text[pos] != '-') return std::nullopt;
    const int sign = text[pos++] == '+' ? 1 : -1;
    const auto offset_hours = read_number(text, pos, 2);
    if (!offset_hours || *offset_hours > 15) return std::nullopt;
    int offset_minutes = 0;
    if (pos < text.size()) {
        if (text[pos] == ':') ++pos;
        const auto m = read_number(text, pos, 2);
        if (!m || *m > 59 || pos != text.size()) return std::nullopt;
        offset_minutes = *m;
    }
    // 10:00+02:00 is 08:00 UTC.
    return micros - sign * (*offset_hours * 60 + offset_minutes) * std::int64_t{60000000};
}

std::optional<Timestamp> parse_timestamp(std::string_view text) {
    const auto micros = parse_iso_micros(text);
    if (!micros) return std::nullopt;
    return Timestamp(std::chrono::microseconds(*micros));
}

std::string rfc3339_utc(Timestamp instant) {
    const auto seconds = std::chrono::floor<std::chrono::seconds>(instant).time_since_epoch();
    const std::int64_t total = seconds.count();
    const std::int64_t days = total >= 0 ? total / 86400 : (total - 86399) / 86400;
    const std::int64_t in_day = total - days * 86400;
    std::int64_t year = 0;
    unsigned month = 0, day = 0;
    civil_from_days(days, year, month, day);
    std::string out;
    out.reserve(20);
    append_digits(out, year, 4);
    out += '-';
    append_digits(out, month, 2);
    out += '-';
    append_digits(out, day, 2);
    out += 'T';
    append_digits(out, in_day / 3600, 2);
    out += ':';
    append_digits(out, in_day / 60 % 60, 2);
    out += ':';
    append_digits(out, in_day % 60, 2);
    out += 'Z';
    return out;
}

std::optional<std::string> rfc3339_utc(std::string_view iso_text) {
    const auto instant = parse_timestamp(iso_text);
    if (!instant) return std::nullopt;
    return rfc3339_utc(*instant);
}

}  // namespace kb
