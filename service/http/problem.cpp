/// @brief The single exception-to-HTTP mapping of the service.
#include "problem.hpp"

#include "api_error.hpp"

#include <xapian.h>
#include <pqxx/pqxx>

#include <iostream>

namespace kb::http {

namespace {

void log_internal(const std::string& kind, const std::string& message) {
    nlohmann::json line = {{"level", "error"}, {"kind", kind}, {"message", message}};
    std::cerr << dump_json(line) + "\n" << std::flush;
}

Response unavailable(const std::string& detail) {
    Response r = problem(503, "service_unavailable", "Service momentanément indisponible", detail);
    r.headers.emplace_back("Retry-After", "1");
    return r;
}

Response internal() {
    return problem(500, "internal_error", "Erreur interne",
                   "Une erreur inattendue s'est produite ; elle a été journalisée.");
}

}  // namespace

Response problem(int status, const std::string& code, const std::string& title,
                 const std::string& detail) {
    nlohmann::json body = {{"type", "https://passerelle-iae.fr/problemes/" + code},
                           {"title", title},
                           {"status", status},
                           {"detail", detail},
                           {"code", code}};
    Response r = Response::json(status, body);
    r.content_type = "application/problem+json";
    return r;
}

Response run_guarded(const std::function<Response()>& fn) {
    try {
        return fn();
    } catch (const ApiError& e) {
        Response r = problem(e.status(), e.code(), e.title(), e.detail());
        r.headers = e.headers();
        if (e.retry_after() > 0)
            r.headers.emplace_back("Retry-After", std::to_string(e.retry_after()));
        if (e.status() == 401) {
            // RFC 6750 §3: say which scheme is expected, and why a sent token was refused.
            r.headers.emplace_back("WWW-Authenticate",
                                   e.code() == "invalid_token"
                                       ? R"(Bearer realm="passerelle-iae", error="invalid_token")"
                                       : R"(Bearer realm="passerelle-iae")");
        }
        return r;
    } catch (const pqxx::broken_connection& e) {
        log_internal("database_unavailable", e.what());
        return unavailable("La base de données est injoignable ; réessayez dans un instant.");
    } catch (const pqxx::sql_error& e) {
        log_internal("sql_error", std::string(e.what()) + " [" + e.sqlstate() + "]");
        return internal();
    } catch (const Xapian::DatabaseModifiedError& e) {
        // IndexReaders::read retried on newer readers and a writer kept committing under them.
        log_internal("search_busy", e.get_description());
        return unavailable("L'index de recherche est en cours de mise à jour ; réessayez.");
    } catch (const Xapian::DatabaseOpeningError& e) {
        log_internal("search_unavailable", e.get_description());
        return unavailable("L'index de recherche n'est pas disponible.");
    } catch (const Xapian::Error& e) {
        log_internal("xapian", e.get_description());
        return internal();
    } catch (const nlohmann::json::exception& e) {
        // Handlers validate input explicitly; reaching here means a value had an unexpected type.
        log_internal("json", e.what());
        return problem(400, "invalid_field_type", "Requête invalide",
                       "Un champ du corps JSON n'a pas le type attendu.");
    } catch (const std::exception& e) {
        log_internal("exception", e.what());
        return internal();
    } catch (...) {
        log_internal("unknown", "non-standard exception");
        return internal();
    }
}

}  // namespace kb::http
