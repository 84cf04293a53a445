/// @brief Assertions on the API's answers shared by the HTTP tests: JSON bodies and RFC 9457
/// problem details.
#pragma once

#include "http_client.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace kb::test {

/// The body parsed as JSON; a discarded value (`is_discarded()`) when it is not JSON.
nlohmann::json json_body(const HttpResponse& r);

/// Expects `status` and a JSON body, and returns that body (discarded when it is not JSON).
/// `context` (the request, say) is added to the failure messages.
nlohmann::json expect_json(const HttpResponse& r, int status = 200,
                           const std::string& context = "");

/// Expects problem details: `status`, `application/problem+json`, and a body holding this stable
/// `code`, the same `status`, a `type`, a `title` and a `detail`.
void expect_problem(const HttpResponse& r, int status, const std::string& code,
                    const std::string& context = "");

}  // namespace kb::test
