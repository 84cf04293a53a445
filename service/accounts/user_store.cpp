/// @brief SQL of profiles, the expert directory and role changes.
#include "user_store.hpp"

#include "api_error.hpp"
#include "pg_arrays.hpp"
#include "pg_fields.hpp"

namespace kb {

using http::ApiError;

void UserStore::set_role(const User& moderator, long long user_id, const std::string& role) {
    db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        if (!set_user_role(tx, user_id, role, moderator.id)) {
            throw ApiError::not_found("user_not_found", "Aucun compte n'a l'identifiant " +
                                                            std::to_string(user_id) + ".");
        }
        tx.commit();
    });
}

std::optional<Profile> UserStore::profile(long long user_id) {
    return db_.with_connection([&](pqxx::connection& c) -> std::optional<Profile> {
        pqxx::read_transaction tx(c);
        auto rows = tx.exec_params(
            R"(SELECT id, login, display_name, role, structure_name, structure_type, territory, topics,
                      contact_opt_in, contact_email, notify_mode FROM users WHERE id = $1)",
            user_id);
        if (rows.empty()) return std::nullopt;
        const auto& r = rows[0];
        return Profile{r[0].as<long long>(),   r[1].as<std::string>(), r[2].as<std::string>(),
                       r[3].as<std::string>(), optional_text(r[4]),    optional_text(r[5]),
                       optional_text(r[6]),    from_pg_array(r[7]),    r[8].as<bool>(),
                       optional_text(r[9]),    r[10].as<std::string>()};
    });
}

void UserStore::update_profile(const User& user, const ProfileInput& in) {
    db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        std::optional<std::string> topics;
        if (in.topics) topics = to_pg_array(*in.topics);
        // $9 names the fields to clear; the others keep their value unless one is given.
        tx.exec_params(
            R"(UPDATE users SET display_name = coalesce($2, display_name),
                 structure_name = CASE WHEN 'structure_name' = ANY($9::text[]) THEN NULL
                                       ELSE coalesce($3, structure_name) END,
                 structure_type = CASE WHEN 'structure_type' = ANY($9::text[]) THEN NULL
                                       ELSE coalesce($4, structure_type) END,
                 territory = CASE WHEN 'territory' = ANY($9::text[]) THEN NULL
                                  ELSE coalesce($5, territory) END,
                 topics = CASE WHEN 'topics' = ANY($9::text[]) THEN '{}'
                               ELSE coalesce($6::text[], topics) END,
                 contact_opt_in = coalesce($7, contact_opt_in),
                 contact_email = CASE WHEN 'contact_email' = ANY($9::text[]) THEN NULL
                                      ELSE coalesce($8, contact_email) END,
                 notify_mode = coalesce($10, notify_mode)
               WHERE id = $1)",
            user.id, in.display_name, in.structure_name, in.structure_type, in.territory, topics,
            in.contact_opt_in, in.contact_email, to_pg_array(in.cleared), in.notify_mode);
        tx.commit();
    });
}

std::vector<Expert> UserStore::list_experts(const ExpertQuery& q) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        auto rows = tx.exec_params(
            R"(SELECT id, display_name, structure_name, structure_type, territory, topics, contact_opt_in,
                      contact_email
               FROM users WHERE role = $4
                 AND (cardinality($1::text[]) = 0 OR structure_type = ANY($1::text[]))
                 AND (cardinality($2::text[]) = 0 OR territory = ANY($2::text[]))
                 AND (cardinality($3::text[]) = 0 OR topics && $3::text[])
               ORDER BY display_name, id)",
            to_pg_array(q.structure_types), to_pg_array(q.territories), to_pg_array(q.topics),
            std::string(kRoleExpert));
        std::vector<Expert> experts;
        for (const auto& r : rows) {
            Expert e{r[0].as<long long>(), r[1].as<std::string>(), optional_text(r[2]),
                     optional_text(r[3]),  optional_text(r[4]),    from_pg_array(r[5]),
                     std::nullopt};
            // Contact details only for experts who opted in.
            if (r[6].as<bool>()) e.contact_email = optional_text(r[7]);
            experts.push_back(std::move(e));
        }
        return experts;
    });
}

std::vector<MemberSummary> UserStore::find_members(const std::string& text, int limit) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        // strpos rather than LIKE: what a moderator types holds no wildcard.
        auto rows = tx.exec_params(
            R"(SELECT id, login, display_name, role, email FROM users
               WHERE CASE WHEN $1 = '' THEN role <> 'member'
                          ELSE strpos(lower(display_name), lower($1)) > 0
                               OR strpos(login, lower($1)) > 0
                               OR strpos(coalesce(email, ''), lower($1)) > 0 END
               ORDER BY lower(display_name), id LIMIT $2)",
            text, limit);
        std::vector<MemberSummary> out;
        for (const auto& r : rows) {
            out.push_back({r[0].as<long long>(), r[1].as<std::string>(), r[2].as<std::string>(),
                           r[3].as<std::string>(), optional_text(r[4])});
        }
        return out;
    });
}

}  // namespace kb
