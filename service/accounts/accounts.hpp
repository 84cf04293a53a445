/// @brief Accounts, roles and bearer tokens (random, stored only as SHA-256 hashes, expiring,
/// revocable).
#pragma once

#include "pg_pool.hpp"
#include "vocabulary.hpp"

#include <optional>
#include <string>

namespace kb {

struct User {
    long long id = 0;
    std::string login;
    std::string display_name;
    std::string role;  ///< known_roles(): member | expert | moderator
    [[nodiscard]] bool is_moderator() const { return role == kRoleModerator; }
    [[nodiscard]] bool is_expert() const { return role == kRoleExpert || is_moderator(); }
};

/// A user as shown beside what they wrote.
struct Author {
    long long id = 0;
    std::string display_name;
    std::string role;
};

/// The user behind an "Authorization: Bearer <token>" header value, if the token is known,
/// unexpired and unrevoked. A malformed header or a bad token yields nullopt.
std::optional<User> user_for_authorization(PgPool& db, const std::string& authorization);

/// 43 random characters (256 bits) prefixed with "kb_": shown once, stored hashed.
std::string new_token_secret();

// Admin operations (kb-service admin ...). They throw std::runtime_error with a clear message.
User create_user(pqxx::connection& conn, const std::string& login, const std::string& display_name,
                 const std::string& role);
void grant_role(pqxx::connection& conn, const std::string& login, const std::string& role);
/// The one place a role changes (admin command and API alike); false for an unknown user.
/// Demoting the last moderator (themselves included) is a 409 `last_moderator`: somebody must be
/// left to moderate. A change goes to the moderation log with its actor (nullopt: the console).
bool set_user_role(pqxx::transaction_base& tx, long long user_id, const std::string& role,
                   std::optional<long long> actor_id);
/// Stores a new token of user_id valid for days (1 to 3650, else std::invalid_argument) in tx;
/// returns the secret, of which only the hash is stored.
std::string insert_token(pqxx::transaction_base& tx, long long user_id, int days,
                         const std::string& label);
/// Returns the secret; only its hash is stored.
std::string create_token(pqxx::connection& conn, const std::string& login, int days,
                         const std::string& label);
/// Revokes every live token of the user; returns how many.
long long revoke_tokens(pqxx::connection& conn, const std::string& login);

}  // namespace kb
