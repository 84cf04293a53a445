/// @brief Checks of JSON answers and problem details, with the request named on failure.
#include "api_assertions.hpp"

#include <gtest/gtest.h>

namespace kb::test {

nlohmann::json json_body(const HttpResponse& r) {
    return nlohmann::json::parse(r.body, nullptr, false);
}

nlohmann::json expect_json(const HttpResponse& r, int status, const std::string& context) {
    EXPECT_EQ(r.status, status) << context << " -> " << r.body;
    nlohmann::json body = json_body(r);
    EXPECT_FALSE(body.is_discarded()) << context << " -> not JSON: " << r.body;
    return body;
}

void expect_problem(const HttpResponse& r, int status, const std::string& code,
                    const std::string& context) {
    EXPECT_EQ(r.status, status) << context << " -> " << r.body;
    EXPECT_EQ(r.header("content-type"), "application/problem+json") << context << " -> " << r.body;
    const nlohmann::json body = json_body(r);
    ASSERT_TRUE(body.is_object()) << context << " -> " << r.body;
    EXPECT_EQ(body.value("code", ""), code) << context << " -> " << r.body;
    EXPECT_EQ(body.value("status", 0), status) << context << " -> " << r.body;
    for (const char* member : {"type", "title", "detail"}) {
        EXPECT_TRUE(body.contains(member)) << context << ": no '" << member << "' in " << r.body;
    }
}

}  // namespace kb::test
