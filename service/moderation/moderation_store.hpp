/// @brief Members' flags, the moderators' queue and the reading of the moderation log.
#pragma once

#include "accounts.hpp"
#include "pg_pool.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace kb {

struct FlagInput {
    std::string item_kind;  ///< thread | answer | resource
    long long item_id = 0;
    std::string reason;  ///< spam | obsolete | errone | doublon | inapproprie | autre
    std::string comment;
};

struct Flag {
    long long id = 0;
    std::string item_kind;
    long long item_id = 0;
    std::string reason;
    std::string comment;
    std::string status;      ///< open | resolved
    std::string created_at;  ///< RFC 3339 UTC
};

/// A user named in the queue or the log.
struct Person {
    long long id = 0;
    std::string display_name;
};

struct PendingResource {
    long long id = 0;
    std::string title;
    std::string type;
    std::string summary;
    std::optional<std::string> link;
    std::optional<std::string> file_name;
    Person author;
    std::string created_at;
};

/// Where a visible flagged item is read: a thread (the answer's, for an answer) or a resource.
struct ItemPlace {
    std::string title;
    std::string kind;  ///< thread | resource
    long long id = 0;
};

/// One open flag in the queue.
struct OpenFlag {
    long long id = 0;
    std::string reason;
    std::string comment;
    long long reporter_id = 0;
    std::string created_at;
};

/// The open flags on one item (the queue lists the most flagged first).
struct FlaggedItem {
    std::string item_kind;
    long long item_id = 0;
    std::vector<OpenFlag> flags;     ///< by id
    std::optional<ItemPlace> place;  ///< nullopt once the item is hidden
};

struct ZeroResultSearch {
    long long id = 0;
    std::string query;
    long long count = 0;
    std::string last_seen;
};

struct ExtractionFailure {
    long long id = 0;
    std::string title;
    std::string status;
    std::optional<std::string> file_name;
    std::string error;
};

struct ModerationQueue {
    std::vector<PendingResource> pending_resources;
    std::vector<FlaggedItem> flags;
    std::vector<ZeroResultSearch> zero_result_searches;
    std::vector<ExtractionFailure> extraction_failures;
};

struct LogQuery {
    std::optional<std::string> item_kind;
    std::optional<std::string> item_id;
    int page = 1;
    int per_page = 50;
};

struct LogEntry {
    long long id = 0;
    std::optional<Person> actor;  ///< nullopt: the operator's console (kb-service admin)
    std::string action;
    std::string item_kind;
    std::string item_id;
    std::optional<std::string> reason;
    nlohmann::json before;  ///< the item's state before the act, as logged (null if none)
    nlohmann::json after;
    std::string created_at;
};

struct LogPage {
    long long total = 0;
    int page = 1;
    int per_page = 50;
    std::vector<LogEntry> entries;
};

class ModerationStore {
  public:
    explicit ModerationStore(PgPool& db) : db_(db) {}

    /// 404 `item_not_found` for an item the member cannot see; 409 `flag_exists` when the member
    /// already has an open flag on it. Returns the flag.
    Flag create_flag(const User& reporter, const FlagInput& flag);
    /// Moderators: closes an open flag without acting on its item (logged); 409 `flag_not_open`.
    Flag dismiss_flag(const User& moderator, long long flag_id);
    /// Pending resources, open flags grouped by item, the most frequent searches that found
    /// nothing, extraction failures.
    ModerationQueue queue();
    LogPage log(const LogQuery& query);

  private:
    PgPool& db_;
};

}  // namespace kb
