/// @brief The error page: status, title and detail of the problem, and where to go next.
#include "error_pages.hpp"

#include "page.hpp"

#include <iostream>

namespace kb::web {

namespace {

// What a person can do next, by status.
std::string hint_for(int status) {
    switch (status) {
        case 401:
        case 403:
            return "Si vous avez un compte, connectez-vous puis réessayez.";
        case 404:
            return "L'adresse est peut-être mal recopiée, ou la page a été déplacée. "
                   "Essayez la recherche.";
        case 429:
            return "Trop de demandes en peu de temps : patientez un instant avant de réessayer.";
        case 500:
        case 503:
            return "Le service rencontre un problème. Réessayez dans quelques minutes.";
        default:
            return "Vérifiez ce que vous avez saisi, puis réessayez.";
    }
}

}  // namespace

bool is_page_path(const std::string& path) {
    static const char* const others[] = {"/api/", "/static/", "/embed/", "/flux/"};
    for (const char* prefix : others) {
        if (path.rfind(prefix, 0) == 0) return false;
    }
    return path != "/healthz" && path != "/readyz" && path != "/metrics" && path != "/api";
}

void present_error_page(WebContext& web, const http::Request& request, http::Response& response) {
    if (response.content_type != "application/problem+json" || !is_page_path(request.raw_path))
        return;
    nlohmann::json problem = nlohmann::json::parse(response.body, nullptr, false);
    if (!problem.is_object()) return;
    const int status = response.status;
    nlohmann::json model = {{"status", status},
                            {"title", problem.value("title", "Erreur")},
                            {"detail", problem.value("detail", "")},
                            {"code", problem.value("code", "")},
                            {"hint", problem.value("code", "") == "csrf_invalid"
                                         ? "Revenez à la page précédente, rechargez-la, puis "
                                           "envoyez le formulaire à nouveau."
                                         : hint_for(status)},
                            {"is_404", status == 404}};
    try {
        // Anonymous layout: an error page must not depend on the database being there.
        PageMeta meta{.title = problem.value("title", "Erreur"), .status = status};
        nlohmann::json layout = layout_model(web, nullptr, meta);
        layout["content"] = web.templates.render("error", model);
        response.body = web.templates.render("layout", layout);
        response.content_type = "text/html; charset=utf-8";
        add_security_headers(response);
        response.headers.emplace_back("Cache-Control", "no-store");
    } catch (const std::exception& e) {
        // Keep the problem+json answer rather than none.
        std::cerr << R"({"level":"error","event":"error_page_failed"})"
                     "\n";
    }
}

}  // namespace kb::web
