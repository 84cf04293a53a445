/// @brief ServiceParts: the configuration turned into parts, in dependency order.
#include "service_parts.hpp"

#include "web_crypto.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>
#include <stdexcept>

namespace kb {

namespace {

// A start-up warning, as one JSON line on stderr where operators look.
void warn(const std::string& event, const std::string& detail, const std::string& key,
          const std::string& value) {
    const nlohmann::json line = {
        {"level", "warn"}, {"event", event}, {"detail", detail}, {key, value}};
    std::cerr << line.dump() + "\n" << std::flush;
}

std::unique_ptr<Mailer> mailer_for(const ServiceConfig& config) {
    // Development mode: nothing leaves the machine.
    if (config.smtp_url.empty())
        warn("mail_spool", "development mode: no --smtp-url, notifications written as .eml files",
             "dir", config.mail_spool_dir);
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
      cache_(static_cast<std::size_t>(config.search_cache_mb) * 1024 * 1024, &commits_),
      lexicon_(load_lexicon(config)),
      search_(readers_, cache_, lexicon_,
              SearchTuning{.bm25_k1 = config.bm25_k1,
                           .bm25_b = config.bm25_b,
                           .synonym_weight = config.synonym_weight,
                           .title_weight = config.title_weight,
                           .pair_weight = config.pair_weight,
                           .drop_common_words = config.drop_common_words,
                           .exact_counts = config.exact_counts,
                           .own_ranker = config.own_ranker,
                           .facet_exact_limit = config.facet_exact_limit,
                           .deadline = std::chrono::milliseconds(config.search_deadline_ms),
                           .citations = {.weight = config.citation_weight}}),
      qa_(pool_, RoutingPolicy{.max_experts = config.notify_max_experts}),
      users_(pool_),
      pulse_(pool_),
      outbox_(config.database_url, IndexLocation(config.index_dir),
              std::chrono::milliseconds(config.test_outbox_delay_ms), &commits_),
      notifier_(
          pool_, mailer_for(config),
          SenderSettings{.base_url = config.public_url,
                         .digest_hour = config.digest_hour,
                         .retry_base = std::chrono::milliseconds(config.notify_retry_base_ms),
                         .test_delay = std::chrono::milliseconds(config.test_notify_delay_ms)}),
      forum_settings_(config.forum),
      forum_store_(pool_, RoutingPolicy{.max_experts = config.notify_max_experts}),
      forum_worker_(pool_, forum_settings_, forum_store_),
      resources_(pool_),
      tags_(pool_, config.lexicon),
      moderation_(pool_),
      files_(std::filesystem::path(config.data_dir) / "files"),
      extraction_(
          resources_, files_,
          ExtractionSettings{
              .program = extractor_path(config),
              .timeout = std::chrono::milliseconds(config.extract_timeout_ms),
              .memory_bytes = static_cast<std::size_t>(config.extract_memory_mb) * 1024 * 1024}),
      search_budget_(budget(config, http::RateLimit::per_minute(config.rate_search_per_min)),
                     http::RequestThrottle::Counts::every_request, {}),
      write_budget_(budget(config, http::RateLimit::per_minute(config.rate_write_per_min)),
                    http::RequestThrottle::Counts::every_request, {}),
      thread_budget_(budget(config, http::RateLimit::every(config.rate_thread_interval_s)),
                     http::RequestThrottle::Counts::successes, {.address = false, .token = true}),
      miss_cap_(http::RateLimit::per_hour(config.rate_misses_per_hour)),
      public_url_configured_(!config.public_url.empty()),
      templates_(config.templates_dir),
      assets_(load_assets(config)),
      sessions_(pool_),
      web_mailer_(make_mailer(config.smtp_url, config.mail_from, config.mail_spool_dir,
                              std::chrono::milliseconds(config.smtp_timeout_ms))),
      secret_(web::load_or_create_secret(std::filesystem::path(config.data_dir) / "web-secret")),
      links_per_email_(budget(config, http::RateLimit::per_hour(config.rate_sign_in_per_hour))),
      links_per_address_(
          budget(config, http::RateLimit::per_hour(config.rate_sign_in_address_per_hour))),
      context_{
          .health = {pool_, readers_},
          .search = {pool_, search_, miss_cap_},
          .articles = {pool_, search_},
          .qa = {pool_, qa_, search_, outbox_, std::chrono::milliseconds(config.index_wait_ms),
                 tags_},
          .accounts = {pool_, users_},
          .throttles = {search_budget_, write_budget_, thread_budget_},
          .pulse = {pool_, pulse_},
          .metrics = {request_metrics_, cache_, readers_, pool_, notifier_.counters()},
          .forum = {pool_, forum_settings_, forum_store_, forum_worker_, search_},
          .resources = {pool_, resources_, tags_, files_, outbox_, extraction_,
                        ResourceSettings{
                            .max_file_bytes = config.max_file_bytes,
                            .index_wait = std::chrono::milliseconds(config.index_wait_ms),
                            .file_commit_delay =
                                std::chrono::milliseconds(config.test_file_commit_delay_ms)}},
          .tags = {pool_, tags_, outbox_, std::chrono::milliseconds(config.index_wait_ms)},
          .moderation = {pool_, moderation_},
          .web = {.templates = templates_,
                  .assets = assets_,
                  .sessions = sessions_,
                  .mailer = web_mailer_,
                  .secret = secret_,
                  .public_url = public_url_,
                  .settings = {.secure_cookies = config.secure_cookies,
                               .link_ttl = std::chrono::minutes(config.sign_in_link_minutes),
                               .session_ttl = std::chrono::hours(24 * config.session_days),
                               .development_mail = config.smtp_url.empty()},
                  .links_per_email = links_per_email_,
                  .links_per_address = links_per_address_,
                  .search = {pool_, search_, miss_cap_},
                  .articles = {pool_, search_},
                  .qa = {pool_, qa_, search_, outbox_,
                         std::chrono::milliseconds(config.index_wait_ms), tags_},
                  .accounts = {pool_, users_},
                  .resources = {pool_, resources_, tags_, files_, outbox_, extraction_,
                                ResourceSettings{
                                    .max_file_bytes = config.max_file_bytes,
                                    .index_wait = std::chrono::milliseconds(config.index_wait_ms),
                                    .file_commit_delay = std::chrono::milliseconds(
                                        config.test_file_commit_delay_ms)}},
                  .tags = {pool_, tags_, outbox_, std::chrono::milliseconds(config.index_wait_ms)},
                  .moderation = {pool_, moderation_},
                  .pulse = {pool_, pulse_},
                  .forum = {pool_, forum_settings_, forum_store_, forum_worker_, search_}}} {
    public_url_.set(config.public_url);
}

Lexicon ServiceParts::load_lexicon(const ServiceConfig& config) {
    if (config.lexicon.empty()) return Lexicon();
    // The default word list comes from a Debian package (deploy/ installs it): without it the
    // service still runs, and says what its spelling lacks.
    if (config.lexicon == kDefaultLexicon && !std::filesystem::exists(config.lexicon)) {
        warn("no_lexicon",
             "no word list: the spelling may correct real words absent from the index", "path",
             config.lexicon);
        return Lexicon();
    }
    try {
        return Lexicon::load(config.lexicon);
    } catch (const std::runtime_error& e) {
        throw std::runtime_error(std::string("option --lexicon: ") + e.what());
    }
}

web::StaticAssets ServiceParts::load_assets(const ServiceConfig& config) {
    web::StaticAssets assets;
    assets.mount("dsfr", config.dsfr_dir);
    assets.mount("app", config.static_dir);
    return assets;
}

void ServiceParts::listening_on(const std::string& address, std::uint16_t port) {
    if (public_url_configured_) return;
    const std::string host = address.find(':') != std::string::npos ? "[" + address + "]"
                             : address == "0.0.0.0"                 ? "127.0.0.1"
                                                                    : address;
    const std::string url = "http://" + host + ":" + std::to_string(port);
    public_url_.set(url);
    notifier_.set_base_url(url);
}

std::string ServiceParts::extractor_path(const ServiceConfig& config) {
    if (!config.extractor.empty()) return config.extractor;
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? "kb-extract" : (self.parent_path() / "kb-extract").string();
}

void ServiceParts::start_background() {
    tags_.seed_from_content();
    // Files written just before a crash, whose rows were never committed, are never served;
    // they go before serving starts.
    const std::size_t orphans = files_.remove_unreferenced(resources_.referenced_files());
    if (orphans > 0) {
        std::cerr << http::dump_json({{"level", "info"},
                                      {"event", "orphan_files_removed"},
                                      {"count", orphans}}) +
                         "\n";
    }
    outbox_.start();
    extraction_.start();
    if (forum_settings_.webhooks_configured()) forum_worker_.start();
    notifier_.start();
}

void ServiceParts::stop_background() {
    notifier_.stop();
    forum_worker_.stop();
    extraction_.stop();
    outbox_.stop();
    pool_.close_all();
}

}  // namespace kb
