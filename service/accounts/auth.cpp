/// @brief Authentication helpers used by every write route.
#include "auth.hpp"

#include "api_error.hpp"

namespace kb {

std::optional<User> optional_user(PgPool& db, const http::Request& request) {
    if (request.authorization.empty()) return std::nullopt;
    auto user = user_for_authorization(db, request.authorization);
    if (!user) {
        throw http::ApiError(
            401, "invalid_token", "Authentification requise",
            "Jeton absent, inconnu, expiré ou révoqué (en-tête « Authorization: Bearer … »).");
    }
    return user;
}

User require_user(PgPool& db, const http::Request& request) {
    auto user = optional_user(db, request);
    if (!user) throw http::ApiError::unauthorized("Connectez-vous pour effectuer cette action.");
    return *user;
}

void require_moderator(const User& user) {
    if (!user.is_moderator()) throw http::ApiError::forbidden("Action réservée aux modérateurs.");
}

}  // namespace kb
