/// @brief Forum routes: the signed webhook, related content for forum pages (JSON, iframe
/// fragment, theme script), and the guard that keeps forum threads read-only here.
#pragma once

#include "forum_settings.hpp"
#include "forum_store.hpp"
#include "forum_worker.hpp"
#include "message.hpp"
#include "pg_pool.hpp"
#include "router.hpp"
#include "search_engine.hpp"

namespace kb {

/// What the forum routes need.
struct ForumContext {
    PgPool& db;
    const ForumSettings& settings;
    ForumStore& store;
    ForumWorker& worker;
    SearchEngine& search;
};

http::Response post_forum_webhook(ForumContext& app, const http::Request& request);
http::Response get_related(ForumContext& app, const http::Request& request);
http::Response get_embed_related(ForumContext& app, const http::Request& request);
http::Response get_embed_script(ForumContext& app, const http::Request& request);

/// What a Q&A write route's ":id" names.
enum class PostKind { thread, answer };

/// Wraps a Q&A write handler: a thread that comes from the forum (or an answer in one) is
/// answered 409 `forum_thread_read_only` with its forum URL, since it is written on the forum.
http::Handler refuse_forum_threads(ForumContext& app, PostKind kind, http::Handler next);

}  // namespace kb
