/// @brief The HTTP server: Pistache behind a narrow interface (its headers stay in server.cpp).
#pragma once

#include "request_metrics.hpp"

#include "router.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kb::http {

struct ServerSettings {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;  ///< 0: the OS picks one, read it back with port()
    int threads = 4;
    std::size_t max_body_bytes = 1024 * 1024;
    bool access_log = true;
    std::vector<std::string> cors_origins;  ///< browser origins allowed to call the API (CORS)
    RequestMetrics* metrics = nullptr;      ///< where each answered request is counted, if anywhere
    /// Called with every problem+json answer before it is sent: the pages turn theirs into an
    /// HTML error page. Must not throw.
    std::function<void(const Request&, Response&)> present_error;
};

class Server {
  public:
    Server(const Router& router, ServerSettings settings);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Binds and starts serving on background threads.
    void start();
    [[nodiscard]] std::uint16_t port() const;
    /// From now on new requests get 503 (Connection: close); in-flight ones finish.
    void begin_drain();
    /// Waits until no request is in flight; false on timeout.
    bool wait_idle(std::chrono::milliseconds timeout);
    void shutdown();

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace kb::http
