/// @brief A browser's part in HTTP tests of the pages: cookies kept across requests, the CSRF
/// token read from the last page, forms posted, and sign-in by magic link through a real SMTP sink.
#pragma once

#include "http_client.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace kb::test {

using FormFields = std::vector<std::pair<std::string, std::string>>;

class WebClient {
  public:
    explicit WebClient(int port) : port_(port) {}

    /// GET with the cookies held; keeps the cookies set and the page's CSRF token.
    HttpResponse get(const std::string& target);
    /// POST application/x-www-form-urlencoded; the `csrf` field is added (this client's token)
    /// unless with_csrf is false or fields already hold one.
    HttpResponse post_form(const std::string& target, FormFields fields, bool with_csrf = true);
    /// POST with a raw body and content type (multipart forms), cookies sent.
    HttpResponse post_raw(const std::string& target, const std::string& body,
                          const std::string& content_type);

    /// Signs in as email by the whole magic-link path: asks for a link, reads it from the SMTP
    /// sink's messages (message_dir), opens it and confirms (display_name for a new account).
    /// Returns the final answer (303 to back_to, or to the account page for a new member
    /// coming from the home page, when it worked).
    HttpResponse sign_in(const std::string& email, const std::string& display_name,
                         const std::filesystem::path& message_dir,
                         const std::string& back_to = "/");

    [[nodiscard]] std::string cookie(const std::string& name) const;
    void set_cookie(const std::string& name, const std::string& value) { cookies_[name] = value; }
    void forget_cookie(const std::string& name) { cookies_.erase(name); }
    [[nodiscard]] const std::string& csrf() const { return csrf_; }

  private:
    std::map<std::string, std::string> headers() const;
    void remember(const HttpResponse& response);

    int port_;
    std::map<std::string, std::string> cookies_;
    std::string csrf_;
};

/// The value of a hidden field `name` in an HTML page ("" when absent).
std::string hidden_field(const std::string& html, const std::string& name);

/// The path and query of the last sign-in link mailed to email (as the SMTP sink decoded it),
/// "" when none came within a few seconds.
std::string mailed_sign_in_link(const std::filesystem::path& message_dir, const std::string& email);

}  // namespace kb::test
