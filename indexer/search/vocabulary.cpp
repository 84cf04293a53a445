/// @brief The closed vocabularies documented in content/README.md and the README's API section.
#include "vocabulary.hpp"

#include <algorithm>

namespace kb {

const std::vector<std::string>& article_kinds() {
    static const std::vector<std::string> kinds = {kKindGuide, kKindExperience, kKindFiche};
    return kinds;
}

const std::vector<std::string>& known_kinds() {
    static const std::vector<std::string> kinds = {kKindGuide, kKindExperience, kKindFiche,
                                                   kKindThread, kKindResource};
    return kinds;
}

const std::vector<std::string>& thread_statuses() {
    static const std::vector<std::string> statuses = {kStatusUnanswered, kStatusAnswered,
                                                      kStatusSolved};
    return statuses;
}

const std::vector<std::string>& known_steps() {
    static const std::vector<std::string> steps = {"comprendre-iae",
                                                   "projet-insertion",
                                                   "dossier-demande",
                                                   "negociation-objectifs",
                                                   "moyens",
                                                   "avis-cdiae",
                                                   "signature",
                                                   "annexe-financiere",
                                                   "recrutement-parcours",
                                                   "suivi-dialogue-gestion",
                                                   "renouvellement"};
    return steps;
}

const std::vector<std::string>& known_structure_types() {
    static const std::vector<std::string> types = {"ACI", "AI", "EI", "ETTI", "EITI"};
    return types;
}

const std::vector<std::string>& known_resource_types() {
    static const std::vector<std::string> types = {
        "modele-document", "simulateur-tableur",  "guide-methode", "outil-en-ligne",
        "annuaire",        "formation-webinaire", "autre"};
    return types;
}

const std::vector<std::string>& known_licences() {
    static const std::vector<std::string> licences = {"etalab-2.0", "cc-by-sa-4.0",
                                                      "cc-by-nc-sa-4.0", "tous-droits-reserves"};
    return licences;
}

const std::vector<std::string>& known_audiences() {
    static const std::vector<std::string> audiences = {"porteur-projet", "siae", "prescripteur",
                                                       "accompagnateur", "financeur"};
    return audiences;
}

const std::vector<std::string>& resource_statuses() {
    static const std::vector<std::string> statuses = {"pending", "published", "rejected"};
    return statuses;
}

const std::vector<std::string>& known_roles() {
    static const std::vector<std::string> roles = {kRoleMember, kRoleExpert, kRoleModerator};
    return roles;
}

bool is_known(const std::vector<std::string>& vocabulary, const std::string& value) {
    return std::find(vocabulary.begin(), vocabulary.end(), value) != vocabulary.end();
}

std::string joined(const std::vector<std::string>& vocabulary) {
    std::string out;
    for (const auto& value : vocabulary) out += (out.empty() ? "" : ", ") + value;
    return out;
}

}  // namespace kb
