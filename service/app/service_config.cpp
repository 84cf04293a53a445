/// @brief Declares every service option once and validates the values.
#include "service_config.hpp"

#include "cors.hpp"
#include "options.hpp"
#include "text_lists.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>

namespace kb {

namespace {

// KB_FORUM_* = value lines (blank lines and # comments skipped). Values are never echoed.
std::map<std::string, std::string> read_secrets_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw ConfigError("cannot read the forum secrets file " + path);
    std::map<std::string, std::string> values;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        line = trim(line);
        if (line.empty() || line[0] == '#') continue;
        const auto eq = line.find('=');
        if (eq == std::string::npos) {
            throw ConfigError(path + ":" + std::to_string(number) + ": expected NAME=value");
        }
        values[trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
    }
    return values;
}

ForumSettings parse_forum_settings(const Options& options) {
    std::map<std::string, std::string> file;
    if (!options.get("forum-secrets-file").empty()) {
        file = read_secrets_file(options.get("forum-secrets-file"));
    }
    // Flags and environment first, the secrets file for what they leave empty.
    auto value = [&](const char* option, const char* variable) {
        std::string v = options.get(option);
        if (v.empty() && file.count(variable) != 0) v = file[variable];
        return v;
    };
    ForumSettings forum;
    forum.url = value("forum-url", "KB_FORUM_URL");
    while (!forum.url.empty() && forum.url.back() == '/') forum.url.pop_back();
    if (!forum.url.empty() && forum.url.rfind("http://", 0) != 0 &&
        forum.url.rfind("https://", 0) != 0) {
        throw ConfigError("option --forum-url must start with http:// or https://");
    }
    forum.webhook_secret = value("forum-webhook-secret", "KB_FORUM_WEBHOOK_SECRET");
    forum.api_key = value("forum-api-key", "KB_FORUM_API_KEY");
    forum.api_username = value("forum-api-username", "KB_FORUM_API_USERNAME");
    if (!forum.api_key.empty() && forum.api_username.empty()) forum.api_username = "system";
    forum.http_timeout =
        std::chrono::milliseconds(options.get_int("forum-timeout-ms", 100, 600000));
    forum.retry_base = std::chrono::milliseconds(options.get_int("forum-retry-ms", 10, 3600000));
    return forum;
}

}  // namespace

std::string default_templates_dir() {
    return KB_DEFAULT_TEMPLATES_DIR;
}

std::string default_static_dir() {
    return KB_DEFAULT_STATIC_DIR;
}

std::string default_dsfr_dir() {
    return KB_DEFAULT_DSFR_DIR;
}

