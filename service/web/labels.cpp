/// @brief label_of: one table of French labels per vocabulary.
#include "labels.hpp"

#include <map>

namespace kb::web {

namespace {

using Table = std::map<std::string, std::string>;

const std::map<std::string, Table>& tables() {
    static const std::map<std::string, Table> all = {
        {"kind",
         {{"guide", "Guide"},
          {"experience", "Retour d'expérience"},
          {"fiche", "Fiche pratique"},
          {"thread", "Question"},
          {"resource", "Ressource"}}},
        {"status",
         {{"unanswered", "Sans réponse"}, {"answered", "Répondue"}, {"solved", "Résolue"}}},
        {"source", {{"local", "Passerelle IAE"}, {"forum", "Forum de l'inclusion"}}},
        {"step",
         {{"comprendre-iae", "Comprendre l'IAE"},
          {"projet-insertion", "Projet d'insertion"},
          {"dossier-demande", "Dossier de demande"},
          {"negociation-objectifs", "Négociation des objectifs"},
          {"moyens", "Moyens de la convention"},
          {"avis-cdiae", "Avis du CDIAE"},
          {"signature", "Signature"},
          {"annexe-financiere", "Annexe financière"},
          {"recrutement-parcours", "Recrutement et parcours"},
          {"suivi-dialogue-gestion", "Suivi et dialogue de gestion"},
          {"renouvellement", "Renouvellement"}}},
        {"type",
         {{"modele-document", "Modèle de document"},
          {"simulateur-tableur", "Simulateur ou tableur"},
          {"guide-methode", "Guide ou méthode"},
          {"outil-en-ligne", "Outil ou service en ligne"},
          {"annuaire", "Annuaire"},
          {"formation-webinaire", "Formation ou webinaire"},
          {"autre", "Autre"}}},
        {"licence",
         {{"etalab-2.0", "Licence Ouverte / Etalab 2.0"},
          {"cc-by-sa-4.0", "CC BY-SA 4.0"},
          {"cc-by-nc-sa-4.0", "CC BY-NC-SA 4.0"},
          {"tous-droits-reserves", "Tous droits réservés"}}},
        {"audience",
         {{"porteur-projet", "Porteur de projet"},
          {"siae", "SIAE"},
          {"prescripteur", "Prescripteur"},
          {"accompagnateur", "Accompagnateur"},
          {"financeur", "Financeur"}}},
        {"territory", {{"national", "National"}}},
    };
    return all;
}

}  // namespace

std::string label_of(const std::string& vocabulary, const std::string& value) {
    const auto& all = tables();
    auto table = all.find(vocabulary);
    if (table != all.end()) {
        auto it = table->second.find(value);
        if (it != table->second.end()) return it->second;
    }
    if (vocabulary == "territory") return "Département " + value;
    if (vocabulary == "tag") {
        std::string text = value;
        for (char& c : text) c = c == '-' ? ' ' : c;
        return text;
    }
    return value;
}

std::string tag_label(const TagLabels& labels, const std::string& slug) {
    const auto it = labels.find(slug);
    return it == labels.end() || it->second.empty() ? label_of("tag", slug) : it->second;
}

std::string facet_label(const std::string& facet) {
    static const Table labels = {
        {"kind", "Type de contenu"}, {"tag", "Thèmes"},
        {"step", "Étape"},           {"structure_type", "Type de structure"},
        {"territory", "Territoire"}, {"status", "État de la question"},
        {"source", "Origine"},       {"type", "Type de ressource"},
        {"licence", "Licence"},      {"audience", "Public"}};
    auto it = labels.find(facet);
    return it == labels.end() ? facet : it->second;
}

}  // namespace kb::web
