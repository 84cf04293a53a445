/// @brief The import walk, its cursor, the terminal progress line and the summary.
#include "forum_import.hpp"

#include <curl/curl.h>

#include <cstdio>
#include <iostream>
#include <set>

#include <unistd.h>

namespace kb {

namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxPages = 100000;

std::optional<std::string> stored_cursor(PgPool& db) {
    return db.with_connection([](pqxx::connection& c) -> std::optional<std::string> {
        pqxx::read_transaction tx(c);
        auto rows = tx.exec("SELECT next_page_url FROM forum_import_state WHERE id = 1");
        if (rows.empty() || rows[0][0].is_null()) return std::nullopt;
        return rows[0][0].as<std::string>();
    });
}

void store_cursor(PgPool& db, const std::optional<std::string>& next) {
    db.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        tx.exec_params(
            "INSERT INTO forum_import_state (id, next_page_url, updated_at) VALUES (1, $1, now()) "
            "ON CONFLICT (id) DO UPDATE SET next_page_url = $1, updated_at = now()",
            next);
        tx.commit();
    });
}

bool unchanged_since_last_import(PgPool& db, long long topic_id, const std::string& bumped_at) {
    if (bumped_at.empty()) return false;
    return db.with_connection([&](pqxx::connection& c) {
        pqxx::read_transaction tx(c);
        return !tx.exec_params(
                      "SELECT 1 FROM forum_import_topics WHERE topic_id = $1 AND bumped_at = $2",
                      topic_id, bumped_at)
                    .empty();
    });
}

void record_import(PgPool& db, long long topic_id, const std::string& bumped_at) {
    db.with_connection([&](pqxx::connection& c) {
        pqxx::work tx(c);
        tx.exec_params(
            "INSERT INTO forum_import_topics (topic_id, bumped_at) VALUES ($1, $2) "
            "ON CONFLICT (topic_id) DO UPDATE SET bumped_at = $2, imported_at = now()",
            topic_id, bumped_at);
        tx.commit();
    });
}

std::string text_field(const Json& object, const char* name) {
    auto it = object.find(name);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string json_page_path(const std::string& link) {
    const auto query = link.find('?');
    std::string path = link.substr(0, query);
    const std::string rest = query == std::string::npos ? "" : link.substr(query);
    if (path.size() < 5 || path.substr(path.size() - 5) != ".json") path += ".json";
    return path + rest;
}

ImportSummary ForumImporter::run(const std::function<void(const ImportSummary&)>& progress) {
    ImportSummary summary;
    std::optional<std::string> page = stored_cursor(db_);
    if (page) summary.resumed_from = *page;
    if (!page) page = "/latest.json";
    std::set<std::string> visited;
    try {
        while (page && summary.pages < kMaxPages && visited.insert(*page).second) {
            const Json listing = client_.get_json(*page);
            ++summary.pages;
            const auto list_it = listing.find("topic_list");
            if (list_it == listing.end() || !list_it->is_object()) {
                throw PayloadError("the page has no topic_list");
            }
            const auto topics = list_it->find("topics");
            std::set<long long> done_here;
            if (topics != list_it->end() && topics->is_array()) {
                for (const auto& topic : *topics) {
                    auto id_it = topic.find("id");
                    if (!topic.is_object() || id_it == topic.end() || !id_it->is_number_integer())
                        continue;
                    const long long id = id_it->get<long long>();
                    if (!done_here.insert(id).second) continue;
                    ++summary.seen;
                    std::string bumped = text_field(topic, "bumped_at");
                    if (bumped.empty()) bumped = text_field(topic, "last_posted_at");
                    if (unchanged_since_last_import(db_, id, bumped)) {
                        ++summary.unchanged;
                    } else {
                        try {
                            if (processor_.sync_topic(id)) {
                                ++summary.imported;
                            } else {
                                ++summary.gone;
                            }
                            record_import(db_, id, bumped);
                        } catch (const PayloadError& e) {
                            ++summary.failed;
                            std::cerr << "forum import: topic " << id << ": " << e.what() << "\n";
                        }
                    }
                    if (progress) progress(summary);
                }
            }
            std::optional<std::string> next;
            const std::string more = text_field(*list_it, "more_topics_url");
            if (!more.empty()) next = json_page_path(more);
            // This page is done: an interruption from here on resumes at the next one.
            store_cursor(db_, next);
            page = next;
        }
        summary.complete = true;
    } catch (const ForumError& e) {
        summary.interrupted = std::string(e.what()) + " (on " + page.value_or("") + ")";
    } catch (const PayloadError& e) {
        summary.interrupted = std::string(e.what()) + " (on " + page.value_or("") + ")";
    }
    return summary;
}

int run_forum_command(const std::string& database_url, const ForumSettings& settings,
                      const std::vector<std::string>& arguments) {
    if (arguments.size() != 1 || arguments[0] != "import") {
        std::cerr << "usage: kb-service forum import\n";
        return 2;
    }
    if (!settings.url_configured()) {
        std::cerr << "kb-service forum import: KB_FORUM_URL (--forum-url) is not set\n";
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    PgPool db(database_url, 1);
    ForumStore store(db);
    ForumClient client(settings);
    ForumProcessor processor(settings, store, client);
    ForumImporter importer(db, processor, client);
    const bool terminal = ::isatty(STDERR_FILENO) != 0;
    ImportSummary s = importer.run([&](const ImportSummary& p) {
        if (!terminal) return;
        std::fprintf(stderr,
                     "\r[forum import] page %zu, %zu topics seen, %zu imported, %zu unchanged   ",
                     p.pages, p.seen, p.imported, p.unchanged);
    });
    if (terminal) std::fprintf(stderr, "\n");
    std::cout << "forum import: " << s.pages << " pages, " << s.seen << " topics seen, "
              << s.imported << " imported, " << s.unchanged << " unchanged, " << s.gone << " gone, "
              << s.failed << " failed"
              << (s.resumed_from.empty() ? "" : ", resumed from " + s.resumed_from)
              << (s.complete ? "" : ", interrupted: " + s.interrupted + "; run again to resume")
              << "\n";
    curl_global_cleanup();
    return s.complete && s.failed == 0 ? 0 : 1;
}

}  // namespace kb
