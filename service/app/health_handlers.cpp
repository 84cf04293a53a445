/// @brief /healthz answers while the process runs; /readyz checks PostgreSQL and the search index.
#include "health_handlers.hpp"

#include "problem.hpp"

namespace kb {

http::Response get_healthz(HealthContext&, const http::Request&) {
    return http::Response::json(200, {{"status", "ok"}});
}

http::Response get_readyz(HealthContext& app, const http::Request&) {
    const bool database = app.db.ping();
    const bool index = app.index.is_open();
    if (database && index) {
        return http::Response::json(
            200, {{"status", "ready"}, {"database", "ok"}, {"search_index", "ok"}});
    }
    std::string missing;
    if (!database) missing += "la base de données PostgreSQL";
    if (!index) missing += std::string(missing.empty() ? "" : " et ") + "l'index de recherche";
    http::Response r =
        http::problem(503, "not_ready", "Service pas prêt", "Indisponible : " + missing + ".");
    nlohmann::json body = nlohmann::json::parse(r.body);
    body["checks"] = {{"database", database ? "ok" : "unavailable"},
                      {"search_index", index ? "ok" : "unavailable"}};
    r.body = http::dump_json(body);
    return r;
}

}  // namespace kb
