/// @brief The route table: every method and path the service answers, and the handler behind it.
#include "routes.hpp"

#include "article_handlers.hpp"
#include "health_handlers.hpp"
#include "qa_handlers.hpp"
#include "search_handlers.hpp"
#include "user_handlers.hpp"

namespace kb {

http::Router build_routes(AppContext& app) {
    http::Router r;
    auto bind = [&app](http::Response (*fn)(AppContext&, const http::Request&)) {
        return [&app, fn](const http::Request& req) { return fn(app, req); };
    };
    r.add("GET", "/healthz", bind(get_healthz));
    r.add("GET", "/readyz", bind(get_readyz));
    r.add("GET", "/api/v1/search", bind(get_search));
    r.add("POST", "/api/v1/search", bind(post_search));  // same, with a JSON body
    r.add("GET", "/api/v1/search/misses", bind(get_search_misses));
    r.add("GET", "/api/v1/suggest", bind(get_suggest));
    r.add("GET", "/api/v1/articles", bind(list_articles_handler));
    r.add("GET", "/api/v1/articles/:slug", bind(get_article));

    r.add("POST", "/api/v1/threads", bind(post_thread));
    r.add("GET", "/api/v1/threads", bind(list_threads));
    r.add("GET", "/api/v1/threads/similar", bind(get_similar_threads));
    r.add("GET", "/api/v1/threads/:id", bind(get_thread));
    r.add("PATCH", "/api/v1/threads/:id", bind(patch_thread));
    r.add("POST", "/api/v1/threads/:id/answers", bind(post_answer));
    r.add("POST", "/api/v1/threads/:id/accept", bind(post_accept));
    r.add("DELETE", "/api/v1/threads/:id/accept", bind(delete_accept));
    r.add("POST", "/api/v1/threads/:id/hide", bind(hide_thread));
    r.add("POST", "/api/v1/threads/:id/restore", bind(restore_thread));
    r.add("PATCH", "/api/v1/answers/:id", bind(patch_answer));
    r.add("PUT", "/api/v1/answers/:id/vote", bind(put_vote));
    r.add("DELETE", "/api/v1/answers/:id/vote", bind(delete_vote));
    r.add("POST", "/api/v1/answers/:id/hide", bind(hide_answer));
    r.add("POST", "/api/v1/answers/:id/restore", bind(restore_answer));

    r.add("GET", "/api/v1/me", bind(get_me));
    r.add("PUT", "/api/v1/me/profile", bind(put_my_profile));
    r.add("PUT", "/api/v1/users/:id/role", bind(put_user_role));
    r.add("GET", "/api/v1/experts", bind(list_experts));
    return r;
}

}  // namespace kb
