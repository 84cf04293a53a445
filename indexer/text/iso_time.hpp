/// @brief ISO 8601 dates and timestamps to an instant, the way PostgreSQL reads them into a
/// timestamptz.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace kb {

/// Microseconds since 1970-01-01T00:00:00Z of `text`: YYYY-MM-DD, then optionally `T` or a space
/// and HH:MM[:SS[.fraction]], then optionally `Z` or an offset ±HH[[:]MM]. Without an offset the
/// time is UTC. Fractions are rounded to the microsecond and a second of 60 runs into the next
/// minute, exactly as PostgreSQL does. nullopt for anything else, a field out of range included
/// (2025-02-29, 24:00).
std::optional<std::int64_t> parse_iso_micros(std::string_view text);

}  // namespace kb
