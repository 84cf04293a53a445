/// @brief Tag vocabulary routes: listing with counts for everyone, changes for moderators.
#pragma once

#include "message.hpp"
#include "outbox_writer.hpp"
#include "pg_pool.hpp"
#include "tag_store.hpp"

#include <chrono>

namespace kb {

struct TagContext {
    PgPool& db;
    TagStore& tags;
    OutboxWriter& outbox;
    /// How long a rename or merge waits for the retagged items to be reindexed.
    std::chrono::milliseconds index_wait;
};

http::Response list_tags(TagContext& app, const http::Request& request);
http::Response get_tag(TagContext& app, const http::Request& request);
http::Response post_tag(TagContext& app, const http::Request& request);
http::Response patch_tag(TagContext& app, const http::Request& request);
http::Response merge_tag(TagContext& app, const http::Request& request);
http::Response delete_tag(TagContext& app, const http::Request& request);

}  // namespace kb
