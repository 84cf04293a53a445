/// @brief The append-only moderation log: one row per moderation act, written in the act's
/// transaction (PostgreSQL refuses any UPDATE or DELETE of it); the flags an act answers.
#pragma once

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

namespace kb {

struct AuditEntry {
    std::optional<long long> actor_id;  ///< nullopt: the operator's console (kb-service admin)
    std::string action;     ///< approve, reject, hide, restore, restore_version, tag_merge, ...
    std::string item_kind;  ///< resource, thread, answer, tag, flag, user
    std::string item_id;
    std::optional<std::string> reason;
    nlohmann::json before;  ///< null when there is nothing to show
    nlohmann::json after;
};

void append_audit(pqxx::transaction_base& tx, const AuditEntry& entry);

/// Resolves the open flags on an item (item_kind thread, answer or resource), as the moderator's
/// act (a hide) answers them; returns their ids.
std::vector<long long> resolve_open_flags(pqxx::transaction_base& tx, const std::string& item_kind,
                                          long long item_id, long long moderator_id);

}  // namespace kb
