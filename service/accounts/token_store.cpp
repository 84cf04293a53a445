/// @brief SQL of a member's tokens, parameterised, next to its use.
#include "token_store.hpp"

#include "accounts.hpp"
#include "pg_fields.hpp"

namespace kb {

std::vector<TokenInfo> list_tokens(PgPool& db, long long user_id) {
    return db.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        auto rows = tx.exec_params(
            R"(SELECT id, label, created_at, expires_at, expires_at <= now()
               FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL
               ORDER BY created_at DESC, id DESC)",
            user_id);
        std::vector<TokenInfo> out;
        for (const auto& r : rows) {
            out.push_back({r[0].as<long long>(), r[1].as<std::string>(), timestamp_of(r[2]),
                           timestamp_of(r[3]), r[4].as<bool>()});
        }
        return out;
    });
}

std::string create_user_token(PgPool& db, long long user_id, int days, const std::string& label) {
    return db.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        std::string secret = insert_token(tx, user_id, days, label);
        tx.commit();
        return secret;
    });
}

bool revoke_token(PgPool& db, long long user_id, long long token_id) {
    return db.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        auto r = tx.exec_params(
            R"(UPDATE api_tokens SET revoked_at = now()
               WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL)",
            token_id, user_id);
        tx.commit();
        return r.affected_rows() > 0;
    });
}

}  // namespace kb
