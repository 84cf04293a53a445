/// @brief The whole HTTP surface of the service, in one table.
#pragma once

#include "app_context.hpp"
#include "openapi_handler.hpp"
#include "router.hpp"

namespace kb {

http::Router build_routes(AppContext& app);

}  // namespace kb
