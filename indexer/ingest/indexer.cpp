/// @brief The indexing pass: scan, diff against PostgreSQL, analyse in parallel, write Xapian then
/// PG.
#include "indexer.hpp"

#include "article_store.hpp"
#include "index_location.hpp"
#include "search_schema.hpp"
#include "source_reader.hpp"
#include "thread_index.hpp"

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>

namespace kb {

namespace fs = std::filesystem;

namespace {

struct SourceFile {
    fs::path root;
    fs::path path;
    std::string text;
    std::string hash;
};

struct Prepared {
    std::size_t index = 0;
    std::optional<Article> article;
    Xapian::Document document;
    std::map<std::string, unsigned> spelling;
    std::string error;  ///< "path:line: message" when the file failed
};

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::vector<SourceFile> scan(const std::vector<fs::path>& roots) {
    std::vector<SourceFile> files;
    for (const auto& root : roots) {
        if (!fs::is_directory(root))
            throw std::runtime_error("content folder not found: " + root.string());
        for (const auto& entry : fs::recursive_directory_iterator(root)) {
            if (!entry.is_regular_file() || entry.path().extension() != ".md") continue;
            if (entry.path().filename() == "README.md") continue;  // documentation of the folder
            files.push_back({root, entry.path(), "", ""});
        }
    }
    std::sort(files.begin(), files.end(),
              [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
    return files;
}

int slug_line(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        if (line.rfind("slug:", 0) == 0) return n;
        if (n > 1 && line == "---") break;
    }
    return 1;
}

// "a, b => c" lines (or a JSON array of such strings) into directional rules {"from", "to"}: a
// query saying a or b also looks for c. A line without "=>" makes a two-way group.
nlohmann::json read_synonym_rules(const fs::path& file) {
    std::string text = read_bytes(file);
    std::vector<std::string> lines;
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (!parsed.is_discarded() && parsed.is_array()) {
        for (const auto& item : parsed) {
            if (item.is_string()) lines.push_back(item.get<std::string>());
        }
    } else {
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);) lines.push_back(line);
    }
    auto phrases = [](const std::string& list) {
        nlohmann::json out = nlohmann::json::array();
        std::istringstream parts(list);
        for (std::string part; std::getline(parts, part, ',');) {
            auto b = part.find_first_not_of(" \t\r");
            auto e = part.find_last_not_of(" \t\r");
            if (b != std::string::npos) out.push_back(part.substr(b, e - b + 1));
        }
        return out;
    };
    nlohmann::json rules = nlohmann::json::array();
    for (const std::string& line : lines) {
        const auto arrow = line.find("=>");
        nlohmann::json from = phrases(line.substr(0, arrow));
        nlohmann::json to = arrow == std::string::npos ? from : phrases(line.substr(arrow + 2));
        if (!from.empty() && !to.empty()) rules.push_back({{"from", from}, {"to", to}});
    }
    return rules;
}

// Parses and analyses files[todo[i]] on `workers` threads; hands each result to consume() on the
// calling thread (the single Xapian writer) as soon as it is ready.
void analyse_in_parallel(const std::vector<SourceFile>& files, const std::vector<std::size_t>& todo,
                         unsigned workers, const std::function<void(Prepared&)>& consume) {
    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    std::condition_variable ready_cv;
    std::condition_variable space_cv;
    std::vector<Prepared> ready;
    const std::size_t max_queued = 256;  // bounds memory when the writer is slower
    std::vector<std::thread> threads;
    for (unsigned w = 0; w < workers; ++w) {
        threads.emplace_back([&] {
            Xapian::TermGenerator generator = schema::make_term_generator();
            for (std::size_t i = next++; i < todo.size(); i = next++) {
                const SourceFile& file = files[todo[i]];
                Prepared p;
                p.index = todo[i];
                try {
                    Article article = read_article(file.text, file.path, file.root);
                    p.document = schema::make_document(schema::entry_for_article(article),
                                                       generator, p.spelling);
                    p.article = std::move(article);
                } catch (const SourceError& e) {
                    p.error = file.path.string() + ":" + std::to_string(e.line()) + ": " + e.what();
                } catch (const std::exception& e) {
                    p.error = file.path.string() + ":1: " + e.what();
                } catch (const Xapian::Error& e) {
                    p.error = file.path.string() + ":1: " + e.get_description();
                }
                std::unique_lock lock(mutex);
                space_cv.wait(lock, [&] { return ready.size() < max_queued; });
                ready.push_back(std::move(p));
                ready_cv.notify_one();
            }
        });
    }
    for (std::size_t consumed = 0; consumed < todo.size();) {
        std::vector<Prepared> batch;
        {
            std::unique_lock lock(mutex);
            ready_cv.wait(lock, [&] { return !ready.empty(); });
            batch.swap(ready);
        }
        space_cv.notify_all();
        for (auto& p : batch) consume(p);
        consumed += batch.size();
    }
    for (auto& t : threads) t.join();
}

}  // namespace

