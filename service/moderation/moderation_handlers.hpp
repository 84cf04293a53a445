/// @brief Moderation routes: members flag content; moderators read the queue and the log and
/// dismiss flags.
#pragma once

#include "message.hpp"
#include "moderation_store.hpp"
#include "pg_pool.hpp"

namespace kb {

struct ModerationContext {
    PgPool& db;
    ModerationStore& moderation;
};

http::Response post_flag(ModerationContext& app, const http::Request& request);
http::Response dismiss_flag(ModerationContext& app, const http::Request& request);
http::Response get_moderation_queue(ModerationContext& app, const http::Request& request);
http::Response get_moderation_log(ModerationContext& app, const http::Request& request);

}  // namespace kb
