/// @brief Q&A input checks, each failure a 400 with its own code.
#include "input_checks.hpp"

#include "api_error.hpp"
#include "json_body.hpp"
#include "request_params.hpp"

#include <regex>

namespace kb {

namespace {

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

}  // namespace

long long parse_id(const std::string& raw) {
    if (raw.empty() || raw.size() > 18 ||
        raw.find_first_not_of("0123456789") != std::string::npos || std::stoll(raw) <= 0) {
        throw http::ApiError::bad_request(
            "invalid_id", "L'identifiant « " + raw + " » n'est pas un nombre entier positif.");
    }
    return std::stoll(raw);
}

std::string checked_title(const nlohmann::json& body, bool required, bool& present) {
    auto title = http::optional_string(body, "title");
    present = title.has_value();
    if (!title) {
        if (required)
            throw http::ApiError::bad_request("missing_field",
                                              "Le champ « title » est obligatoire.");
        return "";
    }
    std::string t = trim(*title);
    if (t.empty())
        throw http::ApiError::bad_request("empty_field", "Le titre ne peut pas être vide.");
    if (utf8_length(t) > kMaxTitleChars) {
        throw http::ApiError::bad_request("title_too_long", "Le titre dépasse 200 caractères.");
    }
    return t;
}

std::string checked_body(const nlohmann::json& body, const std::string& field, bool required,
                         bool& present) {
    auto text = http::optional_string(body, field);
    present = text.has_value();
    if (!text) {
        if (required)
            throw http::ApiError::bad_request("missing_field",
                                              "Le champ « " + field + " » est obligatoire.");
        return "";
    }
    if (trim(*text).empty())
        throw http::ApiError::bad_request("empty_field", "Le texte ne peut pas être vide.");
    if (utf8_length(*text) > kMaxPostBodyChars) {
        throw http::ApiError::bad_request("body_too_long", "Le texte dépasse 20 000 caractères.");
    }
    return *text;
}

std::vector<std::string> checked_tags(const std::vector<std::string>& tags) {
    static const std::regex tag_re("^[a-z0-9]+(-[a-z0-9]+)*$");
    if (tags.size() > 10)
        throw http::ApiError::bad_request("invalid_tag", "Dix mots-clés au plus.");
    for (const auto& tag : tags) {
        if (tag.size() > 40 || !std::regex_match(tag, tag_re)) {
            throw http::ApiError::bad_request(
                "invalid_tag", "Mot-clé invalide « " + tag + " » (a-z, 0-9 et '-').");
        }
    }
    return tags;
}

std::optional<std::string> checked_territory(const std::optional<std::string>& territory) {
    static const std::regex territory_re("^([0-9]{2,3}|2A|2B)$");
    if (territory && !std::regex_match(*territory, territory_re)) {
        throw http::ApiError::bad_request("invalid_parameter",
                                          "Code de département invalide « " + *territory + " ».");
    }
    return territory;
}

}  // namespace kb
