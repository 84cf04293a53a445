/// @brief Account routes: who am I, my expert profile, roles, the experts directory.
#pragma once

#include "message.hpp"
#include "pg_pool.hpp"
#include "user_store.hpp"

namespace kb {

/// What the account routes need.
struct AccountContext {
    PgPool& db;
    UserStore& users;
};

/// A moderator gives account id a role (API and pages): 403 for anyone else, 400 for an unknown
/// role, 404 for an unknown account, 409 `last_moderator`.
void change_role(AccountContext& app, const User& moderator, long long id, const std::string& role);

http::Response get_me(AccountContext& app, const http::Request& request);
http::Response put_my_profile(AccountContext& app, const http::Request& request);
http::Response put_user_role(AccountContext& app, const http::Request& request);
http::Response list_experts(AccountContext& app, const http::Request& request);

}  // namespace kb
