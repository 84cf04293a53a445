/// @brief Who is calling: bearer-token authentication for handlers (401 and 403 answers).
#pragma once

#include "accounts.hpp"
#include "message.hpp"
#include "pg_pool.hpp"

#include <optional>

namespace kb {

/// The caller, if authenticated; nullopt when no Authorization header was sent. A header with an
/// unknown, expired or revoked token is a 401 (`invalid_token`), not anonymous access.
std::optional<User> optional_user(PgPool& db, const http::Request& request);

/// 401 (`unauthenticated`) without a valid token.
User require_user(PgPool& db, const http::Request& request);

/// 403 unless the user is a moderator.
void require_moderator(const User& user);

}  // namespace kb
