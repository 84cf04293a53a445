/// @brief Tag vocabulary routes: listing with counts for everyone, changes for moderators.
#pragma once

#include "message.hpp"
#include "outbox_writer.hpp"
#include "pg_pool.hpp"
#include "tag_store.hpp"

#include <nlohmann/json.hpp>

#include <chrono>

namespace kb {

struct TagContext {
    PgPool& db;
    TagStore& tags;
    OutboxWriter& outbox;
    /// How long a rename or merge waits for the retagged items to be reindexed.
    std::chrono::milliseconds index_wait;
};

// The vocabulary's changes, as the API and the pages make them from the same fields: checked
// (400 with a code), done by the store (logged), answered once the retagged items are reindexed.
// moderator: a moderator (checked by the caller).

/// body: slug, label?, description?, synonyms?
/// The response to a tag change, held until search sees it (its synonyms, its items' new tags;
/// OutboxWriter's once_searchable, at most app.index_wait).
http::Response once_searchable(TagContext& app, http::Response response);

Tag create_tag(TagContext& app, const User& moderator, const nlohmann::json& body);
/// body: slug?, label?, description?, synonyms? (at least one; 400 `empty_patch`).
Tag update_tag(TagContext& app, const User& moderator, const std::string& slug,
               const nlohmann::json& body);
/// Retags every item of slug with `into` (a slug or alias); slug becomes an alias of it.
Retagged merge_tags(TagContext& app, const User& moderator, const std::string& slug,
                    const std::string& into);
/// An unused tag removed (409 `tag_in_use` otherwise).
void remove_tag(TagContext& app, const User& moderator, const std::string& slug);

http::Response list_tags(TagContext& app, const http::Request& request);
http::Response get_tag(TagContext& app, const http::Request& request);
http::Response post_tag(TagContext& app, const http::Request& request);
http::Response patch_tag(TagContext& app, const http::Request& request);
http::Response merge_tag(TagContext& app, const http::Request& request);
http::Response delete_tag(TagContext& app, const http::Request& request);

}  // namespace kb
