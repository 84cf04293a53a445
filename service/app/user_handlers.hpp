/// @brief Account routes: who am I, my expert profile, roles, the experts directory.
#pragma once

#include "app_context.hpp"
#include "message.hpp"

namespace kb {

http::Response get_me(AppContext& app, const http::Request& request);
http::Response put_my_profile(AppContext& app, const http::Request& request);
http::Response put_user_role(AppContext& app, const http::Request& request);
http::Response list_experts(AppContext& app, const http::Request& request);

}  // namespace kb
