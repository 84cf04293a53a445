/// @brief Request counters and latency histograms by route pattern, in Prometheus text format.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace kb::http {

/// Thread-safe; recorded by the server once per answered request. Routes are the route table's
/// patterns ("/api/v1/threads/:id"), never raw paths, so the label set stays small.
class RequestMetrics {
  public:
    static constexpr std::array<double, 13> kBuckets = {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0};

    void record(const std::string& route, const std::string& method, int status, double seconds);

    /// kb_http_requests_total and kb_http_request_duration_seconds, with HELP and TYPE lines.
    [[nodiscard]] std::string render() const;

  private:
    struct Latency {
        std::array<long long, kBuckets.size()> buckets{};  // cumulative at render time
        long long count = 0;
        double sum = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, long long> requests_;
    std::map<std::string, Latency> latency_;
};

/// Appends one metric (HELP, TYPE, one sample without labels) in Prometheus text format.
void append_metric(std::string& out, const std::string& name, const std::string& type,
                   const std::string& help, double value);

/// A label value escaped for the text format (backslash, double quote, newline).
std::string metric_label(const std::string& value);

}  // namespace kb::http
