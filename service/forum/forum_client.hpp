/// @brief Reads the forum's JSON API with libcurl: API key headers, timeouts, retries with
/// backoff, and Discourse's rate limits (429 + Retry-After) respected.
#pragma once

#include "forum_settings.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <stdexcept>
#include <string>

namespace kb {

/// A failed read. transient: worth retrying later (timeout, connection refused, 5xx, 429);
/// otherwise the forum gave a definite answer (404, 403, a body that is not JSON).
class ForumError : public std::runtime_error {
  public:
    ForumError(const std::string& message, long status, bool transient,
               std::chrono::seconds retry_after = std::chrono::seconds(0))
        : std::runtime_error(message),
          status_(status),
          transient_(transient),
          retry_after_(retry_after) {}
    [[nodiscard]] long status() const { return status_; }  ///< 0 when no HTTP answer came
    [[nodiscard]] bool transient() const { return transient_; }
    [[nodiscard]] std::chrono::seconds retry_after() const { return retry_after_; }

  private:
    long status_;
    bool transient_;
    std::chrono::seconds retry_after_;
};

/// One client per thread (a curl handle is not shared). Call curl_global_init once in main.
class ForumClient {
  public:
    explicit ForumClient(const ForumSettings& settings, int attempts = 3);
    ForumClient(const ForumClient&) = delete;
    ForumClient& operator=(const ForumClient&) = delete;

    /// GETs path (e.g. "/t/12.json", resolved against the forum's URL) and parses the JSON.
    /// Transient failures are retried here a few times with a growing delay (a 429 waits its
    /// Retry-After when it is short); then ForumError is thrown.
    nlohmann::json get_json(const std::string& path);

  private:
    nlohmann::json get_once(const std::string& url);

    const ForumSettings& settings_;
    int attempts_;
};

}  // namespace kb