ServiceConfig parse_service_config(int argc, const char* const* argv) {
    const std::vector<OptionSpec> specs = {
        {"listen", "KB_LISTEN", "127.0.0.1", "address to listen on"},
        {"port", "KB_PORT", "8080", "TCP port (0: chosen by the OS, see --port-file)"},
        {"database-url", "KB_DATABASE_URL", "dbname=passerelle",
         "libpq connection string of the PostgreSQL database"},
        {"index-dir", "KB_INDEX_DIR", ".data/index", "folder of the Xapian index generations"},
        {"schema-dir", "KB_SCHEMA_DIR", "schema", "folder of the numbered SQL migrations"},
        {"max-body-bytes", "KB_MAX_BODY_BYTES", "1048576", "largest accepted request body"},
        {"threads", "KB_THREADS", "4", "HTTP worker threads"},
        {"db-pool-size", "KB_DB_POOL_SIZE", "8", "PostgreSQL connections kept by the pool"},
        {"port-file", "KB_PORT_FILE", "", "write the bound port to this file once serving"},
        {"access-log", "KB_ACCESS_LOG", "true", "one JSON line per request on stderr"},
        {"bm25-k1", "KB_BM25_K1", "4", "ranking: BM25 term-frequency saturation"},
        {"bm25-b", "KB_BM25_B", "0.4", "ranking: BM25 length normalisation (0 to 1)"},
        {"synonym-weight", "KB_SYNONYM_WEIGHT", "0.3",
         "ranking: weight of synonym and acronym expansions"},
        {"title-weight", "KB_TITLE_WEIGHT", "0.2", "ranking: extra weight of title matches"},
        {"pair-weight", "KB_PAIR_WEIGHT", "0.3",
         "ranking: extra weight of adjacent typed words found side by side (0: off)"},
        {"citation-weight", "KB_CITATION_WEIGHT", "0.3",
         "ranking: share of a cited or citing result's weight a result gains among the best 50 "
         "(0: off)"},
        {"lexicon", "KB_LEXICON", kDefaultLexicon,
         "word list of the language, one word per line: the spelling never corrects its words "
         "(empty: none; the default may be missing, with a warning)"},
        {"drop-common-words", "KB_DROP_COMMON_WORDS", "true",
         "ranking: in a question of 7 content words or more, only the rarest 30% (at least 3) "
         "must match"},
        {"exact-counts", "KB_EXACT_COUNTS", "true",
         "count totals and facets exactly from cached document sets of the query's terms (false: "
         "the matcher counts, see --facet-exact-limit)"},
        {"own-ranker", "KB_OWN_RANKER", "true",
         "rank in memory from kept postings with Xapian's BM25 weights, instead of Xapian's "
         "matcher (which still ranks what the document sets cannot count, and with "
         "--exact-counts false)"},
        {"facet-exact-limit", "KB_FACET_EXACT_LIMIT", "100",
         "when the matcher counts (a query the sets cannot count, or --exact-counts false): "
         "exactly up to this many matches, estimated beyond (0: always exact)"},
        {"search-cache-mb", "KB_SEARCH_CACHE_MB", "256",
         "memory for cached search answers, kept until the index changes (0: no cache)"},
        {"search-deadline-ms", "KB_SEARCH_DEADLINE_MS", "1000",
         "time a search may take; past it, it answers what it has found (\"partial\": true)"},
        {"rate-limits", "KB_RATE_LIMITS", "true",
         "false lifts every request limit below (for tests and benchmarks)"},
        {"rate-search-per-min", "KB_RATE_SEARCH_PER_MIN", "60",
         "searches per minute per client address and per token (0: no limit)"},
        {"rate-write-per-min", "KB_RATE_WRITE_PER_MIN", "20",
         "writes per minute per client address and per token (0: no limit)"},
        {"rate-thread-interval-s", "KB_RATE_THREAD_INTERVAL_S", "15",
         "seconds between two questions posted with one token (0: no limit)"},
        {"rate-misses-per-hour", "KB_RATE_MISSES_PER_HOUR", "20",
         "searches that found nothing one address may add to the to-write list per hour (0: no "
         "cap)"},
        {"index-wait-ms", "KB_INDEX_WAIT_MS", "2000",
         "a Q&A write answers once its change is searchable, or after this long "
         "(X-Search-Indexed: false)"},
        {"cors-origins", "KB_CORS_ORIGINS", "",
         "comma-separated browser origins allowed to call the API (CORS), e.g. "
         "https://forum.example.fr"},
        {"notify-max-experts", "KB_NOTIFY_MAX_EXPERTS", "5",
         "experts told of one question, least recently solicited first"},
        {"smtp-url", "KB_SMTP_URL", "",
         "SMTP server (smtp://host:port, STARTTLS when offered); empty: write to --mail-spool-dir"},
        {"mail-from", "KB_MAIL_FROM", "passerelle@localhost", "sender address of notifications"},
        {"mail-spool-dir", "KB_MAIL_SPOOL_DIR", "",
         "development mode without --smtp-url: each message written there as a .eml file "
         "(default: the data folder's mail/)"},
        {"public-url", "KB_PUBLIC_URL", "",
         "base URL of the service, for the links in messages (default: http://<listen>:<port> "
         "as bound)"},
        {"templates-dir", "KB_TEMPLATES_DIR", KB_DEFAULT_TEMPLATES_DIR,
         "folder of the pages' mustache templates"},
        {"static-dir", "KB_STATIC_DIR", KB_DEFAULT_STATIC_DIR,
         "folder of the pages' own CSS and scripts, served under /static/"},
        {"dsfr-dir", "KB_DSFR_DIR", KB_DEFAULT_DSFR_DIR,
         "the DSFR unpacked by the build (deploy/fetch-front-end), served under /static/"},
        {"secure-cookies", "KB_SECURE_COOKIES", "false",
         "mark cookies Secure (when the service is reached over HTTPS)"},
        {"sign-in-link-minutes", "KB_SIGN_IN_LINK_MINUTES", "15",
         "how long a sign-in link sent by mail can be used"},
        {"session-days", "KB_SESSION_DAYS", "30", "how long a browser stays signed in"},
        {"rate-sign-in-per-hour", "KB_RATE_SIGN_IN_PER_HOUR", "5",
         "sign-in links one e-mail address may receive per hour (0: no limit)"},
        {"rate-sign-in-address-per-hour", "KB_RATE_SIGN_IN_ADDRESS_PER_HOUR", "20",
         "sign-in links one client address may ask for per hour (0: no limit)"},
        {"smtp-timeout-ms", "KB_SMTP_TIMEOUT_MS", "10000", "time one SMTP delivery may take"},
        {"notify-retry-base-ms", "KB_NOTIFY_RETRY_BASE_MS", "60000",
         "first retry of a failed delivery, doubled after each failure (up to an hour)"},
        {"digest-hour", "KB_DIGEST_HOUR", "7", "UTC hour at which daily digests go out"},
        {"data-dir", "KB_DATA_DIR", ".data", "data folder; attached files go to its files/"},
        {"max-file-bytes", "KB_MAX_FILE_BYTES", "20971520",
         "largest file attached to a resource (413 beyond)"},
        {"extractor", "KB_EXTRACTOR", "",
         "text extraction program (default: kb-extract beside kb-service)"},
        {"extract-timeout-ms", "KB_EXTRACT_TIMEOUT_MS", "20000",
         "time limit of the text extraction of one file"},
        {"extract-memory-mb", "KB_EXTRACT_MEMORY_MB", "512",
         "memory limit of the text extraction of one file"},
        {"test-outbox-delay-ms", "KB_TEST_OUTBOX_DELAY_MS", "0",
         "wait this long before indexing new posts (widens the crash window)"},
        // Forum: secrets have no default, so --help never shows one.
        {"forum-url", "KB_FORUM_URL", "", "base URL of the Discourse forum (empty: no forum)"},
        {"forum-webhook-secret", "KB_FORUM_WEBHOOK_SECRET", "",
         "secret of the forum's webhook signatures"},
        {"forum-api-key", "KB_FORUM_API_KEY", "", "forum API key (read-only is enough)"},
        {"forum-api-username", "KB_FORUM_API_USERNAME", "", "forum user the API key acts as"},
        {"forum-secrets-file", "KB_FORUM_SECRETS_FILE", "",
         "file of KB_FORUM_* = value lines, for the forum settings not given otherwise"},
        {"forum-timeout-ms", "KB_FORUM_TIMEOUT_MS", "10000", "timeout of one forum API request"},
        {"forum-retry-ms", "KB_FORUM_RETRY_MS", "30000",
         "first delay before a delivery the forum could not serve is retried (doubling)"},
        {"test-notify-delay-ms", "KB_TEST_NOTIFY_DELAY_MS", "0",
         "wait this long before sending a notification (widens the crash window)"},
        {"test-file-commit-delay-ms", "KB_TEST_FILE_COMMIT_DELAY_MS", "0",
         "wait this long between writing an uploaded file and committing its row"},
    };
    Options options = Options::parse(specs, argc, argv);
    if (options.help_requested()) {
        std::cout << Options::usage(
            "kb-service [serve | migrate | admin ... | forum import] [options]", specs);
        std::exit(0);
    }
    ServiceConfig config;
    if (!options.positional().empty()) {
        config.command = options.positional().front();
        config.arguments.assign(options.positional().begin() + 1, options.positional().end());
    }
    if (config.command != "serve" && config.command != "migrate" && config.command != "admin" &&
        config.command != "forum") {
        throw ConfigError("unknown command '" + config.command +
                          "' (serve, migrate, admin or forum)");
    }
    if (config.command != "admin" && config.command != "forum" && !config.arguments.empty()) {
        throw ConfigError("unexpected argument '" + config.arguments.front() + "'");
    }
    config.listen = options.get("listen");
    config.port = static_cast<std::uint16_t>(options.get_int("port", 0, 65535));
    config.database_url = options.get("database-url");
    config.index_dir = options.get("index-dir");
    config.schema_dir = options.get("schema-dir");
    config.max_body_bytes =
        static_cast<std::size_t>(options.get_int("max-body-bytes", 1024, 64L * 1024 * 1024));
    config.threads = static_cast<int>(options.get_int("threads", 1, 64));
    config.db_pool_size = static_cast<int>(options.get_int("db-pool-size", 1, 128));
    config.port_file = options.get("port-file");
    config.access_log = options.get_bool("access-log");
    auto ratio = [&](const char* name, double max) {
        const std::string& text = options.get(name);
        char* end = nullptr;
        double value = std::strtod(text.c_str(), &end);
        if (text.empty() || *end != '\0' || value < 0 || value > max) {
            throw ConfigError(std::string("option --") + name + " must be a number between 0 and " +
                              std::to_string(max) + ", got '" + text + "'");
        }
        return value;
    };
    config.bm25_k1 = ratio("bm25-k1", 10);
    config.bm25_b = ratio("bm25-b", 1);
    config.synonym_weight = ratio("synonym-weight", 10);
    config.title_weight = ratio("title-weight", 10);
    config.pair_weight = ratio("pair-weight", 10);
    config.citation_weight = ratio("citation-weight", 10);
    config.lexicon = options.get("lexicon");
    config.exact_counts = options.get_bool("exact-counts");
    config.own_ranker = options.get_bool("own-ranker");
    config.drop_common_words = options.get_bool("drop-common-words");
    config.facet_exact_limit = static_cast<int>(options.get_int("facet-exact-limit", 0, 100000000));
    config.search_cache_mb = static_cast<int>(options.get_int("search-cache-mb", 0, 65536));
    config.search_deadline_ms = static_cast<int>(options.get_int("search-deadline-ms", 0, 600000));
    config.rate_limits = options.get_bool("rate-limits");
    config.rate_search_per_min =
        static_cast<int>(options.get_int("rate-search-per-min", 0, 1000000));
    config.rate_write_per_min = static_cast<int>(options.get_int("rate-write-per-min", 0, 1000000));
    config.rate_thread_interval_s =
        static_cast<int>(options.get_int("rate-thread-interval-s", 0, 86400));
    config.rate_misses_per_hour =
        static_cast<int>(options.get_int("rate-misses-per-hour", 0, 1000000));
    config.index_wait_ms = static_cast<int>(options.get_int("index-wait-ms", 0, 60000));
    config.test_outbox_delay_ms =
        static_cast<int>(options.get_int("test-outbox-delay-ms", 0, 600000));
    config.data_dir = options.get("data-dir");
    if (config.data_dir.empty()) throw ConfigError("option --data-dir must not be empty");
    config.max_file_bytes =
        static_cast<std::size_t>(options.get_int("max-file-bytes", 1024, 1024L * 1024 * 1024));
    config.extractor = options.get("extractor");
    config.extract_timeout_ms =
        static_cast<int>(options.get_int("extract-timeout-ms", 100, 600000));
    config.extract_memory_mb = static_cast<int>(options.get_int("extract-memory-mb", 64, 65536));
    config.test_file_commit_delay_ms =
        static_cast<int>(options.get_int("test-file-commit-delay-ms", 0, 600000));
    config.cors_origins = http::parse_origin_list(options.get("cors-origins"));
    for (const auto& origin : config.cors_origins) {
        if (origin.rfind("http://", 0) != 0 && origin.rfind("https://", 0) != 0)
            throw ConfigError("option --cors-origins: '" + origin +
                              "' is not an origin (http:// or https://)");
    }
    config.forum = parse_forum_settings(options);
    config.notify_max_experts = static_cast<int>(options.get_int("notify-max-experts", 0, 1000));
    config.smtp_url = options.get("smtp-url");
    config.mail_from = options.get("mail-from");
    config.mail_spool_dir = options.get("mail-spool-dir");
    if (config.mail_spool_dir.empty()) config.mail_spool_dir = config.data_dir + "/mail";
    config.public_url = options.get("public-url");
    while (!config.public_url.empty() && config.public_url.back() == '/')
        config.public_url.pop_back();
    config.templates_dir = options.get("templates-dir");
    config.static_dir = options.get("static-dir");
    config.dsfr_dir = options.get("dsfr-dir");
    config.secure_cookies = options.get_bool("secure-cookies");
    config.sign_in_link_minutes =
        static_cast<int>(options.get_int("sign-in-link-minutes", 1, 24 * 60));
    config.session_days = static_cast<int>(options.get_int("session-days", 1, 365));
    config.rate_sign_in_per_hour =
        static_cast<int>(options.get_int("rate-sign-in-per-hour", 0, 1000000));
    config.rate_sign_in_address_per_hour =
        static_cast<int>(options.get_int("rate-sign-in-address-per-hour", 0, 1000000));
    config.smtp_timeout_ms = static_cast<int>(options.get_int("smtp-timeout-ms", 100, 600000));
    config.notify_retry_base_ms =
        static_cast<int>(options.get_int("notify-retry-base-ms", 10, 86400000));
    config.digest_hour = static_cast<int>(options.get_int("digest-hour", 0, 23));
    config.test_notify_delay_ms =
        static_cast<int>(options.get_int("test-notify-delay-ms", 0, 3600000));
    if (config.listen.empty()) throw ConfigError("option --listen must not be empty");
    return config;
}

}  // namespace kb
