/// @brief JSON body validation helpers.
#include "json_body.hpp"

#include "api_error.hpp"
#include "input_limits.hpp"
#include "utf8.hpp"

namespace kb::http {

namespace {

ApiError wrong_type(const std::string& field, const std::string& expected) {
    return ApiError::bad_request("invalid_field_type",
                                 "Le champ « " + field + " » doit être " + expected + ".");
}

}  // namespace

nlohmann::json parse_json_object(const Request& request) {
    if (!request.content_type.empty() && request.content_type.find("json") == std::string::npos) {
        throw ApiError(415, "unsupported_media_type", "Type de contenu non pris en charge",
                       "Le corps doit être envoyé en application/json.");
    }
    if (!is_valid_utf8(request.body)) {
        throw ApiError::bad_request("invalid_utf8",
                                    "Le corps de la requête n'est pas en UTF-8 valide.");
    }
    nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded()) {
        throw ApiError::bad_request("malformed_json",
                                    "Le corps de la requête n'est pas un JSON valide.");
    }
    check_json_text(body);
    if (!body.is_object()) {
        throw ApiError::bad_request("invalid_body",
                                    "Le corps de la requête doit être un objet JSON.");
    }
    return body;
}

std::string require_string(const nlohmann::json& body, const std::string& field) {
    auto value = optional_string(body, field);
    if (!value) {
        throw ApiError::bad_request("missing_field", "Le champ « " + field + " » est obligatoire.");
    }
    return *value;
}

std::optional<std::string> optional_string(const nlohmann::json& body, const std::string& field) {
    auto it = body.find(field);
    if (it == body.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) throw wrong_type(field, "une chaîne de caractères");
    return it->get<std::string>();
}

std::vector<std::string> optional_string_list(const nlohmann::json& body,
                                              const std::string& field) {
    std::vector<std::string> out;
    auto it = body.find(field);
    if (it == body.end() || it->is_null()) return out;
    if (!it->is_array()) throw wrong_type(field, "une liste de chaînes");
    check_list_size(field, it->size());
    for (const auto& item : *it) {
        if (!item.is_string()) throw wrong_type(field, "une liste de chaînes");
        out.push_back(item.get<std::string>());
    }
    return out;
}

long long require_integer(const nlohmann::json& body, const std::string& field) {
    auto it = body.find(field);
    if (it == body.end() || it->is_null()) {
        throw ApiError::bad_request("missing_field", "Le champ « " + field + " » est obligatoire.");
    }
    if (!it->is_number_integer()) throw wrong_type(field, "un entier");
    return it->get<long long>();
}

}  // namespace kb::http
