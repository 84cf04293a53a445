/// @brief GET /api/v1/openapi.json: the API's contract, as built into the service.
#pragma once

#include "message.hpp"

namespace kb {

http::Response get_openapi(const http::Request& request);

}  // namespace kb
