/// @brief SQL of flags, the moderation queue and the log.
#include "moderation_store.hpp"

#include "api_error.hpp"
#include "audit_log.hpp"
#include "moderation_json.hpp"
#include "pg_fields.hpp"

namespace kb {

namespace {

using http::ApiError;

std::string iso(const std::string& column) {
    return "to_char(" + column + R"( AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))";
}

// Where a visible item is read (a thread, an answer's thread, a public resource): title, kind
// and id of that place.
constexpr const char* kItemSql = R"(
    SELECT t.title, 'thread', t.id FROM threads t
        WHERE $1 = 'thread' AND t.id = $2 AND NOT t.hidden
    UNION ALL
    SELECT t.title, 'thread', t.id FROM answers a JOIN threads t ON t.id = a.thread_id
        WHERE $1 = 'answer' AND a.id = $2 AND NOT a.hidden AND NOT t.hidden
    UNION ALL
    SELECT r.title, 'resource', r.id FROM resources r
        WHERE $1 = 'resource' AND r.id = $2 AND r.status = 'published' AND NOT r.hidden)";

std::optional<ItemPlace> place_of(pqxx::transaction_base& tx, const std::string& kind,
                                  long long id) {
    auto rows = tx.exec_params(kItemSql, kind, id);
    if (rows.empty()) return std::nullopt;
    return ItemPlace{rows[0][0].as<std::string>(), rows[0][1].as<std::string>(),
                     rows[0][2].as<long long>()};
}

Flag flag_of(const pqxx::row& r) {
    return {r[0].as<long long>(),   r[1].as<std::string>(), r[2].as<long long>(),
            r[3].as<std::string>(), r[4].as<std::string>(), r[5].as<std::string>(),
            r[6].as<std::string>()};
}

std::string flag_columns() {
    return "id, item_kind, item_id, reason, comment, status, " + iso("created_at");
}

nlohmann::json json_or_null(const pqxx::field& f) {
    return f.is_null() ? nlohmann::json(nullptr) : nlohmann::json::parse(f.as<std::string>());
}

// The open flags of one item, aggregated by PostgreSQL as a JSON array.
std::vector<OpenFlag> open_flags(const std::string& aggregated) {
    std::vector<OpenFlag> out;
    for (const auto& f : nlohmann::json::parse(aggregated)) {
        out.push_back({f.at("id").get<long long>(), f.at("reason").get<std::string>(),
                       f.at("comment").get<std::string>(), f.at("reporter_id").get<long long>(),
                       f.at("created_at").get<std::string>()});
    }
    return out;
}

}  // namespace

Flag ModerationStore::create_flag(const User& reporter, const FlagInput& in) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        if (!place_of(tx, in.item_kind, in.item_id)) {
            throw ApiError::not_found("item_not_found", "Aucun contenu visible « " + in.item_kind +
                                                            " » n'a l'identifiant " +
                                                            std::to_string(in.item_id) + ".");
        }
        auto rows = tx.exec_params(
            "INSERT INTO flags (item_kind, item_id, reporter_id, reason, comment) "
            "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING " +
                flag_columns(),
            in.item_kind, in.item_id, reporter.id, in.reason, in.comment);
        if (rows.empty()) {
            throw ApiError::conflict(
                "flag_exists", "Vous avez déjà signalé ce contenu ; un modérateur va le voir.");
        }
        tx.commit();
        return flag_of(rows[0]);
    });
}

Flag ModerationStore::dismiss_flag(const User& moderator, long long flag_id) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        auto rows = tx.exec_params(
            "UPDATE flags SET status = 'resolved', resolved_at = now(), resolved_by = $2 "
            "WHERE id = $1 AND status = 'open' RETURNING " +
                flag_columns(),
            flag_id, moderator.id);
        if (rows.empty()) {
            if (tx.exec_params("SELECT 1 FROM flags WHERE id = $1", flag_id).empty()) {
                throw ApiError::not_found("flag_not_found", "Aucun signalement n'a l'identifiant " +
                                                                std::to_string(flag_id) + ".");
            }
            throw ApiError::conflict("flag_not_open", "Ce signalement est déjà traité.");
        }
        const Flag flag = flag_of(rows[0]);
        append_audit(tx, {moderator.id,
                          "flag_dismiss",
                          "flag",
                          std::to_string(flag_id),
                          std::nullopt,
                          {{"status", "open"}},
                          flag_json(flag)});
        tx.commit();
        return flag;
    });
}

