/// @brief `kb-service admin ...`: create users, grant roles, issue and revoke tokens.
#pragma once

#include <string>
#include <vector>

namespace kb {

/// Runs one admin command against the database; returns the process exit status.
int run_admin(const std::string& database_url, const std::vector<std::string>& arguments);

}  // namespace kb
