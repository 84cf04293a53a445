/// @brief RequestMetrics: counts by route, method and status; cumulative histogram buckets.
#include "request_metrics.hpp"

#include <gtest/gtest.h>

namespace kb::http {
namespace {

bool has_line(const std::string& text, const std::string& line) {
    return text.find("\n" + line + "\n") != std::string::npos;
}

TEST(RequestMetrics, CountsByRouteMethodAndStatusWithCumulativeBuckets) {
    RequestMetrics m;
    m.record("/api/v1/threads/:id", "GET", 200, 0.0008);
    m.record("/api/v1/threads/:id", "GET", 200, 0.003);
    m.record("/api/v1/threads/:id", "GET", 404, 0.2);
    m.record("/api/v1/search", "POST", 400, 7.0);  // beyond the last bucket
    const std::string text = m.render();
    EXPECT_TRUE(has_line(
        text,
        R"(kb_http_requests_total{route="/api/v1/threads/:id",method="GET",status="200"} 2)"));
    EXPECT_TRUE(has_line(
        text,
        R"(kb_http_requests_total{route="/api/v1/threads/:id",method="GET",status="404"} 1)"));
    EXPECT_TRUE(has_line(
        text,
        R"(kb_http_request_duration_seconds_bucket{route="/api/v1/threads/:id",le="0.0005"} 0)"));
    EXPECT_TRUE(has_line(
        text,
        R"(kb_http_request_duration_seconds_bucket{route="/api/v1/threads/:id",le="0.001"} 1)"));
    EXPECT_TRUE(has_line(
        text,
        R"(kb_http_request_duration_seconds_bucket{route="/api/v1/threads/:id",le="0.005"} 2)"));
    EXPECT_TRUE(has_line(
        text,
        R"(kb_http_request_duration_seconds_bucket{route="/api/v1/threads/:id",le="0.25"} 3)"));
    EXPECT_TRUE(
        has_line(text, R"(kb_http_request_duration_seconds_count{route="/api/v1/threads/:id"} 3)"));
    EXPECT_TRUE(has_line(
        text, R"(kb_http_request_duration_seconds_bucket{route="/api/v1/search",le="5"} 0)"));
    EXPECT_TRUE(has_line(
        text, R"(kb_http_request_duration_seconds_bucket{route="/api/v1/search",le="+Inf"} 1)"));
    EXPECT_EQ(text.find("# TYPE kb_http_request_duration_seconds histogram\n") != std::string::npos,
              true);
}

TEST(RequestMetrics, LabelValuesAreEscaped) {
    EXPECT_EQ(metric_label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
}

}  // namespace
}  // namespace kb::http
