/// @brief Resource input checks, each failure a 400 with its own code.
#include "resource_input.hpp"

#include "api_error.hpp"
#include "input_checks.hpp"
#include "json_body.hpp"
#include "request_params.hpp"
#include "vocabulary.hpp"

#include <algorithm>

namespace kb {

namespace {

using http::ApiError;

bool present(const nlohmann::json& body, const std::string& field) {
    return body.contains(field) && !body[field].is_null();
}

std::string checked_summary(const nlohmann::json& body) {
    std::string summary = http::optional_string(body, "summary").value_or("");
    if (utf8_length(summary) > kMaxResourceSummaryChars)
        throw ApiError::bad_request("summary_too_long", "Le résumé dépasse 500 caractères.");
    return summary;
}

std::string checked_description(const nlohmann::json& body) {
    if (!present(body, "description")) return "";
    bool has = false;
    return checked_body(body, "description", false, has, 1);
}

std::string checked_choice(const nlohmann::json& body, const std::string& field,
                           const std::vector<std::string>& allowed) {
    std::string value = http::require_string(body, field);
    check_allowed(field, {value}, allowed);
    return value;
}

std::vector<std::string> checked_list(const nlohmann::json& body, const std::string& field,
                                      const std::vector<std::string>& allowed) {
    std::vector<std::string> values = http::optional_string_list(body, field);
    check_allowed(field, values, allowed);
    std::vector<std::string> unique;
    for (const auto& v : values)
        if (std::find(unique.begin(), unique.end(), v) == unique.end()) unique.push_back(v);
    return unique;
}

std::optional<std::string> checked_link(const nlohmann::json& body) {
    auto link = http::optional_string(body, "link");
    if (!link || link->empty()) return std::nullopt;
    std::string lower = link->substr(0, 8);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const bool http = lower.rfind("http://", 0) == 0 || lower.rfind("https://", 0) == 0;
    const bool clean = std::none_of(link->begin(), link->end(), [](unsigned char c) {
        return c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>';
    });
    if (!http || !clean || link->size() > kMaxLinkChars || link->size() < 11) {
        throw ApiError::bad_request(
            "invalid_link",
            "Le lien doit être une adresse http:// ou https:// complète, sans "
            "espace (2 000 caractères au plus).");
    }
    // The scheme in lower case, the rest as typed.
    return lower.substr(0, lower[4] == 's' ? 8 : 7) + link->substr(lower[4] == 's' ? 8 : 7);
}

std::optional<std::string> checked_resource_territory(const nlohmann::json& body) {
    auto territory = http::optional_string(body, "territory");
    if (!territory || *territory == "national") return std::nullopt;
    return checked_territory(territory);
}

}  // namespace

ResourceFields resource_fields_from(const nlohmann::json& body) {
    ResourceFields f;
    bool has_title = false;
    f.title = checked_title(body, true, has_title);
    f.summary = checked_summary(body);
    f.description = checked_description(body);
    f.type = checked_choice(body, "type", known_resource_types());
    f.link = checked_link(body);
    if (present(body, "licence")) f.licence = checked_choice(body, "licence", known_licences());
    f.audiences = checked_list(body, "audiences", known_audiences());
    f.steps = checked_list(body, "steps", known_steps());
    f.structure_types = checked_list(body, "structure_types", known_structure_types());
    f.territory = checked_resource_territory(body);
    f.tags = checked_tags(http::optional_string_list(body, "tags"));
    return f;
}

ResourcePatch resource_patch_from(const nlohmann::json& body) {
    ResourcePatch p;
    bool has_title = false;
    std::string title = checked_title(body, false, has_title);
    if (has_title) p.title = title;
    if (body.contains("summary")) p.summary = checked_summary(body);
    if (body.contains("description")) p.description = checked_description(body);
    if (present(body, "type")) p.type = checked_choice(body, "type", known_resource_types());
    if (body.contains("link")) p.link = checked_link(body);
    if (present(body, "licence")) p.licence = checked_choice(body, "licence", known_licences());
    if (body.contains("audiences"))
        p.audiences = checked_list(body, "audiences", known_audiences());
    if (body.contains("steps")) p.steps = checked_list(body, "steps", known_steps());
    if (body.contains("structure_types"))
        p.structure_types = checked_list(body, "structure_types", known_structure_types());
    if (body.contains("territory")) p.territory = checked_resource_territory(body);
    if (body.contains("tags")) p.tags = checked_tags(http::optional_string_list(body, "tags"));
    if (p.empty()) {
        throw ApiError::bad_request("empty_patch",
                                    "Rien à modifier : aucun champ de la ressource reçu.");
    }
    return p;
}

}  // namespace kb
