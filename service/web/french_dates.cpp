/// @brief french_date: the UTC calendar day of an instant with the French month name.
#include "french_dates.hpp"

#include <chrono>

namespace kb::web {

std::string french_date(Timestamp instant) {
    static const char* const months[] = {"janvier",   "février", "mars",     "avril",
                                         "mai",       "juin",    "juillet",  "août",
                                         "septembre", "octobre", "novembre", "décembre"};
    const std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(instant)};
    return std::to_string(static_cast<unsigned>(day.day())) + " " +
           months[static_cast<unsigned>(day.month()) - 1] + " " +
           std::to_string(static_cast<int>(day.year()));
}

std::string french_date(const std::string& iso_text) {
    auto instant = parse_timestamp(iso_text);
    return instant ? french_date(*instant) : iso_text;
}

}  // namespace kb::web
