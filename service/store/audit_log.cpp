/// @brief Writing moderation_log rows; resolving the flags an act answers.
#include "audit_log.hpp"

#include <algorithm>

namespace kb {

namespace {

std::optional<std::string> json_or_null(const nlohmann::json& value) {
    if (value.is_null()) return std::nullopt;
    return value.dump();
}

}  // namespace

void append_audit(pqxx::transaction_base& tx, const AuditEntry& e) {
    tx.exec_params(
        R"(INSERT INTO moderation_log (actor_id, action, item_kind, item_id, reason, before, after)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb))",
        e.actor_id, e.action, e.item_kind, e.item_id, e.reason, json_or_null(e.before),
        json_or_null(e.after));
}

std::vector<long long> resolve_open_flags(pqxx::transaction_base& tx, const std::string& item_kind,
                                          long long item_id, long long moderator_id) {
    std::vector<long long> ids;
    for (const auto& row : tx.exec_params(
             "UPDATE flags SET status = 'resolved', resolved_at = now(), resolved_by = $3 "
             "WHERE item_kind = $1 AND item_id = $2 AND status = 'open' RETURNING id",
             item_kind, item_id, moderator_id))
        ids.push_back(row[0].as<long long>());
    std::sort(ids.begin(), ids.end());
    return ids;
}

}  // namespace kb
