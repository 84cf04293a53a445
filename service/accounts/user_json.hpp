/// @brief Account values as the API's JSON: profiles, the experts directory, post authors.
#pragma once

#include "accounts.hpp"
#include "user_store.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace kb {

nlohmann::json author_json(const Author& author);
nlohmann::json profile_json(const Profile& profile);
/// {"experts": [...]}; contact_email only when the expert opted in (the store leaves it out).
nlohmann::json experts_json(const std::vector<Expert>& experts);

}  // namespace kb
