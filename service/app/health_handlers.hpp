/// @brief Liveness and readiness probes.
#pragma once

#include "app_context.hpp"
#include "message.hpp"

namespace kb {

http::Response get_healthz(AppContext& app, const http::Request& request);
http::Response get_readyz(AppContext& app, const http::Request& request);

}  // namespace kb
