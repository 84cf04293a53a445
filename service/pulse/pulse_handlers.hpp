/// @brief GET /api/v1/indicators: the funding agreement's indicators, as JSON or CSV.
#pragma once

#include "message.hpp"
#include "pulse_store.hpp"

namespace kb {

/// What the indicator routes need.
struct PulseContext {
    PgPool& db;
    PulseStore& pulse;
};

http::Response get_indicators(PulseContext& app, const http::Request& request);
/// GET /flux/questions-sans-reponse.atom?tag=&territory=&structure_type=
http::Response get_unanswered_feed(PulseContext& app, const http::Request& request);

}  // namespace kb
