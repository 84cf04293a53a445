/// @brief The checks of a profile change (PUT /api/v1/me/profile and the /compte form alike).
#pragma once

#include "user_store.hpp"

#include <nlohmann/json.hpp>

namespace kb {

/// Reads and checks the fields of body (each optional; null or "" clears it, except
/// display_name: 400 `empty_field`); 400 `invalid_parameter`, `invalid_email`, `invalid_tag`,
/// `invalid_field_type` on a bad value.
ProfileInput profile_input_from_json(const nlohmann::json& body);

}  // namespace kb
