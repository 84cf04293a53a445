/// @brief Checks a real HTTP answer against what the OpenAPI document declares for its route.
#pragma once

#include "http_client.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace kb::test {

/// Everything wrong with answer as the document's answer of operation (method, path template as
/// in the document, e.g. "/api/v1/threads/{id}"): a status declared neither by itself nor by
/// `default`, an undeclared media type, a missing required header or header value off its schema,
/// a body that is not JSON or breaks the declared schema. Empty when the answer is as documented.
/// Throws std::invalid_argument when the document has no such operation.
std::vector<std::string> answer_errors(const nlohmann::json& document, const std::string& method,
                                       const std::string& path, const HttpResponse& answer);

/// The (upper-case method, path template) of every operation of the document.
std::vector<std::pair<std::string, std::string>> document_operations(
    const nlohmann::json& document);

}  // namespace kb::test
