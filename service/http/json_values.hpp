/// @brief Plain values as JSON for the presenters: absent values as null, instants in the API's
/// one timestamp format (RFC 3339 UTC, rfc3339_utc).
#pragma once

#include "iso_time.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace kb::http {

/// The value, or null when absent.
template <typename T>
nlohmann::json nullable(const std::optional<T>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

/// "2026-11-30T07:14:47Z".
inline nlohmann::json timestamp_json(Timestamp instant) {
    return rfc3339_utc(instant);
}

/// The timestamp, or null when absent.
inline nlohmann::json timestamp_json(const std::optional<Timestamp>& instant) {
    return instant ? timestamp_json(*instant) : nlohmann::json(nullptr);
}

}  // namespace kb::http
