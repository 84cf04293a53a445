/// @brief Accounts for the HTTP tests, made with the service's own admin commands.
#pragma once

#include <string>

namespace kb::test {

/// `kb-service admin create-user` then `create-token` on db_url; returns the token (throws when
/// a command fails). role: member, expert or moderator.
std::string create_user_with_token(const std::string& db_url, const std::string& login,
                                   const std::string& display_name, const std::string& role);

}  // namespace kb::test
