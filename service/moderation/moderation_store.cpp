/// @brief SQL of flags, the moderation queue and the log.
#include "moderation_store.hpp"

#include "api_error.hpp"
#include "audit_log.hpp"
#include "pg_fields.hpp"

namespace kb {

namespace {

using http::ApiError;

std::string iso(const std::string& column) {
    return "to_char(" + column + R"( AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))";
}

// The title and URL of a visible item (a thread, an answer's thread, a public resource).
constexpr const char* kItemSql = R"(
    SELECT t.title, '/api/v1/threads/' || t.id FROM threads t
        WHERE $1 = 'thread' AND t.id = $2 AND NOT t.hidden
    UNION ALL
    SELECT t.title, '/api/v1/threads/' || t.id FROM answers a JOIN threads t ON t.id = a.thread_id
        WHERE $1 = 'answer' AND a.id = $2 AND NOT a.hidden AND NOT t.hidden
    UNION ALL
    SELECT r.title, '/api/v1/resources/' || r.id FROM resources r
        WHERE $1 = 'resource' AND r.id = $2 AND r.status = 'published' AND NOT r.hidden)";

nlohmann::json flag_json(const pqxx::row& r) {
    return {{"id", r[0].as<long long>()},          {"item_kind", r[1].as<std::string>()},
            {"item_id", r[2].as<long long>()},     {"reason", r[3].as<std::string>()},
            {"comment", r[4].as<std::string>()},   {"status", r[5].as<std::string>()},
            {"created_at", r[6].as<std::string>()}};
}

std::string flag_columns() {
    return "id, item_kind, item_id, reason, comment, status, " + iso("created_at");
}

// A text field as a JSON string, or null.
nlohmann::json text_or_null(const pqxx::field& f) {
    auto text = optional_text(f);
    return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
}

nlohmann::json json_or_null(const pqxx::field& f) {
    return f.is_null() ? nlohmann::json(nullptr) : nlohmann::json::parse(f.as<std::string>());
}

}  // namespace

nlohmann::json ModerationStore::create_flag(const User& reporter, const FlagInput& in) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        if (tx.exec_params(kItemSql, in.item_kind, in.item_id).empty()) {
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
        return flag_json(rows[0]);
    });
}

nlohmann::json ModerationStore::dismiss_flag(const User& moderator, long long flag_id) {
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
        nlohmann::json flag = flag_json(rows[0]);
        append_audit(tx, {moderator.id,
                          "flag_dismiss",
                          "flag",
                          std::to_string(flag_id),
                          std::nullopt,
                          {{"status", "open"}},
                          flag});
        tx.commit();
        return flag;
    });
}

