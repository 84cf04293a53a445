/// @brief The API's JSON of flags, the moderation queue and the moderation log.
#pragma once

#include "moderation_store.hpp"

#include <nlohmann/json.hpp>

namespace kb {

nlohmann::json flag_json(const Flag& flag);
nlohmann::json queue_json(const ModerationQueue& queue);
nlohmann::json log_json(const LogPage& page);

/// The API address of where a flagged item is read.
std::string place_url(const ItemPlace& place);

}  // namespace kb
