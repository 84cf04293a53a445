/// @brief A minimal blocking HTTP/1.1 client over TCP for black-box tests of the real server.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace kb::test {

struct HttpResponse {
    int status = 0;  ///< 0 when the connection failed or the answer was incomplete
    std::map<std::string, std::string> headers;  ///< lower-case names
    std::string body;
    [[nodiscard]] std::string header(const std::string& name) const;
};

/// One request on a fresh connection (Connection: close).
HttpResponse http_request(int port, const std::string& method, const std::string& target,
                          const std::string& body = "",
                          const std::map<std::string, std::string>& headers = {});

/// A keep-alive connection for sending many requests.
class HttpConnection {
  public:
    explicit HttpConnection(int port);
    ~HttpConnection();
    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;
    /// status 0 when the connection broke (closed by the server, reset, incomplete answer).
    HttpResponse request(const std::string& method, const std::string& target,
                         const std::string& body = "");
    [[nodiscard]] bool open() const { return fd_ >= 0; }

  private:
    int fd_ = -1;
    std::string buffer_;
};

/// A connection on which a test writes exact bytes (request lines, versions and methods the other
/// clients would not send) and reads the answers.
class RawConnection {
  public:
    explicit RawConnection(int port);
    ~RawConnection();
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;
    /// Sends bytes and reads one answer (no body read for a HEAD answer); status 0 on failure.
    HttpResponse exchange(const std::string& bytes, bool head = false);
    /// Sends bytes without reading (a client that does not wait for the answer before going on).
    bool send(const std::string& bytes);
    /// Reads the next answer; status 0 on failure.
    HttpResponse read(bool head = false);
    /// True when the server closes the connection (end of stream) within timeout_ms.
    bool closed_by_server(int timeout_ms = 2000);

  private:
    int fd_ = -1;
    std::string buffer_;
};

/// Percent-encodes a query value (UTF-8 bytes kept as %XX).
std::string url_encode(const std::string& text);

}  // namespace kb::test
