/// @brief PostgreSQL fields as JSON values, for the row mappings of the stores.
#pragma once

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

namespace kb {

/// A text field as a JSON string, or null when it is NULL.
nlohmann::json text_or_null(const pqxx::field& field);

}  // namespace kb
