/// @brief What the pages need: the capabilities' contexts (the same stores the API uses) and
/// the web's own parts (templates, static files, sessions, mail, secrets).
#pragma once

#include "article_handlers.hpp"
#include "forum_handlers.hpp"
#include "mailer.hpp"
#include "moderation_handlers.hpp"
#include "pulse_handlers.hpp"
#include "qa_handlers.hpp"
#include "rate_limiter.hpp"
#include "resource_handlers.hpp"
#include "search_handlers.hpp"
#include "session_store.hpp"
#include "static_assets.hpp"
#include "tag_handlers.hpp"
#include "templates.hpp"
#include "user_handlers.hpp"

#include <chrono>
#include <mutex>
#include <string>

namespace kb::web {

/// The base of the links sent by mail (never taken from the Host header, which a caller
/// chooses): configured, or the bound address once the server listens.
class PublicUrl {
  public:
    [[nodiscard]] std::string get() const {
        std::lock_guard lock(mutex_);
        return url_;
    }
    void set(std::string url) {
        std::lock_guard lock(mutex_);
        url_ = std::move(url);
    }

  private:
    mutable std::mutex mutex_;
    std::string url_;
};

struct WebSettings {
    bool secure_cookies = false;  ///< cookies marked Secure (served over HTTPS)
    std::chrono::seconds link_ttl{15 * 60};
    std::chrono::seconds session_ttl{30 * 24 * 3600};
    bool development_mail = false;  ///< no SMTP server: links are also printed in the log
};

/// A mailer shared by request threads (the SMTP and spool mailers are not thread-safe).
class SharedMailer {
  public:
    explicit SharedMailer(std::unique_ptr<Mailer> mailer) : mailer_(std::move(mailer)) {}
    void send(const MailMessage& message) {
        std::lock_guard lock(mutex_);
        mailer_->send(message);
    }

  private:
    std::mutex mutex_;
    std::unique_ptr<Mailer> mailer_;
};

struct WebContext {
    Templates& templates;
    StaticAssets& assets;
    SessionStore& sessions;
    SharedMailer& mailer;
    const std::string& secret;  ///< signs CSRF tokens
    PublicUrl& public_url;
    WebSettings settings;
    http::RateLimiter& links_per_email;
    http::RateLimiter& links_per_address;
    SearchContext search;
    ArticleContext articles;
    QaContext qa;
    AccountContext accounts;
    ResourceContext resources;
    TagContext tags;
    ModerationContext moderation;
    PulseContext pulse;
    ForumContext forum;
};

}  // namespace kb::web
