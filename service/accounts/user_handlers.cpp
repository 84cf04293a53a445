/// @brief Account handlers.
#include "user_handlers.hpp"

#include "api_error.hpp"
#include "auth.hpp"
#include "input_checks.hpp"
#include "json_body.hpp"
#include "notify_modes.hpp"
#include "request_params.hpp"
#include "user_json.hpp"
#include "vocabulary.hpp"

#include <algorithm>

namespace kb {

namespace {

http::Response my_profile(AccountContext& app, const User& user) {
    auto profile = app.users.profile(user.id);
    // The token was just checked: the account exists unless it was removed meanwhile.
    if (!profile) throw http::ApiError::unauthorized("Ce compte n'existe plus.");
    return http::Response::json(200, profile_json(*profile));
}

}  // namespace

http::Response get_me(AccountContext& app, const http::Request& request) {
    return my_profile(app, require_user(app.db, request));
}

http::Response put_my_profile(AccountContext& app, const http::Request& request) {
    User user = require_user(app.db, request);
    nlohmann::json body = http::parse_json_object(request);
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
    app.users.update_profile(user, in);
    return my_profile(app, user);
}

http::Response put_user_role(AccountContext& app, const http::Request& request) {
    User user = require_user(app.db, request);
    require_moderator(user);
    const long long id = parse_id(request.path_param("id"));
    nlohmann::json body = http::parse_json_object(request);
    const std::string role = http::require_string(body, "role");
    if (!is_known(known_roles(), role)) {
        throw http::ApiError::bad_request(
            "invalid_parameter", "Rôle inconnu « " + role + " » (" + joined(known_roles()) + ").");
    }
    app.users.set_role(user, id, role);
    return http::Response::json(200, {{"id", id}, {"role", role}});
}

http::Response list_experts(AccountContext& app, const http::Request& request) {
    ExpertQuery q;
    q.structure_types = upper_enum_params(request, "structure_type", known_structure_types());
    q.territories = checked_territories(request.params("territory"));
    q.topics = enum_params(request, "topic", {});
    return http::Response::json(200, experts_json(app.users.list_experts(q)));
}

}  // namespace kb
