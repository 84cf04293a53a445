/// @brief RequestMetrics: a mutex around two small maps; rendering follows the text format 0.0.4.
#include "request_metrics.hpp"

#include <cmath>
#include <cstdio>

namespace kb::http {

namespace {

std::string number(double v) {
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.15g", v);
    return buffer;
}

}  // namespace

std::string metric_label(const std::string& value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

void append_metric(std::string& out, const std::string& name, const std::string& type,
                   const std::string& help, double value) {
    out += "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
    out += name + " " + number(value) + "\n";
}

void RequestMetrics::record(const std::string& route, const std::string& method, int status,
                            double seconds) {
    std::lock_guard lock(mutex_);
    ++requests_[{route, method, status}];
    Latency& l = latency_[route];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) {
            ++l.buckets[i];
            break;
        }
    }
    ++l.count;
    l.sum += seconds;
}

std::string RequestMetrics::render() const {
    std::lock_guard lock(mutex_);
    std::string out =
        "# HELP kb_http_requests_total HTTP requests answered, by route pattern, method and "
        "status.\n# TYPE kb_http_requests_total counter\n";
    for (const auto& [key, n] : requests_) {
        const auto& [route, method, status] = key;
        out += "kb_http_requests_total{route=\"" + metric_label(route) + "\",method=\"" +
               metric_label(method) + "\",status=\"" + std::to_string(status) + "\"} " +
               std::to_string(n) + "\n";
    }
    out +=
        "# HELP kb_http_request_duration_seconds Time from a request's arrival to its answer, by "
        "route pattern.\n# TYPE kb_http_request_duration_seconds histogram\n";
    for (const auto& [route, l] : latency_) {
        const std::string label = "route=\"" + metric_label(route) + "\"";
        long long cumulative = 0;
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            cumulative += l.buckets[i];
            out += "kb_http_request_duration_seconds_bucket{" + label + ",le=\"" +
                   number(kBuckets[i]) + "\"} " + std::to_string(cumulative) + "\n";
        }
        out += "kb_http_request_duration_seconds_bucket{" + label + ",le=\"+Inf\"} " +
               std::to_string(l.count) + "\n";
        out += "kb_http_request_duration_seconds_sum{" + label + "} " + number(l.sum) + "\n";
        out += "kb_http_request_duration_seconds_count{" + label + "} " + std::to_string(l.count) +
               "\n";
    }
    return out;
}

}  // namespace kb::http
