/// @brief Validation of resource bodies: lengths, closed vocabularies, http(s) links, types.
#pragma once

#include "resource_types.hpp"

#include <nlohmann/json.hpp>

namespace kb {

constexpr std::size_t kMaxResourceSummaryChars = 500;
constexpr std::size_t kMaxLinkChars = 2000;

/// The fields of a new resource (title and type required); tags are checked for form only, the
/// vocabulary resolves them. Each failure is a 400 with its own code.
ResourceFields resource_fields_from(const nlohmann::json& body);
/// The members present in an edit; 400 `empty_patch` when there are none.
ResourcePatch resource_patch_from(const nlohmann::json& body);

}  // namespace kb
