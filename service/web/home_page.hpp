/// @brief The home page: search box, the path to a first conventionnement, latest answered
/// questions, resources to start with.
#pragma once

#include "message.hpp"
#include "web_context.hpp"

namespace kb::web {

http::Response get_home(WebContext& web, const http::Request& request);

}  // namespace kb::web
