/// @brief The route table: every method and path the service answers, and the handler behind it.
#include "routes.hpp"

#include "health_handlers.hpp"

namespace kb {

http::Router build_routes(AppContext& app) {
    http::Router r;
    auto bind = [&app](http::Response (*fn)(AppContext&, const http::Request&)) {
        return [&app, fn](const http::Request& req) { return fn(app, req); };
    };
    r.add("GET", "/healthz", bind(get_healthz));
    r.add("GET", "/readyz", bind(get_readyz));
    return r;
}

}  // namespace kb
