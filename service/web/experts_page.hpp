/// @brief The experts directory (/experts): who answers, by structure type and territory.
#pragma once

#include "message.hpp"
#include "web_context.hpp"

namespace kb::web {

/// GET /experts?structure_type=&territory=: the API's list_experts, filtered the same way.
http::Response get_experts_page(WebContext& web, const http::Request& request);

}  // namespace kb::web
