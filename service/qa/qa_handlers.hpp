/// @brief Q&A routes: threads, answers, acceptance, votes, moderation, similar questions.
#pragma once

#include "message.hpp"
#include "outbox_writer.hpp"
#include "pg_pool.hpp"
#include "qa_store.hpp"
#include "search_engine.hpp"
#include "tag_store.hpp"

#include <chrono>

namespace kb {

/// What the Q&A routes need.
struct QaContext {
    PgPool& db;
    QaStore& qa;
    SearchEngine& search;
    OutboxWriter& outbox;
    /// How long a write waits for its change to be searchable before answering anyway.
    std::chrono::milliseconds index_wait;
    TagStore& tags;  ///< threads' tags come from the controlled vocabulary
};

http::Response post_thread(QaContext& app, const http::Request& request);
http::Response list_threads(QaContext& app, const http::Request& request);
http::Response get_thread(QaContext& app, const http::Request& request);
http::Response patch_thread(QaContext& app, const http::Request& request);
http::Response get_similar_threads(QaContext& app, const http::Request& request);
http::Response post_answer(QaContext& app, const http::Request& request);
http::Response patch_answer(QaContext& app, const http::Request& request);
http::Response post_accept(QaContext& app, const http::Request& request);
http::Response delete_accept(QaContext& app, const http::Request& request);
http::Response put_vote(QaContext& app, const http::Request& request);
http::Response delete_vote(QaContext& app, const http::Request& request);
http::Response hide_thread(QaContext& app, const http::Request& request);
http::Response restore_thread(QaContext& app, const http::Request& request);
http::Response hide_answer(QaContext& app, const http::Request& request);
http::Response restore_answer(QaContext& app, const http::Request& request);

}  // namespace kb
