/// @brief A real SMTP server for the tests (tests/support/smtp_sink.py), and the messages it got.
#pragma once

#include "test_env.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <vector>

namespace kb::test {

/// Started in the constructor on 127.0.0.1 (port 0: chosen by the OS), stopped by stop() or the
/// destructor. Each received message: {mail_from, rcpt_tos, to, subject, text}, decoded.
class SmtpSink {
  public:
    explicit SmtpSink(const std::filesystem::path& message_dir, int port = 0);
    ~SmtpSink();
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    [[nodiscard]] int port() const { return port_; }
    [[nodiscard]] std::string url() const;
    void stop();

  private:
    TempDir dir_;
    int pid_ = -1;
    int port_ = 0;
};

/// Every message stored in message_dir so far, in arrival order.
std::vector<nlohmann::json> received_messages(const std::filesystem::path& message_dir);

}  // namespace kb::test
