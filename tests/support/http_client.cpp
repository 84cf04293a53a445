/// @brief Socket-level HTTP client: writes a request, reads status line, headers and a sized body.
#include "http_client.hpp"

#include "utf8.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

namespace kb::test {

namespace {

int connect_to(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    timeval timeout{30, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool send_all(int fd, const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
        ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

std::string build(const std::string& method, const std::string& target, const std::string& body,
                  const std::map<std::string, std::string>& headers, bool keep_alive) {
    std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    req += keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    bool has_type = false;
    for (const auto& [k, v] : headers) {
        req += k + ": " + v + "\r\n";
        has_type = has_type || lower(k) == "content-type";
    }
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        if (!has_type) req += "Content-Type: application/json\r\n";
        req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    return req + "\r\n" + body;
}

// Reads one response from fd, using and refilling buffer. status 0 on failure.
HttpResponse read_response(int fd, std::string& buffer, bool head) {
    HttpResponse r;
    char chunk[65536];
    auto fill = [&]() {
        ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) return false;
        buffer.append(chunk, static_cast<std::size_t>(n));
        return true;
    };
    std::size_t end;
    while ((end = buffer.find("\r\n\r\n")) == std::string::npos) {
        if (!fill()) return r;
    }
    std::string head_text = buffer.substr(0, end);
    buffer.erase(0, end + 4);
    std::size_t line_end = head_text.find("\r\n");
    std::string status_line = head_text.substr(0, line_end);
    std::size_t sp = status_line.find(' ');
    if (sp == std::string::npos) return r;
    int status = std::atoi(status_line.c_str() + sp + 1);
    std::size_t pos = line_end == std::string::npos ? head_text.size() : line_end + 2;
    while (pos < head_text.size()) {
        std::size_t next = head_text.find("\r\n", pos);
        if (next == std::string::npos) next = head_text.size();
        std::string line = head_text.substr(pos, next - pos);
        std::size_t colon = line.find(':');
        if (colon != std::string::npos) {
            std::string value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            r.headers[lower(line.substr(0, colon))] = value;
        }
        pos = next + 2;
    }
    std::size_t length = 0;
    if (auto it = r.headers.find("content-length"); it != r.headers.end())
        length = std::stoul(it->second);
    if (head) length = 0;
    while (buffer.size() < length) {
        if (!fill()) return r;
    }
    r.body = buffer.substr(0, length);
    buffer.erase(0, length);
    r.status = status;
    return r;
}

}  // namespace

std::string HttpResponse::header(const std::string& name) const {
    auto it = headers.find(lower(name));
    return it == headers.end() ? "" : it->second;
}

HttpResponse http_request(int port, const std::string& method, const std::string& target,
                          const std::string& body,
                          const std::map<std::string, std::string>& headers) {
    int fd = connect_to(port);
    if (fd < 0) return {};
    HttpResponse r;
    if (send_all(fd, build(method, target, body, headers, false))) {
        std::string buffer;
        r = read_response(fd, buffer, method == "HEAD");
    }
    ::close(fd);
    return r;
}

HttpConnection::HttpConnection(int port) : fd_(connect_to(port)) {}

HttpConnection::~HttpConnection() {
    if (fd_ >= 0) ::close(fd_);
}

HttpResponse HttpConnection::request(const std::string& method, const std::string& target,
                                     const std::string& body) {
    if (fd_ < 0) return {};
    if (!send_all(fd_, build(method, target, body, {}, true))) {
        ::close(fd_);
        fd_ = -1;
        return {};
    }
    HttpResponse r = read_response(fd_, buffer_, method == "HEAD");
    if (r.status == 0 || lower(r.header("connection")) == "close") {
        ::close(fd_);
        fd_ = -1;
    }
    return r;
}

RawConnection::RawConnection(int port) : fd_(connect_to(port)) {}

RawConnection::~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
}

HttpResponse RawConnection::exchange(const std::string& bytes, bool head) {
    if (fd_ < 0 || !send_all(fd_, bytes)) return {};
    return read_response(fd_, buffer_, head);
}

bool RawConnection::send(const std::string& bytes) {
    return fd_ >= 0 && send_all(fd_, bytes);
}

HttpResponse RawConnection::read(bool head) {
    if (fd_ < 0) return {};
    return read_response(fd_, buffer_, head);
}

bool RawConnection::closed_by_server(int timeout_ms) {
    if (fd_ < 0) return true;
    timeval timeout{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    char byte;
    // Only an orderly end of stream counts; a time-out means the connection is still open.
    return buffer_.empty() && ::recv(fd_, &byte, 1, 0) == 0;
}

std::string url_encode(const std::string& text) {
    return percent_encode(text);
}

}  // namespace kb::test
