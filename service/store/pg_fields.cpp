/// @brief Field readers: NULL as nullopt, timestamptz through the one ISO 8601 reader.
#include "pg_fields.hpp"

#include <stdexcept>

namespace kb {

std::optional<std::string> optional_text(const pqxx::field& field) {
    if (field.is_null()) return std::nullopt;
    return field.as<std::string>();
}

Timestamp timestamp_of(const pqxx::field& field) {
    auto instant = optional_timestamp(field);
    if (!instant) {
        throw std::runtime_error(std::string("unexpected NULL timestamp in column ") +
                                 field.name());
    }
    return *instant;
}

std::optional<Timestamp> optional_timestamp(const pqxx::field& field) {
    if (field.is_null()) return std::nullopt;
    // PostgreSQL writes "2026-11-30 07:14:47.948653+00" (DateStyle ISO), an ISO 8601 form.
    auto instant = parse_timestamp(field.c_str());
    if (!instant) {
        throw std::runtime_error(std::string("unreadable timestamp '") + field.c_str() +
                                 "' in column " + field.name());
    }
    return instant;
}

}  // namespace kb
