/// @brief Request accessors and JSON response helpers.
#include "message.hpp"

#include "input_limits.hpp"
#include "text_lists.hpp"

#include <stdexcept>

namespace kb::http {

std::optional<std::string> Request::param(const std::string& name) const {
    for (const auto& [key, value] : query) {
        if (key == name) return value;
    }
    return std::nullopt;
}

std::vector<std::string> Request::params(const std::string& name) const {
    std::vector<std::string> out;
    for (const auto& [key, value] : query) {
        if (key != name) continue;
        // Spaces typed after a comma are not part of the value.
        for (const std::string_view item : list_items(value, ',', " \t")) out.emplace_back(item);
    }
    check_list_size(name, out.size());
    return out;
}

std::optional<std::string> Request::header(const std::string& lower_name) const {
    for (const auto& [key, value] : headers) {
        if (key == lower_name) return value;
    }
    return std::nullopt;
}

const std::string& Request::path_param(const std::string& name) const {
    for (const auto& [key, value] : path_params) {
        if (key == name) return value;
    }
    throw std::logic_error("route has no path parameter " + name);
}

std::string dump_json(const nlohmann::json& body) {
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Response Response::json(int status, const nlohmann::json& body) {
    Response r;
    r.status = status;
    r.body = dump_json(body);
    return r;
}

Response Response::no_content() {
    Response r;
    r.status = 204;
    r.content_type.clear();
    return r;
}

}  // namespace kb::http
