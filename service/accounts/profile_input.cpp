/// @brief profile_input_from_json: one field at a time, with the vocabularies' checks.
#include "profile_input.hpp"

#include "api_error.hpp"
#include "input_checks.hpp"
#include "json_body.hpp"
#include "notify_modes.hpp"
#include "request_params.hpp"
#include "vocabulary.hpp"

#include <algorithm>

namespace kb {

ProfileInput profile_input_from_json(const nlohmann::json& body) {
    ProfileInput in;
    // Every field but the display name may be cleared with null or "" (an emptied form input).
    for (const char* field :
         {"structure_name", "structure_type", "territory", "topics", "contact_email"}) {
        if (clears_field(body, field)) in.cleared.emplace_back(field);
    }
    auto cleared = [&](const char* field) {
        return std::find(in.cleared.begin(), in.cleared.end(), field) != in.cleared.end();
    };
    auto bounded = [&](const char* field, std::size_t max) -> std::optional<std::string> {
        if (cleared(field)) return std::nullopt;
        auto v = http::optional_string(body, field);
        if (v && utf8_length(*v) > max) {
            throw http::ApiError::bad_request("invalid_parameter",
                                              std::string("Champ « ") + field + " » trop long.");
        }
        return v;
    };
    if (clears_field(body, "display_name")) {
        throw http::ApiError::bad_request("empty_field", "Le nom affiché ne peut pas être effacé.");
    }
    in.display_name = bounded("display_name", 80);
    in.structure_name = bounded("structure_name", 200);
    if (!cleared("structure_type")) {
        if (auto type = http::optional_string(body, "structure_type"))
            in.structure_type =
                checked_upper("structure_type", {*type}, known_structure_types())[0];
    }
    if (!cleared("territory"))
        in.territory = checked_territory(http::optional_string(body, "territory"));
    if (!cleared("topics") && body.contains("topics"))
        in.topics = checked_tags(http::optional_string_list(body, "topics"));
    if (body.contains("contact_opt_in") && !body["contact_opt_in"].is_null()) {
        if (!body["contact_opt_in"].is_boolean()) {
            throw http::ApiError::bad_request("invalid_field_type",
                                              "Le champ « contact_opt_in » doit être un booléen.");
        }
        in.contact_opt_in = body["contact_opt_in"].get<bool>();
    }
    if (auto email = bounded("contact_email", kMaxEmailChars))
        in.contact_email = checked_email(*email);
    in.notify_mode = http::optional_string(body, "notify_mode");
    if (in.notify_mode) check_allowed("notify_mode", {*in.notify_mode}, notify_modes());
    return in;
}

}  // namespace kb
