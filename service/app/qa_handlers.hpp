/// @brief Q&A routes: threads, answers, acceptance, votes, moderation, similar questions.
#pragma once

#include "app_context.hpp"
#include "message.hpp"

namespace kb {

http::Response post_thread(AppContext& app, const http::Request& request);
http::Response list_threads(AppContext& app, const http::Request& request);
http::Response get_thread(AppContext& app, const http::Request& request);
http::Response patch_thread(AppContext& app, const http::Request& request);
http::Response get_similar_threads(AppContext& app, const http::Request& request);
http::Response post_answer(AppContext& app, const http::Request& request);
http::Response patch_answer(AppContext& app, const http::Request& request);
http::Response post_accept(AppContext& app, const http::Request& request);
http::Response delete_accept(AppContext& app, const http::Request& request);
http::Response put_vote(AppContext& app, const http::Request& request);
http::Response delete_vote(AppContext& app, const http::Request& request);
http::Response hide_thread(AppContext& app, const http::Request& request);
http::Response restore_thread(AppContext& app, const http::Request& request);
http::Response hide_answer(AppContext& app, const http::Request& request);
http::Response restore_answer(AppContext& app, const http::Request& request);

}  // namespace kb
