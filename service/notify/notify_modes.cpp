/// @brief The notify_mode vocabulary.
#include "notify_modes.hpp"

namespace kb {

const std::vector<std::string>& notify_modes() {
    static const std::vector<std::string> modes{kNotifyImmediate, kNotifyDaily, kNotifyNone};
    return modes;
}

}  // namespace kb
