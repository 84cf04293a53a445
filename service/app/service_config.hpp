/// @brief The service's configuration, parsed once from flags, then environment, then defaults.
#pragma once

#include "forum_settings.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace kb {

/// Where the pages' files are in this checkout and build (the defaults of the options).
std::string default_templates_dir();
/// Debian's French word list (package wfrench): 346,000 words with their inflections.
inline constexpr const char* kDefaultLexicon = "/usr/share/dict/french";
std::string default_static_dir();
std::string default_dsfr_dir();

struct ServiceConfig {
    std::string command = "serve";       ///< serve | migrate | admin | forum
    std::vector<std::string> arguments;  ///< positional arguments after the command
    std::string listen = "127.0.0.1";
    std::uint16_t port = 8080;
    std::string database_url;
    std::string index_dir;
    std::string schema_dir;
    std::size_t max_body_bytes = 1024 * 1024;
    int threads = 4;
    int db_pool_size = 8;
    std::string port_file;
    bool access_log = true;
    double bm25_k1 = 4.0;
    double bm25_b = 0.4;
    double synonym_weight = 0.3;
    double title_weight = 0.2;
    double pair_weight = 0.3;
    double citation_weight = 0.3;
    /// Word list of the language (one word per line): the spelling never corrects its words.
    std::string lexicon = kDefaultLexicon;
    bool exact_counts = true;
    bool own_ranker = true;
    bool drop_common_words = true;
    int facet_exact_limit = 100;
    int search_cache_mb = 256;
    int index_wait_ms = 2000;      ///< how long a Q&A write waits for its change to be searchable
    int test_outbox_delay_ms = 0;  ///< test hook: delay before indexing new posts
    int search_deadline_ms = 1000;
    bool rate_limits = true;  ///< false lifts every request limit (tests, benchmarks)
    int rate_search_per_min = 60;
    int rate_write_per_min = 20;
    int rate_thread_interval_s = 15;
    int rate_misses_per_hour = 20;
    std::vector<std::string> cors_origins;  ///< browser origins allowed to call the API
    ForumSettings forum;
    int notify_max_experts = 5;  ///< experts told of one question
    std::string smtp_url;        ///< smtp://host:port; empty: messages go to mail_spool_dir
    std::string mail_from = "passerelle@localhost";
    std::string mail_spool_dir = ".data/mail";
    std::string public_url;  ///< prefixes the links in messages; empty: the bound address
    std::string templates_dir = default_templates_dir();  ///< the pages' templates
    std::string static_dir = default_static_dir();        ///< the pages' own CSS and scripts
    std::string dsfr_dir = default_dsfr_dir();            ///< the DSFR, unpacked by the build
    bool secure_cookies = false;
    int sign_in_link_minutes = 15;
    int session_days = 30;
    int rate_sign_in_per_hour = 5;           ///< links per e-mail address
    int rate_sign_in_address_per_hour = 20;  ///< links per client address
    int smtp_timeout_ms = 10000;
    int notify_retry_base_ms = 60000;  ///< first retry after a failed send, doubled each time
    int digest_hour = 7;               ///< UTC hour at which the daily digests go out
    int test_notify_delay_ms = 0;      ///< test hook: delay before sending a notification
    std::string data_dir = ".data";    ///< attached files go to its files/
    std::size_t max_file_bytes = 20 * 1024 * 1024;
    std::string extractor;  ///< kb-extract; empty: the one beside kb-service
    int extract_timeout_ms = 20000;
    int extract_memory_mb = 512;
    int test_file_commit_delay_ms = 0;  ///< test hook: delay between an upload's file and row
};

/// Parses argv and the environment; prints usage and exits 0 on --help; throws ConfigError.
ServiceConfig parse_service_config(int argc, const char* const* argv);

}  // namespace kb
