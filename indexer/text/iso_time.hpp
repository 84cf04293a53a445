/// @brief ISO 8601 dates and timestamps to an instant, the way PostgreSQL reads them into a
/// timestamptz, and the one RFC 3339 form every API timestamp is written in.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kb {

/// Microseconds since 1970-01-01T00:00:00Z of `text`: YYYY-MM-DD, then optionally `T` or a space
/// and HH:MM[:SS[.fraction]], then optionally `Z` or an offset ±HH[[:]MM]. Without an offset the
/// time is UTC. Fractions are rounded to the microsecond and a second of 60 runs into the next
/// minute, exactly as PostgreSQL does. nullopt for anything else, a field out of range included
/// (2025-02-29, 24:00).
std::optional<std::int64_t> parse_iso_micros(std::string_view text);

/// An instant, to the microsecond, as PostgreSQL's timestamptz holds it.
using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

/// The instant of an ISO 8601 text (parse_iso_micros), or nullopt.
std::optional<Timestamp> parse_timestamp(std::string_view text);

/// The API's one timestamp format: RFC 3339 in UTC, to the second, with `Z`
/// (2026-11-30T07:14:47Z). Fractions of a second are dropped (rounded down).
std::string rfc3339_utc(Timestamp instant);

/// rfc3339_utc of an ISO 8601 text (a bare date is its midnight UTC), or nullopt when the text
/// is not one.
std::optional<std::string> rfc3339_utc(std::string_view iso_text);

}  // namespace kb
