/// @brief The closed vocabularies documented in content/README.md.
#include "article.hpp"

#include <algorithm>

namespace kb {

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

const std::vector<std::string>& known_kinds() {
    static const std::vector<std::string> kinds = {"guide", "experience", "fiche", "thread"};
    return kinds;
}

const std::vector<std::string>& known_structure_types() {
    static const std::vector<std::string> types = {"ACI", "AI", "EI", "ETTI", "EITI"};
    return types;
}

bool is_known(const std::vector<std::string>& vocabulary, const std::string& value) {
    return std::find(vocabulary.begin(), vocabulary.end(), value) != vocabulary.end();
}

}  // namespace kb
