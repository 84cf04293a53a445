/// @brief Writing moderation_log rows.
#include "audit_log.hpp"

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

}  // namespace kb
