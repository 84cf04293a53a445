/// @brief The indicator table: one line per indicator, targets from the funding agreement.
#include "indicator_definitions.hpp"

namespace kb {

const std::vector<IndicatorDefinition>& indicator_definitions() {
    static const std::vector<IndicatorDefinition> definitions = {
        {"questions", "Questions posées", "count", std::nullopt,
         "nombre de questions posées pendant la période"},
        {"answered_share", "Part des questions ayant reçu au moins une réponse", "share", 1.0,
         "part des questions ayant reçu au moins une réponse visible d'une autre personne que "
         "l'auteur de la question"},
        {"solved_share", "Part des questions résolues", "share", 0.25,
         "part des questions dont une réponse visible a été acceptée"},
        {"first_answer_median_hours", "Délai médian de première réponse (heures)", "hours",
         std::nullopt,
         "délai médian, en heures, entre la question et sa première réponse (questions "
         "répondues)"},
        {"first_answer_p90_hours", "Délai de première réponse, 90e centile (heures)", "hours",
         std::nullopt, "même délai, 90e centile (interpolé)"},
        {"answered_within_48h_share", "Part des questions ayant reçu une réponse sous 48 h",
         "share", std::nullopt,
         "parmi les questions posées depuis plus de 48 h, part de celles répondues en 48 h au "
         "plus"},
        {"active_experts", "Experts actifs (ont répondu dans les 90 derniers jours)", "count",
         500.0,
         "experts (et modérateurs) ayant publié une réponse visible dans les 90 jours qui "
         "précèdent la fin de la période"},
        {"weekly_active_members", "Membres actifs dans la semaine", "count", 5000.0,
         "membres connectés (toute requête authentifiée, lecture ou écriture) pendant la "
         "semaine, du lundi au dimanche (UTC), qui contient le dernier jour de la période"},
        {"published_resources", "Ressources publiées", "count", 40.0,
         "ressources publiées à ce jour dans la ressourcerie"},
    };
    return definitions;
}

}  // namespace kb
