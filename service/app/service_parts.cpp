/// @brief ServiceParts: the configuration turned into parts, in dependency order.
#include "service_parts.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace kb {

namespace {

std::unique_ptr<Mailer> mailer_for(const ServiceConfig& config) {
    if (config.smtp_url.empty()) {
        // Development mode: nothing leaves the machine; say so where operators look.
        const nlohmann::json line = {
            {"level", "warn"},
            {"event", "mail_spool"},
            {"detail", "development mode: no --smtp-url, notifications written as .eml files"},
            {"dir", config.mail_spool_dir}};
        std::cerr << line.dump() + "\n" << std::flush;
    }
    return make_mailer(config.smtp_url, config.mail_from, config.mail_spool_dir,
                       std::chrono::milliseconds(config.smtp_timeout_ms));
}

}  // namespace

http::RateLimit ServiceParts::budget(const ServiceConfig& config, http::RateLimit limit) {
    // --rate-limits false lifts the request budgets (an unlimited budget lets everything through).
    return config.rate_limits ? limit : http::RateLimit{};
}

ServiceParts::ServiceParts(const ServiceConfig& config)
    : pool_(config.database_url, static_cast<std::size_t>(config.db_pool_size)),
      readers_{IndexLocation(config.index_dir)},
      cache_(static_cast<std::size_t>(config.search_cache_mb) * 1024 * 1024),
      search_(readers_, cache_,
              SearchTuning{.bm25_k1 = config.bm25_k1,
                           .bm25_b = config.bm25_b,
                           .synonym_weight = config.synonym_weight,
                           .title_weight = config.title_weight,
                           .pair_weight = config.pair_weight,
                           .facet_exact_limit = config.facet_exact_limit,
                           .deadline = std::chrono::milliseconds(config.search_deadline_ms)}),
      qa_(pool_, RoutingPolicy{.max_experts = config.notify_max_experts}),
      users_(pool_),
      pulse_(pool_),
      outbox_(config.database_url, IndexLocation(config.index_dir),
              std::chrono::milliseconds(config.test_outbox_delay_ms)),
      notifier_(
          pool_, mailer_for(config),
          SenderSettings{.base_url = config.public_url,
                         .digest_hour = config.digest_hour,
                         .retry_base = std::chrono::milliseconds(config.notify_retry_base_ms),
                         .test_delay = std::chrono::milliseconds(config.test_notify_delay_ms)}),
      forum_settings_(config.forum),
      forum_store_(pool_),
      forum_worker_(pool_, forum_settings_, forum_store_),
      search_budget_(budget(config, http::RateLimit::per_minute(config.rate_search_per_min)),
                     http::RequestThrottle::Counts::every_request, {}),
      write_budget_(budget(config, http::RateLimit::per_minute(config.rate_write_per_min)),
                    http::RequestThrottle::Counts::every_request, {}),
      thread_budget_(budget(config, http::RateLimit::every(config.rate_thread_interval_s)),
                     http::RequestThrottle::Counts::successes, {.address = false, .token = true}),
      miss_cap_(http::RateLimit::per_hour(config.rate_misses_per_hour)),
      context_{
          .health = {pool_, readers_},
          .search = {pool_, search_, miss_cap_},
          .articles = {pool_, search_},
          .qa = {pool_, qa_, search_, outbox_, std::chrono::milliseconds(config.index_wait_ms)},
          .accounts = {pool_, users_},
          .throttles = {search_budget_, write_budget_, thread_budget_},
          .pulse = {pool_, pulse_},
          .metrics = {request_metrics_, cache_, readers_, pool_, notifier_.counters()},
          .forum = {pool_, forum_settings_, forum_store_, forum_worker_, search_}} {}

void ServiceParts::start_background() {
    outbox_.start();
    if (forum_settings_.webhooks_configured()) forum_worker_.start();
    notifier_.start();
}

void ServiceParts::stop_background() {
    notifier_.stop();
    forum_worker_.stop();
    outbox_.stop();
    pool_.close_all();
}

}  // namespace kb
