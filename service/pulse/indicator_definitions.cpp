/// @brief The indicator table: one line per indicator, targets from the funding agreement.
#include "indicator_definitions.hpp"

namespace kb {

const std::vector<IndicatorDefinition>& indicator_definitions() {
    static const std::vector<IndicatorDefinition> definitions = {
        {"questions", "Questions posées", "count", std::nullopt},
        {"answered_share", "Part des questions ayant reçu au moins une réponse", "share", 1.0},
        {"solved_share", "Part des questions résolues", "share", 0.25},
        {"first_answer_median_hours", "Délai médian de première réponse (heures)", "hours",
         std::nullopt},
        {"first_answer_p90_hours", "Délai de première réponse, 90e centile (heures)", "hours",
         std::nullopt},
        {"answered_within_48h_share", "Part des questions ayant reçu une réponse sous 48 h",
         "share", std::nullopt},
        {"active_experts", "Experts actifs (ont répondu dans les 90 derniers jours)", "count",
         500.0},
        {"weekly_active_members", "Membres actifs dans la semaine", "count", 5000.0},
        {"published_resources", "Ressources publiées", "count", 40.0},
    };
    return definitions;
}

}  // namespace kb
