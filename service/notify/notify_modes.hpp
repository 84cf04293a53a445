/// @brief How a member wants to hear of questions and answers: the `users.notify_mode` values.
#pragma once

#include <string>
#include <vector>

namespace kb {

inline constexpr const char* kNotifyImmediate = "immediate";  ///< one mail per event
inline constexpr const char* kNotifyDaily = "daily";  ///< questions grouped in a daily digest
inline constexpr const char* kNotifyNone = "none";    ///< nothing at all

/// immediate, daily, none: the check of schema/0015_notifications.sql.
const std::vector<std::string>& notify_modes();

}  // namespace kb
