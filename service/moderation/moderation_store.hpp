/// @brief Members' flags, the moderators' queue and the reading of the moderation log.
#pragma once

#include "accounts.hpp"
#include "pg_pool.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace kb {

struct FlagInput {
    std::string item_kind;  ///< thread | answer | resource
    long long item_id = 0;
    std::string reason;  ///< spam | obsolete | errone | doublon | inapproprie | autre
    std::string comment;
};

struct LogQuery {
    std::optional<std::string> item_kind;
    std::optional<std::string> item_id;
    int page = 1;
    int per_page = 50;
};

class ModerationStore {
  public:
    explicit ModerationStore(PgPool& db) : db_(db) {}

    /// 404 `item_not_found` for an item the member cannot see; 409 `flag_exists` when the member
    /// already has an open flag on it. Returns the flag.
    nlohmann::json create_flag(const User& reporter, const FlagInput& flag);
    /// Moderators: closes an open flag without acting on its item (logged); 409 `flag_not_open`.
    nlohmann::json dismiss_flag(const User& moderator, long long flag_id);
    /// Pending resources, open flags grouped by item, the most frequent searches that found
    /// nothing, extraction failures.
    nlohmann::json queue();
    nlohmann::json log(const LogQuery& query);

  private:
    PgPool& db_;
};

}  // namespace kb
