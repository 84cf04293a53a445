/// @brief SessionStore: the SQL of magic links, first sign-in and sessions.
#include "session_store.hpp"

#include "web_crypto.hpp"

#include <algorithm>
#include <cctype>

namespace kb::web {

namespace {

User user_of(const pqxx::row& r) {
    return User{r["id"].as<long long>(), r["login"].as<std::string>(),
                r["display_name"].as<std::string>(), r["role"].as<std::string>()};
}

// A login for a new member, from the address's local part: a-z, 0-9, '.', '_', '-' as the users
// table requires, with a number added until it is free.
std::string free_login(pqxx::transaction_base& tx, const std::string& email) {
    std::string base;
    for (char c : email.substr(0, email.find('@'))) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u))
            base += static_cast<char>(std::tolower(u));
        else if ((c == '.' || c == '_' || c == '-') && !base.empty())
            base += c;
        if (base.size() >= 30) break;
    }
    if (base.size() < 2) base = "membre";
    for (int n = 0;; ++n) {
        const std::string login = n == 0 ? base : base + "-" + std::to_string(n + 1);
        if (tx.exec_params("SELECT 1 FROM users WHERE login = $1", login).empty()) return login;
    }
}

}  // namespace

std::string SessionStore::create_link(const std::string& email, std::chrono::seconds ttl) {
    const std::string secret = random_hex(32);
    db_.with_connection([&](pqxx::connection& conn) {
        pqxx::work tx(conn);
        // Old links go as new ones come: the table holds only what may still be followed.
        tx.exec("DELETE FROM magic_links WHERE expires_at < now() - interval '1 day'");
        tx.exec_params(
            "INSERT INTO magic_links (token_hash, email, expires_at) "
            "VALUES ($1, $2, now() + make_interval(secs => $3))",
            sha256_hex(secret), email, static_cast<long long>(ttl.count()));
        tx.commit();
    });
    return secret;
}

std::optional<SessionStore::LinkInfo> SessionStore::usable_link(const std::string& secret) {
    return db_.with_connection([&](pqxx::connection& conn) -> std::optional<LinkInfo> {
        pqxx::read_transaction tx(conn);
        auto rows = tx.exec_params(
            "SELECT l.email, EXISTS (SELECT 1 FROM users u WHERE u.email = l.email) "
            "FROM magic_links l "
            "WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > now()",
            sha256_hex(secret));
        if (rows.empty()) return std::nullopt;
        return LinkInfo{rows[0][0].as<std::string>(), rows[0][1].as<bool>()};
    });
}

SignIn SessionStore::sign_in(const std::string& secret, const std::string& display_name,
                             std::chrono::seconds session_ttl) {
    return db_.with_connection([&](pqxx::connection& conn) {
        SignIn out;
        pqxx::work tx(conn);
        // The row lock makes two clicks on one link sign in once.
        auto link = tx.exec_params(
            "SELECT email FROM magic_links "
            "WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() FOR UPDATE",
            sha256_hex(secret));
        if (link.empty()) return out;
        const std::string email = link[0][0].as<std::string>();
        auto found = tx.exec_params(
            "SELECT id, login, display_name, role FROM users WHERE email = $1", email);
        if (found.empty()) {
            if (display_name.empty()) {
                out.outcome = SignIn::Outcome::name_needed;
                return out;  // rolled back: the link stays usable
            }
            found = tx.exec_params(
                "INSERT INTO users (login, display_name, role, email) "
                "VALUES ($1, $2, 'member', $3) RETURNING id, login, display_name, role",
                free_login(tx, email), display_name, email);
            out.created = true;
        }
        out.user = user_of(found[0]);
        tx.exec_params("UPDATE magic_links SET used_at = now() WHERE token_hash = $1",
                       sha256_hex(secret));
        out.session = random_hex(32);
        tx.exec_params(
            "INSERT INTO web_sessions (id_hash, user_id, expires_at) "
            "VALUES ($1, $2, now() + make_interval(secs => $3))",
            sha256_hex(out.session), out.user.id, static_cast<long long>(session_ttl.count()));
        tx.commit();
        out.outcome = SignIn::Outcome::signed_in;
        return out;
    });
}

std::optional<User> SessionStore::session_user(const std::string& session) {
    if (session.size() != 64) return std::nullopt;  // not one of ours: no query
    return db_.with_connection([&](pqxx::connection& conn) -> std::optional<User> {
        // As for bearer tokens, the same statement records the member as active this week.
        pqxx::work tx(conn);
        auto rows = tx.exec_params(
            R"(WITH caller AS (
                   SELECT u.id, u.login, u.display_name, u.role
                     FROM web_sessions s JOIN users u ON u.id = s.user_id
                    WHERE s.id_hash = $1 AND s.expires_at > now()),
               seen AS (
                   INSERT INTO member_activity (week, user_id)
                   SELECT date_trunc('week', now() AT TIME ZONE 'UTC')::date, id
                     FROM caller ON CONFLICT DO NOTHING)
               SELECT id, login, display_name, role FROM caller)",
            sha256_hex(session));
        tx.commit();
        if (rows.empty()) return std::nullopt;
        return user_of(rows[0]);
    });
}

void SessionStore::end_session(const std::string& session) {
    db_.with_connection([&](pqxx::connection& conn) {
        pqxx::work tx(conn);
        tx.exec_params("DELETE FROM web_sessions WHERE id_hash = $1", sha256_hex(session));
        tx.commit();
    });
}

}  // namespace kb::web
