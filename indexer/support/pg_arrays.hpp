/// @brief Text-array conversions for libpqxx 6.4, which binds arrays as '{"a","b"}' literals.
#pragma once

#include <pqxx/pqxx>

#include <string>
#include <vector>

namespace kb {

/// '{"a","b"}' with quotes and backslashes escaped; bind it with a ::text[] cast.
std::string to_pg_array(const std::vector<std::string>& items);

/// The strings of a text[] field (NULL elements skipped).
std::vector<std::string> from_pg_array(const pqxx::field& field);

}  // namespace kb
