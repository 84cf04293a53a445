/// @brief Account handlers.
#include "user_handlers.hpp"

#include "api_error.hpp"
#include "auth.hpp"
#include "input_checks.hpp"
#include "json_body.hpp"
#include "profile_input.hpp"
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
    const ProfileInput in = profile_input_from_json(http::parse_json_object(request));
    app.users.update_profile(user, in);
    return my_profile(app, user);
}

void change_role(AccountContext& app, const User& moderator, long long id,
                 const std::string& role) {
    require_moderator(moderator);
    if (!is_known(known_roles(), role)) {
        throw http::ApiError::bad_request(
            "invalid_parameter", "Rôle inconnu « " + role + " » (" + joined(known_roles()) + ").");
    }
    app.users.set_role(moderator, id, role);
}

http::Response put_user_role(AccountContext& app, const http::Request& request) {
    User user = require_user(app.db, request);
    require_moderator(user);
    const long long id = parse_id(request.path_param("id"));
    nlohmann::json body = http::parse_json_object(request);
    const std::string role = http::require_string(body, "role");
    change_role(app, user, id, role);
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
