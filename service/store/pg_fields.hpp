/// @brief PostgreSQL fields as plain values, for the row mappings of the stores.
#pragma once

#include "iso_time.hpp"

#include <pqxx/pqxx>

#include <optional>
#include <string>

namespace kb {

/// A text field, or nullopt when it is NULL.
std::optional<std::string> optional_text(const pqxx::field& field);

/// A timestamptz field (whatever the session's time zone: its text carries the offset).
/// Throws std::runtime_error on NULL or an unreadable value.
Timestamp timestamp_of(const pqxx::field& field);

/// A timestamptz field, or nullopt when it is NULL.
std::optional<Timestamp> optional_timestamp(const pqxx::field& field);

}  // namespace kb
