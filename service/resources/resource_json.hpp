/// @brief Resources as JSON: the API's view, and the snapshot kept for each previous version.
#pragma once

#include "resource_types.hpp"

#include <nlohmann/json.hpp>

namespace kb {

/// The API view. Moderators also see the hidden flag and the extraction error.
nlohmann::json resource_json(const Resource& resource, bool moderator_view);
/// The short form of listings.
nlohmann::json resource_summary_json(const Resource& resource);
nlohmann::json version_json(const ResourceVersion& version);

/// A previous version's snapshot (fields and file) and back.
nlohmann::json snapshot_json(const ResourceFields& fields, const std::optional<StoredFile>& file);
void read_snapshot(const nlohmann::json& snapshot, ResourceFields& fields,
                   std::optional<StoredFile>& file);

}  // namespace kb
