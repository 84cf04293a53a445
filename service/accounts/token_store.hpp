/// @brief A member's own API tokens, as the account page manages them: list, create (the secret
/// shown once, only its hash stored), revoke one.
#pragma once

#include "iso_time.hpp"
#include "pg_pool.hpp"

#include <string>
#include <vector>

namespace kb {

struct TokenInfo {
    long long id = 0;
    std::string label;
    Timestamp created_at;
    Timestamp expires_at;
    bool expired = false;
};

/// The user's unrevoked tokens (expired ones included, marked), newest first.
std::vector<TokenInfo> list_tokens(PgPool& db, long long user_id);

/// A new token of user_id valid for days (1 to 3650); returns the secret, which is not stored.
std::string create_user_token(PgPool& db, long long user_id, int days, const std::string& label);

/// Revokes token_id when it is user_id's and not revoked yet; false otherwise (another member's
/// token, an unknown id, or one already revoked).
bool revoke_token(PgPool& db, long long user_id, long long token_id);

}  // namespace kb
