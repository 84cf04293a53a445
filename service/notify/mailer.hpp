/// @brief Sending one mail: over SMTP with libcurl, or into a spool folder (development mode).
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

namespace kb {

struct MailMessage {
    std::string to;
    std::string subject;  ///< UTF-8
    std::string text;     ///< UTF-8 plain text, lines separated by '\n'
};

/// A delivery that did not happen (server down, refused, timed out): the caller retries later.
class MailError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class Mailer {
  public:
    virtual ~Mailer() = default;
    /// Throws MailError when the message was not accepted.
    virtual void send(const MailMessage& message) = 0;
};

/// The RFC 5322 text of a message: UTF-8 subject encoded per RFC 2047, base64 body, CRLF lines.
std::string render_message(const std::string& from, const MailMessage& message);

/// libcurl SMTP to url (smtp://host:port), STARTTLS when the server offers it. Expects
/// curl_global_init to have been called (main does, before any thread).
class SmtpMailer : public Mailer {
  public:
    SmtpMailer(std::string url, std::string from, std::chrono::milliseconds timeout);
    void send(const MailMessage& message) override;

  private:
    std::string url_;
    std::string from_;
    std::chrono::milliseconds timeout_;
};

/// Writes each message as a .eml file in a folder (no SMTP server configured).
class SpoolMailer : public Mailer {
  public:
    SpoolMailer(std::filesystem::path dir, std::string from);
    void send(const MailMessage& message) override;

  private:
    std::filesystem::path dir_;
    std::string from_;
};

/// SmtpMailer when smtp_url is set, else SpoolMailer on spool_dir.
std::unique_ptr<Mailer> make_mailer(const std::string& smtp_url, const std::string& from,
                                    const std::filesystem::path& spool_dir,
                                    std::chrono::milliseconds timeout);

}  // namespace kb
