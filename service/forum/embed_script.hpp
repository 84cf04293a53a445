/// @brief The script a Discourse theme component includes to list our related content under a
/// topic (served at /embed/related.js).
#pragma once

#include <string_view>

namespace kb {

extern const std::string_view kEmbedScript;

}  // namespace kb
