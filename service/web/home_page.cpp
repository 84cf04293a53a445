/// @brief get_home: the guides of the first conventionnement in order, and what is new.
#include "home_page.hpp"

#include "article_queries.hpp"
#include "entity_ids.hpp"
#include "french_dates.hpp"
#include "page.hpp"

namespace kb::web {

namespace {

// The path a project holder follows, each step answered by one of our guides.
struct PathStep {
    const char* label;
    const char* slug;
};
constexpr PathStep kFirstConventionnement[] = {
    {"Comprendre l'IAE", "qu-est-ce-que-l-iae"},
    {"Choisir son type de structure", "choisir-son-type-de-structure"},
    {"Écrire le projet d'insertion", "le-projet-d-insertion-et-ses-quatre-axes"},
    {"Constituer le dossier de demande", "constituer-le-dossier-de-demande"},
    {"Passer devant le CDIAE", "l-avis-du-cdiae"},
    {"Obtenir la signature du préfet", "la-signature-par-le-prefet"},
    {"Réussir la première année", "checklist-de-la-premiere-annee"},
};

nlohmann::json path_steps(WebContext& web) {
    const ArticleListing guides = list_articles(web.articles.db, {"guide"}, {}, {}, {}, 1, 50);
    nlohmann::json steps = nlohmann::json::array();
    int number = 0;
    for (const auto& step : kFirstConventionnement) {
        for (const auto& guide : guides.items) {
            if (guide.slug != step.slug) continue;
            steps.push_back({{"number", ++number},
                             {"label", step.label},
                             {"title", guide.title},
                             {"summary", guide.summary},
                             {"url", article_page(guide.slug)}});
        }
    }
    return steps;
}

nlohmann::json answered_questions(WebContext& web, const Visitor& visitor) {
    nlohmann::json out = nlohmann::json::array();
    for (const char* status : {"solved", "answered"}) {
        ThreadQuery query;
        query.status = status;
        query.per_page = 3;
        for (const auto& t : web.qa.qa.list_threads(query, visitor.user).results) {
            out.push_back({{"title", t.title},
                           {"url", thread_page(t.id)},
                           {"solved", t.status == "solved"},
                           {"answers", t.answer_count},
                           {"date", french_date(t.created_at)}});
        }
    }
    return out;
}

nlohmann::json starter_resources(WebContext& web, const Visitor& visitor) {
    ResourceQuery query;
    query.statuses = {"published"};
    query.per_page = 4;
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : web.resources.resources.list(query, visitor.user).items) {
        out.push_back({{"title", r.fields.title},
                       {"summary", r.fields.summary},
                       {"url", resource_page(r.id)}});
    }
    return out;
}

}  // namespace

http::Response get_home(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    nlohmann::json model = {{"steps", path_steps(web)},
                            {"questions", answered_questions(web, visitor)},
                            {"resources", starter_resources(web, visitor)}};
    model["has_questions"] = !model["questions"].empty();
    model["has_resources"] = !model["resources"].empty();
    return render_page(
        web, visitor, "home", model,
        {.title = "Passerelle IAE : créer et conventionner une SIAE", .nav = "home"});
}

}  // namespace kb::web
