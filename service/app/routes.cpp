/// @brief The route table: every method and path the service answers, and the handler behind it.
#include "routes.hpp"

#include "article_handlers.hpp"
#include "health_handlers.hpp"
#include "search_handlers.hpp"

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
    return r;
}

}  // namespace kb
