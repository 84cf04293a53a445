/// @brief The append-only moderation log: one row per moderation act, written in the act's
/// transaction (PostgreSQL refuses any UPDATE or DELETE of it).
#pragma once

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <optional>
#include <string>

namespace kb {

struct AuditEntry {
    long long actor_id = 0;
    std::string action;     ///< approve, reject, hide, restore, restore_version, tag_merge, ...
    std::string item_kind;  ///< resource, thread, answer, tag, flag
    std::string item_id;
    std::optional<std::string> reason;
    nlohmann::json before;  ///< null when there is nothing to show
    nlohmann::json after;
};

void append_audit(pqxx::transaction_base& tx, const AuditEntry& entry);

}  // namespace kb
