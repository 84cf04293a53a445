/// @brief Calls of the search API and readings of its answers, shared by the HTTP tests.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace kb::test {

/// GET /api/v1/search?<params> (params already encoded); expects 200 and returns the answer.
nlohmann::json search_get(int port, const std::string& params);

/// Searches for text (URL-encoded here), with more_params (`kind=guide&per_page=50`) when given.
nlohmann::json search_text(int port, const std::string& text, const std::string& more_params = "");

/// The `slug` of each result, in the answer's order.
std::vector<std::string> result_slugs(const nlohmann::json& answer);

/// The `id` of each result (`article:<slug>`, `thread:<id>`), in the answer's order.
std::vector<std::string> result_ids(const nlohmann::json& answer);

/// Whether GET /api/v1/search?<params> lists the document with this id now.
bool search_finds(int port, const std::string& params, const std::string& id);

}  // namespace kb::test