nlohmann::json ModerationStore::queue() {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        nlohmann::json pending = nlohmann::json::array();
        for (const auto& r :
             tx.exec("SELECT r.id, r.title, r.type, r.summary, r.link, r.file_name, u.id, "
                     "u.display_name, " +
                     iso("r.created_at") +
                     " FROM resources r JOIN users u ON u.id = r.author_id "
                     "WHERE r.status = 'pending' AND NOT r.hidden ORDER BY r.created_at, r.id "
                     "LIMIT 100")) {
            pending.push_back(
                {{"id", r[0].as<long long>()},
                 {"title", r[1].as<std::string>()},
                 {"type", r[2].as<std::string>()},
                 {"summary", r[3].as<std::string>()},
                 {"link", text_or_null(r[4])},
                 {"file_name", text_or_null(r[5])},
                 {"author",
                  {{"id", r[6].as<long long>()}, {"display_name", r[7].as<std::string>()}}},
                 {"created_at", r[8].as<std::string>()},
                 {"url", "/api/v1/resources/" + r[0].as<std::string>()}});
        }
        nlohmann::json flagged = nlohmann::json::array();
        for (const auto& r : tx.exec(
                 R"(SELECT item_kind, item_id, count(*),
                           json_agg(json_build_object('id', id, 'reason', reason,
                                    'comment', comment, 'reporter_id', reporter_id,
                                    'created_at', )" +
                 iso("created_at") + R"() ORDER BY id)::text
                    FROM flags WHERE status = 'open' GROUP BY item_kind, item_id
                    ORDER BY count(*) DESC, min(id) LIMIT 100)")) {
            nlohmann::json entry = {{"item_kind", r[0].as<std::string>()},
                                    {"item_id", r[1].as<long long>()},
                                    {"count", r[2].as<long long>()},
                                    {"flags", nlohmann::json::parse(r[3].as<std::string>())}};
            auto item = tx.exec_params(kItemSql, entry["item_kind"].get<std::string>(),
                                       entry["item_id"].get<long long>());
            entry["title"] = item.empty() ? nlohmann::json(nullptr) : text_or_null(item[0][0]);
            entry["url"] = item.empty() ? nlohmann::json(nullptr) : text_or_null(item[0][1]);
            flagged.push_back(entry);
        }
        nlohmann::json misses = nlohmann::json::array();
        for (const auto& r : tx.exec("SELECT id, example_query, miss_count, " + iso("last_seen") +
                                     " FROM search_misses WHERE dismissed_at IS NULL "
                                     "ORDER BY miss_count DESC, last_seen DESC LIMIT 20")) {
            misses.push_back({{"id", r[0].as<long long>()},
                              {"query", r[1].as<std::string>()},
                              {"count", r[2].as<long long>()},
                              {"last_seen", r[3].as<std::string>()}});
        }
        nlohmann::json failures = nlohmann::json::array();
        for (const auto& r :
             tx.exec("SELECT id, title, status, file_name, coalesce(extraction_error, '') "
                     "FROM resources WHERE extraction_status = 'failed' AND NOT hidden "
                     "ORDER BY updated_at DESC LIMIT 100")) {
            failures.push_back({{"id", r[0].as<long long>()},
                                {"title", r[1].as<std::string>()},
                                {"status", r[2].as<std::string>()},
                                {"file_name", text_or_null(r[3])},
                                {"error", r[4].as<std::string>()},
                                {"url", "/api/v1/resources/" + r[0].as<std::string>()}});
        }
        return nlohmann::json{{"pending_resources", pending},
                              {"flags", flagged},
                              {"zero_result_searches", misses},
                              {"extraction_failures", failures}};
    });
}

nlohmann::json ModerationStore::log(const LogQuery& q) {
    return db_.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        auto rows = tx.exec_params(
            "SELECT l.id, l.actor_id, u.display_name, l.action, l.item_kind, l.item_id, l.reason, "
            "l.before::text, l.after::text, " +
                iso("l.created_at") +
                R"(, count(*) OVER ()
               FROM moderation_log l JOIN users u ON u.id = l.actor_id
               WHERE ($1::text IS NULL OR l.item_kind = $1) AND ($2::text IS NULL OR l.item_id = $2)
               ORDER BY l.id DESC LIMIT $3 OFFSET $4)",
            q.item_kind, q.item_id, q.per_page, static_cast<long long>(q.page - 1) * q.per_page);
        nlohmann::json entries = nlohmann::json::array();
        long long total = 0;
        for (const auto& r : rows) {
            total = r[10].as<long long>();
            entries.push_back(
                {{"id", r[0].as<long long>()},
                 {"actor",
                  {{"id", r[1].as<long long>()}, {"display_name", r[2].as<std::string>()}}},
                 {"action", r[3].as<std::string>()},
                 {"item_kind", r[4].as<std::string>()},
                 {"item_id", r[5].as<std::string>()},
                 {"reason", text_or_null(r[6])},
                 {"before", json_or_null(r[7])},
                 {"after", json_or_null(r[8])},
                 {"created_at", r[9].as<std::string>()}});
        }
        return nlohmann::json{
            {"total", total}, {"page", q.page}, {"per_page", q.per_page}, {"entries", entries}};
    });
}

}  // namespace kb
