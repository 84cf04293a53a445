/// @brief A small HTTP server inside a test process (127.0.0.1, port 0) that plays a remote
/// API: each request's target goes to a handler that chooses the reply.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kb::test {

struct FixtureReply {
    int status = 200;
    std::string body;
    std::map<std::string, std::string> headers;
    std::chrono::milliseconds delay{0};  ///< wait before answering (a slow server)
};

struct FixtureRequest {
    std::string target;                          ///< path and query, as sent
    std::map<std::string, std::string> headers;  ///< lower-case names
};

/// Serves one connection at a time until destroyed.
class FixtureServer {
  public:
    using Handler = std::function<FixtureReply(const FixtureRequest&)>;
    explicit FixtureServer(Handler handler);
    ~FixtureServer();
    FixtureServer(const FixtureServer&) = delete;
    FixtureServer& operator=(const FixtureServer&) = delete;

    [[nodiscard]] int port() const { return port_; }
    [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    /// Every request received so far, in order.
    [[nodiscard]] std::vector<FixtureRequest> requests() const;
    /// How many requests had this target.
    [[nodiscard]] std::size_t count(const std::string& target) const;

  private:
    void serve();
    void answer(int fd);

    Handler handler_;
    int listen_fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    mutable std::mutex mutex_;
    std::vector<FixtureRequest> requests_;
    std::thread thread_;
};

}  // namespace kb::test
