/// @brief Magic links and browser sessions in PostgreSQL: secrets handed out once, stored hashed.
#pragma once

#include "accounts.hpp"
#include "pg_pool.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace kb::web {

/// What following a magic link gave.
struct SignIn {
    enum class Outcome { invalid_link, name_needed, signed_in };
    Outcome outcome = Outcome::invalid_link;
    User user;             ///< when signed_in
    bool created = false;  ///< the account was made by this sign-in
    std::string session;   ///< the session cookie's value, when signed_in
};

class SessionStore {
  public:
    explicit SessionStore(PgPool& db) : db_(db) {}

    /// A new single-use link secret for email (lower-cased), valid for ttl.
    std::string create_link(const std::string& email, std::chrono::seconds ttl);

    /// The address of a link that is still usable (known, unused, unexpired); whether that
    /// address already has an account.
    struct LinkInfo {
        std::string email;
        bool has_account = false;
    };
    std::optional<LinkInfo> usable_link(const std::string& secret);

    /// Uses the link once: in one transaction, marks it used, finds or creates the member (a new
    /// account needs display_name: name_needed, the link left unused), opens a session for
    /// session_ttl. A link used, expired or unknown gives invalid_link.
    SignIn sign_in(const std::string& secret, const std::string& display_name,
                   std::chrono::seconds session_ttl);

    /// The user of a live session cookie.
    std::optional<User> session_user(const std::string& session);
    void end_session(const std::string& session);

  private:
    PgPool& db_;
};

}  // namespace kb::web
