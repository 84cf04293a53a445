/// @brief Member accounts seen by the API: profiles, expert directory and roles.
#pragma once

#include "accounts.hpp"
#include "pg_pool.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kb {

/// An account with its expert profile, as its owner sees it.
struct Profile {
    long long id = 0;
    std::string login;
    std::string display_name;
    std::string role;
    std::optional<std::string> structure_name;
    std::optional<std::string> structure_type;
    std::optional<std::string> territory;
    std::vector<std::string> topics;
    bool contact_opt_in = false;
    std::optional<std::string> contact_email;
    std::string notify_mode;  ///< notify_modes(): mail to contact_email
};

/// An expert as the public directory shows them.
struct Expert {
    long long id = 0;
    std::string display_name;
    std::optional<std::string> structure_name;
    std::optional<std::string> structure_type;
    std::optional<std::string> territory;
    std::vector<std::string> topics;
    /// Only for experts who opted in to being contacted.
    std::optional<std::string> contact_email;
};

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
    /// Fields set back to empty: structure_name, structure_type, territory, contact_email (NULL)
    /// and topics (no topic).
    std::vector<std::string> cleared;
    std::optional<std::string> notify_mode;
};

/// An account as moderators find it on the roles page.
struct MemberSummary {
    long long id = 0;
    std::string login;
    std::string display_name;
    std::string role;
    std::optional<std::string> email;
};

class UserStore {
  public:
    explicit UserStore(PgPool& db) : db_(db) {}

    /// By a moderator (checked by the caller): an actual change is appended to the moderation
    /// log. 404 `user_not_found` for an unknown id; 409 `last_moderator` (set_user_role).
    void set_role(const User& moderator, long long user_id, const std::string& role);
    /// nullopt for an unknown id.
    std::optional<Profile> profile(long long user_id);
    void update_profile(const User& user, const ProfileInput& input);
    /// Ordered by display name, then id.
    std::vector<Expert> list_experts(const ExpertQuery& query);
    /// Accounts whose display name, login or e-mail contains text (any case); with no text, the
    /// experts and moderators. Ordered by display name, then id; at most limit.
    std::vector<MemberSummary> find_members(const std::string& text, int limit);

  private:
    PgPool& db_;
};

}  // namespace kb
