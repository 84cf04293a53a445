/// @brief Token generation and verification; hashing is PostgreSQL's sha256(), so no secret is
/// stored.
#include "accounts.hpp"

#include "api_error.hpp"
#include "audit_log.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <stdexcept>

namespace kb {

namespace {

constexpr const char* kHashExpression = "encode(sha256(convert_to($1::text, 'UTF8')), 'hex')";

User user_from_row(const pqxx::row& r) {
    return User{r[0].as<long long>(), r[1].as<std::string>(), r[2].as<std::string>(),
                r[3].as<std::string>()};
}

void check_role(const std::string& role) {
    if (!is_known(known_roles(), role))
        throw std::runtime_error("unknown role '" + role + "' (" + joined(known_roles()) + ")");
}

}  // namespace

std::string new_token_secret() {
    static const char* alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    unsigned char bytes[43];
    std::ifstream random("/dev/urandom", std::ios::binary);
    random.read(reinterpret_cast<char*>(bytes), sizeof bytes);
    if (!random) throw std::runtime_error("cannot read /dev/urandom");
    std::string token = "kb_";
    for (unsigned char b : bytes) token += alphabet[b & 63];
    return token;
}

std::optional<User> user_for_authorization(PgPool& db, const std::string& authorization) {
    // The scheme is case-insensitive (RFC 9110 §11.1): "Bearer", "bearer" and "BEARER" alike.
    const std::string scheme = "bearer";
    const std::size_t space = authorization.find(' ');
    if (space != scheme.size() ||
        !std::equal(scheme.begin(), scheme.end(), authorization.begin(), [](char a, char b) {
            return a == std::tolower(static_cast<unsigned char>(b));
        }))
        return std::nullopt;
    const std::size_t start = authorization.find_first_not_of(' ', space);
    if (start == std::string::npos) return std::nullopt;
    const std::string token = authorization.substr(start);
    if (token.size() > 200) return std::nullopt;
    return db.with_connection([&](pqxx::connection& c) -> std::optional<User> {
        // The same statement records the member as active this week (weekly active members):
        // one round trip, and a no-op after the first authenticated request of the week.
        pqxx::work tx(c);
        auto rows = tx.exec_params(std::string(R"(WITH caller AS (
                               SELECT u.id, u.login, u.display_name, u.role
                                 FROM api_tokens t JOIN users u ON u.id = t.user_id
                                WHERE t.token_hash = )") +
                                       kHashExpression + R"(
                                  AND t.revoked_at IS NULL AND t.expires_at > now()),
                           seen AS (
                               INSERT INTO member_activity (week, user_id)
                               SELECT date_trunc('week', now() AT TIME ZONE 'UTC')::date, id
                                 FROM caller ON CONFLICT DO NOTHING)
                           SELECT id, login, display_name, role FROM caller)",
                                   token);
        tx.commit();
        if (rows.empty()) return std::nullopt;
        return user_from_row(rows[0]);
    });
}

User create_user(pqxx::connection& conn, const std::string& login, const std::string& display_name,
                 const std::string& role) {
    check_role(role);
    pqxx::work tx(conn);
    try {
        auto r = tx.exec_params1(
            R"(INSERT INTO users (login, display_name, role) VALUES ($1, $2, $3)
               RETURNING id, login, display_name, role)",
            login, display_name, role);
        tx.commit();
        return user_from_row(r);
    } catch (const pqxx::unique_violation&) {
        throw std::runtime_error("login '" + login + "' is already taken");
    } catch (const pqxx::check_violation&) {
        throw std::runtime_error(
            "invalid login (a-z, 0-9, '.', '_', '-'; 2 to 40 characters) or display name");
    }
}

void grant_role(pqxx::connection& conn, const std::string& login, const std::string& role) {
    check_role(role);
    pqxx::work tx(conn);
    auto id = tx.exec_params("SELECT id FROM users WHERE login = $1", login);
    if (id.empty()) throw std::runtime_error("no user '" + login + "'");
    set_user_role(tx, id[0][0].as<long long>(), role, std::nullopt);
    tx.commit();
}

bool set_user_role(pqxx::transaction_base& tx, long long user_id, const std::string& role,
                   std::optional<long long> actor_id) {
    // Locking every moderator's row serialises concurrent demotions: two moderators demoting
    // each other at once cannot both succeed (the second one re-reads the first one's change).
    auto moderators = tx.exec_params("SELECT id FROM users WHERE role = $1 FOR UPDATE",
                                     std::string(kRoleModerator));
    bool target_is_moderator = false;
    for (const auto& row : moderators) target_is_moderator |= row[0].as<long long>() == user_id;
    if (target_is_moderator && role != kRoleModerator && moderators.size() == 1) {
        throw http::ApiError::conflict(
            "last_moderator",
            "C'est le dernier compte modérateur : nommez d'abord un autre modérateur.");
    }
    // The role before, read under that lock, so that it is what changed.
    auto before = tx.exec_params("SELECT role FROM users WHERE id = $1 FOR UPDATE", user_id);
    if (before.empty()) return false;
    const std::string previous = before[0][0].as<std::string>();
    if (previous == role) return true;
    tx.exec_params("UPDATE users SET role = $2 WHERE id = $1", user_id, role);
    append_audit(tx, {actor_id,
                      "role_change",
                      "user",
                      std::to_string(user_id),
                      std::nullopt,
                      {{"role", previous}},
                      {{"role", role}}});
    return true;
}

std::string insert_token(pqxx::transaction_base& tx, long long user_id, int days,
                         const std::string& label) {
    if (days < 1 || days > 3650) throw std::invalid_argument("days must be between 1 and 3650");
    const std::string secret = new_token_secret();
    tx.exec_params(std::string("INSERT INTO api_tokens (user_id, token_hash, label, expires_at) "
                               "VALUES ($2, ") +
                       kHashExpression + ", $3, now() + make_interval(days => $4))",
                   secret, user_id, label, days);
    return secret;
}

std::string create_token(pqxx::connection& conn, const std::string& login, int days,
                         const std::string& label) {
    if (days < 1 || days > 3650) throw std::runtime_error("--days must be between 1 and 3650");
    pqxx::work tx(conn);
    auto id = tx.exec_params("SELECT id FROM users WHERE login = $1", login);
    if (id.empty()) throw std::runtime_error("no user '" + login + "'");
    std::string secret = insert_token(tx, id[0][0].as<long long>(), days, label);
    tx.commit();
    return secret;
}

long long revoke_tokens(pqxx::connection& conn, const std::string& login) {
    pqxx::work tx(conn);
    auto r = tx.exec_params(
        R"(UPDATE api_tokens SET revoked_at = now()
           WHERE revoked_at IS NULL AND user_id = (SELECT id FROM users WHERE login = $1))",
        login);
    tx.commit();
    return static_cast<long long>(r.affected_rows());
}

}  // namespace kb