IndexerSummary run_indexer(const IndexerSettings& settings, std::ostream& errors,
                           const ProgressFn& progress) {
    const auto started = std::chrono::steady_clock::now();
    IndexerSummary summary;
    std::vector<fs::path> roots;
    for (const auto& dir : settings.content_dirs) roots.push_back(fs::weakly_canonical(dir));
    std::vector<SourceFile> files = scan(roots);
    summary.files = files.size();
    for (auto& f : files) {
        f.text = read_bytes(f.path);
        f.hash = content_hash(f.text);
    }

    pqxx::connection conn(settings.database_url);
    std::map<std::string, StoredArticle> stored;  // by source path
    long long outbox_mark = 0;  // Q&A changes after this row are replayed into a rebuilt index
    {
        pqxx::read_transaction tx(conn);
        for (auto& row : load_stored_articles(tx)) stored[row.source_path] = row;
        outbox_mark =
            tx.exec("SELECT coalesce(max(id), 0) FROM search_outbox")[0][0].as<long long>();
    }

    // Which files need work, and which slugs are taken. A slug is the file name, so duplicates
    // are known before parsing; the first file (in path order) keeps it.
    std::set<std::string> on_disk;
    for (const auto& f : files) on_disk.insert(f.path.string());
    std::map<std::string, std::string> slug_owner;  // slug -> path
    for (const auto& [path, row] : stored) {
        if (on_disk.count(path)) slug_owner[row.slug] = path;
    }
    std::vector<std::size_t> todo;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const auto& f = files[i];
        const std::string path = f.path.string();
        const std::string slug = f.path.stem().string();
        auto owner = slug_owner.find(slug);
        if (owner != slug_owner.end() && owner->second != path) {
            errors << path << ":" << slug_line(f.text) << ": duplicate slug '" << slug
                   << "' (already used by " << owner->second << ")\n";
            ++summary.failed;
            continue;
        }
        slug_owner[slug] = path;
        auto it = stored.find(path);
        if (!settings.rebuild && it != stored.end() && it->second.content_hash == f.hash) {
            ++summary.skipped;
            continue;
        }
        todo.push_back(i);
    }
    std::vector<std::string> to_delete;
    for (const auto& [path, row] : stored) {
        if (!on_disk.count(path)) to_delete.push_back(path);
    }

    // Fewer, larger flushes: Xapian's default flushes every 10,000 documents.
    ::setenv("XAPIAN_FLUSH_THRESHOLD", "50000", 0);
    IndexLocation location(settings.index_dir);
    std::optional<fs::path> generation;
    Xapian::WritableDatabase db;
    if (settings.rebuild) {
        fs::create_directories(settings.index_dir);
        generation = location.new_generation();
        db = Xapian::WritableDatabase(generation->string(), Xapian::DB_CREATE);
    } else {
        db = location.open_writable();
    }

    std::vector<Article> accepted;
    std::vector<std::string> failed_paths;
    std::unordered_map<std::string, unsigned> spelling;
    std::size_t done = 0;
    const unsigned workers =
        settings.workers ? settings.workers : std::max(1u, std::thread::hardware_concurrency());
    auto phase_start = std::chrono::steady_clock::now();
    auto lap = [&phase_start] {
        auto now = std::chrono::steady_clock::now();
        double seconds = std::chrono::duration<double>(now - phase_start).count();
        phase_start = now;
        return seconds;
    };
    analyse_in_parallel(files, todo, workers, [&](Prepared& p) {
        ++done;
        if (progress) progress(done, todo.size());
        if (!p.article) {
            errors << p.error << "\n";
            ++summary.failed;
            failed_paths.push_back(files[p.index].path.string());
            return;
        }
        const Article& a = *p.article;
        db.replace_document(schema::article_id(a.slug), p.document);
        for (const auto& [word, count] : p.spelling) spelling[word] += count;
        if (!a.glossary.empty()) {
            nlohmann::json groups = nlohmann::json::array();
            for (const auto& e : a.glossary) groups.push_back({e.acronym, e.expansion});
            db.set_metadata(schema::kGlossaryMetaPrefix + a.slug, groups.dump());
        } else if (stored.count(a.source_path)) {
            db.set_metadata(schema::kGlossaryMetaPrefix + a.slug, "");  // it may have been one
        }
        summary.bytes += files[p.index].text.size();
        (stored.count(a.source_path) ? summary.updated : summary.added) += 1;
        accepted.push_back(std::move(*p.article));
    });
    for (const auto& [word, count] : spelling) db.add_spelling(word, count);
    summary.analysis_seconds = lap();
    if (settings.rebuild) {
        // The index is derived from PostgreSQL too: every visible Q&A thread goes in.
        pqxx::read_transaction tx(conn);
        for (long long id : visible_thread_ids(tx)) apply_thread(db, tx, id);
    }
    for (const auto& path : to_delete) {
        const std::string& slug = stored[path].slug;
        db.delete_document(schema::article_id(slug));
        db.set_metadata(schema::kGlossaryMetaPrefix + slug, "");
        ++summary.deleted;
    }
    if (!settings.synonyms_file.empty()) {
        db.set_metadata(schema::kExtraSynonymsMeta,
                        read_synonym_rules(settings.synonyms_file).dump());
    } else if (settings.rebuild) {
        // Keep the extra synonym rules of the generation being replaced.
        if (auto live = location.current()) {
            db.set_metadata(
                schema::kExtraSynonymsMeta,
                Xapian::Database(live->string()).get_metadata(schema::kExtraSynonymsMeta));
        }
    }
    db.set_metadata(schema::kSynonymsVersionMeta,
                    std::to_string(std::chrono::system_clock::now().time_since_epoch().count()));
    if (settings.rebuild) {
        // A rebuilt index holds only what parsed; keep PostgreSQL in step with it.
        for (const auto& path : failed_paths) {
            if (stored.count(path)) to_delete.push_back(path);
        }
    }
    // Xapian first: if we die before the PostgreSQL commit, the stored hashes still differ and
    // the next run redoes the work (replace_document is idempotent).
    db.commit();
    db.close();
    summary.commit_seconds = lap();
    {
        pqxx::work tx(conn);
        for (const auto& path : to_delete) delete_article(tx, path);
        upsert_articles(tx, accepted);
        tx.commit();
    }
    summary.postgres_seconds = lap();
    if (generation) {
        location.publish(*generation);
        // Posts written while we rebuilt went to the old generation: replay them into the new one.
        Xapian::WritableDatabase live = location.open_writable();
        apply_outbox(live, conn, outbox_mark, 1000000);
    }
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
}

}  // namespace kb
