/// @brief Conversions between string vectors and PostgreSQL text arrays.
#include "pg_arrays.hpp"

namespace kb {

std::string to_pg_array(const std::vector<std::string>& items) {
    std::string out = "{";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ',';
        out += '"';
        for (char c : items[i]) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + "}";
}

std::vector<std::string> from_pg_array(const pqxx::field& field) {
    std::vector<std::string> out;
    if (field.is_null()) return out;
    auto parser = field.as_array();
    for (auto item = parser.get_next(); item.first != pqxx::array_parser::done;
         item = parser.get_next()) {
        if (item.first == pqxx::array_parser::string_value) out.push_back(item.second);
    }
    return out;
}

}  // namespace kb
