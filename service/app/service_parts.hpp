/// @brief Every long-lived part of the service, built once from the configuration, and the
/// per-capability contexts the route table hands out: main and the route-table test share it.
#pragma once

#include "app_context.hpp"
#include "notification_sender.hpp"
#include "service_config.hpp"
#include "session_store.hpp"
#include "static_assets.hpp"
#include "templates.hpp"

namespace kb {

/// Builds nothing that connects: the pool connects lazily, the index opens on the first search,
/// and the outbox writer runs only once start_background() is called.
class ServiceParts {
  public:
    explicit ServiceParts(const ServiceConfig& config);
    ServiceParts(const ServiceParts&) = delete;
    ServiceParts& operator=(const ServiceParts&) = delete;

    /// Seeds the tag vocabulary, removes the files a crash left without a row, starts the outbox
    /// writer (which first replays what a previous process committed but did not index), the
    /// text extraction worker, the notification sender (which first sends what is still pending)
    /// and the forum's worker when webhooks are configured (it takes up the deliveries a previous
    /// process left unprocessed).
    void start_background();
    /// Stops them (the writer after indexing what was committed so far); then closes the pool.
    void stop_background();

    [[nodiscard]] AppContext& context() { return context_; }
    /// What the HTTP server records each answered request into, for GET /metrics.
    [[nodiscard]] http::RequestMetrics& request_metrics() { return request_metrics_; }
    /// The base of the links in messages when none is configured: the address the server is
    /// bound to (known once it listens).
    void listening_on(const std::string& address, std::uint16_t port);
    /// Notifications sent and failed, for the metrics.
    [[nodiscard]] const NotifyCounters& notify_counters() const { return notifier_.counters(); }

  private:
    /// kb-extract: as configured, else the one built beside this binary.
    static std::string extractor_path(const ServiceConfig& config);
    static http::RateLimit budget(const ServiceConfig& config, http::RateLimit limit);
    static web::StaticAssets load_assets(const ServiceConfig& config);
    static Lexicon load_lexicon(const ServiceConfig& config);

    PgPool pool_;
    IndexReaders readers_;
    CommitLog commits_;
    ResultCache cache_;
    Lexicon lexicon_;
    SearchEngine search_;
    QaStore qa_;
    UserStore users_;
    PulseStore pulse_;
    OutboxWriter outbox_;
    NotificationSender notifier_;
    ForumSettings forum_settings_;
    ForumStore forum_store_;
    ForumWorker forum_worker_;
    ResourceStore resources_;
    TagStore tags_;
    ModerationStore moderation_;
    FileStore files_;
    ExtractionWorker extraction_;
    http::RequestThrottle search_budget_;
    http::RequestThrottle write_budget_;
    http::RequestThrottle thread_budget_;
    http::RateLimiter miss_cap_;
    http::RequestMetrics request_metrics_;
    bool public_url_configured_;
    web::Templates templates_;
    web::StaticAssets assets_;
    web::SessionStore sessions_;
    web::SharedMailer web_mailer_;
    std::string secret_;
    web::PublicUrl public_url_;
    http::RateLimiter links_per_email_;
    http::RateLimiter links_per_address_;
    AppContext context_;
};

}  // namespace kb
