/// @brief The forum's origin, derived from its configured base URL.
#include "forum_settings.hpp"

namespace kb {

std::string ForumSettings::origin() const {
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos) return url;
    const auto path_start = url.find('/', scheme_end + 3);
    return path_start == std::string::npos ? url : url.substr(0, path_start);
}

}  // namespace kb
