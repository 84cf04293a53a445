/// @brief Member accounts seen by the API: profiles, expert directory and roles.
#pragma once

#include "accounts.hpp"
#include "pg_pool.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace kb {

struct ExpertQuery {
    std::vector<std::string> structure_types;
    std::vector<std::string> territories;
    std::vector<std::string> topics;
};

struct ProfileInput {
    std::optional<std::string> display_name;
    std::optional<std::string> structure_name;
    std::optional<std::string> structure_type;
    std::optional<std::string> territory;
    std::optional<std::vector<std::string>> topics;
    std::optional<bool> contact_opt_in;
    std::optional<std::string> contact_email;
};

class UserStore {
  public:
    explicit UserStore(PgPool& db) : db_(db) {}

    /// 404 `user_not_found` for an unknown id.
    void set_role(long long user_id, const std::string& role);
    nlohmann::json profile(long long user_id);
    void update_profile(const User& user, const ProfileInput& input);
    nlohmann::json list_experts(const ExpertQuery& query);

  private:
    PgPool& db_;
};

}  // namespace kb
