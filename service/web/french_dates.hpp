/// @brief Dates as French readers write them ("30 novembre 2026"), for pages.
#pragma once

#include "iso_time.hpp"

#include <string>

namespace kb::web {

/// "30 novembre 2026" (UTC day).
std::string french_date(Timestamp instant);
/// The same for an ISO 8601 text; the text itself when it is not one.
std::string french_date(const std::string& iso_text);

}  // namespace kb::web
