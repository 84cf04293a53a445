/// @brief The closed vocabularies, in one place: article kinds, thread statuses, steps, structure
/// types and roles (the SQL checks of schema/ accept exactly these lists; a test holds them to it).
#pragma once

#include <string>
#include <vector>

namespace kb {

// Kinds of searchable documents.
inline constexpr const char* kKindGuide = "guide";
inline constexpr const char* kKindExperience = "experience";
inline constexpr const char* kKindFiche = "fiche";
inline constexpr const char* kKindThread = "thread";
inline constexpr const char* kKindResource = "resource";

/// The kinds of articles (guide, experience, fiche): the `articles.kind` check.
const std::vector<std::string>& article_kinds();
/// Every searchable kind: the article kinds, Q&A threads and library resources.
const std::vector<std::string>& known_kinds();

// A thread's status, derived from its answers (thread_status.hpp says how).
inline constexpr const char* kStatusUnanswered = "unanswered";
inline constexpr const char* kStatusAnswered = "answered";
inline constexpr const char* kStatusSolved = "solved";

const std::vector<std::string>& thread_statuses();

/// The conventionnement steps of content/README.md, in path order.
const std::vector<std::string>& known_steps();

/// Kinds of SIAE (structures d'insertion par l'activité économique).
const std::vector<std::string>& known_structure_types();

// The resource library (the SQL checks of resources.type and resources.licence).
/// Modèle de document, simulateur ou tableur, guide ou méthode, outil ou service en ligne,
/// annuaire, formation ou webinaire, autre.
const std::vector<std::string>& known_resource_types();
/// Licence Ouverte / Etalab 2.0 (the first: the default), CC BY-SA 4.0, CC BY-NC-SA 4.0, tous
/// droits réservés.
const std::vector<std::string>& known_licences();
/// Porteur de projet, SIAE, prescripteur, accompagnateur, financeur.
const std::vector<std::string>& known_audiences();
/// A resource's life cycle: pending, published, rejected.
const std::vector<std::string>& resource_statuses();

// Roles of an account, each allowing what the previous one does.
inline constexpr const char* kRoleMember = "member";
inline constexpr const char* kRoleExpert = "expert";
inline constexpr const char* kRoleModerator = "moderator";

const std::vector<std::string>& known_roles();

bool is_known(const std::vector<std::string>& vocabulary, const std::string& value);

/// "a, b, c": a vocabulary for messages.
std::string joined(const std::vector<std::string>& vocabulary);

}  // namespace kb