ModerationQueue ModerationStore::queue() {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        ModerationQueue queue;
        for (const auto& r :
             tx.exec("SELECT r.id, r.title, r.type, r.summary, r.link, r.file_name, u.id, "
                     "u.display_name, " +
                     iso("r.created_at") +
                     " FROM resources r JOIN users u ON u.id = r.author_id "
                     "WHERE r.status = 'pending' AND NOT r.hidden ORDER BY r.created_at, r.id "
                     "LIMIT 100")) {
            queue.pending_resources.push_back(
                {r[0].as<long long>(), r[1].as<std::string>(), r[2].as<std::string>(),
                 r[3].as<std::string>(), optional_text(r[4]), optional_text(r[5]),
                 Person{r[6].as<long long>(), r[7].as<std::string>()}, r[8].as<std::string>()});
        }
        for (const auto& r : tx.exec(
                 R"(SELECT item_kind, item_id,
                           json_agg(json_build_object('id', id, 'reason', reason,
                                    'comment', comment, 'reporter_id', reporter_id,
                                    'created_at', )" +
                 iso("created_at") + R"() ORDER BY id)::text
                    FROM flags WHERE status = 'open' GROUP BY item_kind, item_id
                    ORDER BY count(*) DESC, min(id) LIMIT 100)")) {
            FlaggedItem item{r[0].as<std::string>(), r[1].as<long long>(),
                             open_flags(r[2].as<std::string>()), std::nullopt};
            item.place = place_of(tx, item.item_kind, item.item_id);
            queue.flags.push_back(std::move(item));
        }
        for (const auto& r : tx.exec("SELECT id, example_query, miss_count, " + iso("last_seen") +
                                     " FROM search_misses WHERE dismissed_at IS NULL "
                                     "ORDER BY miss_count DESC, last_seen DESC LIMIT 20")) {
            queue.zero_result_searches.push_back({r[0].as<long long>(), r[1].as<std::string>(),
                                                  r[2].as<long long>(), r[3].as<std::string>()});
        }
        for (const auto& r :
             tx.exec("SELECT id, title, status, file_name, coalesce(extraction_error, '') "
                     "FROM resources WHERE extraction_status = 'failed' AND NOT hidden "
                     "ORDER BY updated_at DESC LIMIT 100")) {
            queue.extraction_failures.push_back({r[0].as<long long>(), r[1].as<std::string>(),
                                                 r[2].as<std::string>(), optional_text(r[3]),
                                                 r[4].as<std::string>()});
        }
        return queue;
    });
}

LogPage ModerationStore::log(const LogQuery& q) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        auto rows = tx.exec_params(
            "SELECT l.id, l.actor_id, u.display_name, l.action, l.item_kind, l.item_id, l.reason, "
            "l.before::text, l.after::text, " +
                iso("l.created_at") +
                R"(, count(*) OVER ()
               FROM moderation_log l LEFT JOIN users u ON u.id = l.actor_id
               WHERE ($1::text IS NULL OR l.item_kind = $1) AND ($2::text IS NULL OR l.item_id = $2)
               ORDER BY l.id DESC LIMIT $3 OFFSET $4)",
            q.item_kind, q.item_id, q.per_page, static_cast<long long>(q.page - 1) * q.per_page);
        LogPage page{0, q.page, q.per_page, {}};
        for (const auto& r : rows) {
            page.total = r[10].as<long long>();
            std::optional<Person> actor;
            if (!r[1].is_null()) actor = Person{r[1].as<long long>(), r[2].as<std::string>()};
            page.entries.push_back({r[0].as<long long>(), std::move(actor), r[3].as<std::string>(),
                                    r[4].as<std::string>(), r[5].as<std::string>(),
                                    optional_text(r[6]), json_or_null(r[7]), json_or_null(r[8]),
                                    r[9].as<std::string>()});
        }
        return page;
    });
}

}  // namespace kb
