/// @brief The search API's calls and answer readings used by several test files.
#include "search_helpers.hpp"

#include "api_assertions.hpp"
#include "http_client.hpp"

#include <algorithm>

namespace kb::test {

namespace {

std::vector<std::string> result_field(const nlohmann::json& answer, const char* field) {
    std::vector<std::string> out;
    if (!answer.is_object() || !answer.contains("results")) return out;
    for (const auto& r : answer["results"]) out.push_back(r.value(field, ""));
    return out;
}

}  // namespace

nlohmann::json search_get(int port, const std::string& params) {
    const std::string target = "/api/v1/search?" + params;
    return expect_json(http_request(port, "GET", target), 200, "GET " + target);
}

nlohmann::json search_text(int port, const std::string& text, const std::string& more_params) {
    return search_get(port,
                      "q=" + url_encode(text) + (more_params.empty() ? "" : "&" + more_params));
}

std::vector<std::string> result_slugs(const nlohmann::json& answer) {
    return result_field(answer, "slug");
}

std::vector<std::string> result_ids(const nlohmann::json& answer) {
    return result_field(answer, "id");
}

bool search_finds(int port, const std::string& params, const std::string& id) {
    const std::vector<std::string> ids = result_ids(search_get(port, params));
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace kb::test
