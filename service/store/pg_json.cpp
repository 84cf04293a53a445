/// @brief PostgreSQL fields as JSON values, for the row mappings of the stores.
#include "pg_json.hpp"

#include <string>

namespace kb {

nlohmann::json text_or_null(const pqxx::field& field) {
    return field.is_null() ? nlohmann::json(nullptr) : nlohmann::json(field.as<std::string>());
}

}  // namespace kb
