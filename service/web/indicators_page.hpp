/// @brief The public indicators page (/indicateurs): the funding agreement's figures with their
/// targets, and each weekly series as an SVG chart beside its data table.
#pragma once

#include "message.hpp"
#include "web_context.hpp"

namespace kb::web {

/// GET /indicateurs?from=&to=&territory=&structure_type=: the same parameters, checks and store
/// as GET /api/v1/indicators.
http::Response get_indicators_page(WebContext& web, const http::Request& request);

}  // namespace kb::web
