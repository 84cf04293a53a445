/// @brief The indexing pass: scan, diff against PostgreSQL, analyse in parallel, write Xapian then
/// PG.
#include "indexer.hpp"

#include "article.hpp"
#include "article_store.hpp"
#include "entity_loaders.hpp"
#include "index_location.hpp"
#include "outbox_apply.hpp"
#include "read_ahead.hpp"
#include "search_schema.hpp"
#include "source_reader.hpp"
#include "tag_index.hpp"
#include "text_lists.hpp"

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace kb {

namespace fs = std::filesystem;

namespace {

// A rebuild writes with one worker per core, up to this many.
constexpr unsigned kMaxWriters = 8;
// How many files a rebuild reads ahead of its workers (~1 MB of the scale corpus): enough to
// ride out the disk's latency, few enough to stay in the page cache until they are parsed.
constexpr std::size_t kReadAheadFiles = 512;

struct SourceFile {
    fs::path root;
    fs::path path;
    std::string text;
    std::string hash;        ///< set by load_all(), for an incremental run
    std::string read_error;  ///< why the file could not be read, if it could not
    bool loaded = false;     ///< text and read_error are set
};

struct Prepared {
    std::size_t index = 0;
    std::optional<Article> article;
    Xapian::Document document;
    schema::SpellingCounts spelling;
    std::string error;  ///< "path:line: message" when the file failed
};

// Reads into a string of the file's size: an ifstream copied through a stringstream cost 5% of
// a rebuild's CPU.
std::string read_bytes(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("cannot open " + path.string());
    struct stat st {};
    std::string out;
    if (::fstat(fd, &st) == 0 && st.st_size > 0) out.resize(static_cast<std::size_t>(st.st_size));
    std::size_t filled = 0;
    char more[4096];  // whatever the file grew by since fstat
    while (true) {
        const bool in_place = filled < out.size();
        const ssize_t n = in_place ? ::read(fd, out.data() + filled, out.size() - filled)
                                   : ::read(fd, more, sizeof more);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            ::close(fd);
            throw std::runtime_error("cannot read " + path.string());
        }
        if (n == 0) break;
        if (in_place) {
            filled += static_cast<std::size_t>(n);
        } else {
            out.append(more, static_cast<std::size_t>(n));
            filled = out.size();
        }
    }
    ::close(fd);
    out.resize(filled);
    return out;
}

std::vector<SourceFile> scan(const std::vector<fs::path>& roots) {
    std::vector<SourceFile> files;
    for (const auto& root : roots) {
        if (!fs::is_directory(root))
            throw std::runtime_error("content folder not found: " + root.string());
        for (const auto& entry : fs::recursive_directory_iterator(root)) {
            if (!entry.is_regular_file() || entry.path().extension() != ".md") continue;
            if (entry.path().filename() == "README.md") continue;  // documentation of the folder
            files.push_back({root, entry.path(), "", "", "", false});
        }
    }
    // Path order, component by component (what fs::path's operator< gives), from the strings:
    // a separator sorts before any other character. fs::path's own comparison took 0.3 s to
    // sort the 92k files of the scale corpus, while the other core waited.
    std::sort(files.begin(), files.end(), [](const SourceFile& a, const SourceFile& b) {
        const std::string& x = a.path.native();
        const std::string& y = b.path.native();
        const std::size_t n = std::min(x.size(), y.size());
        for (std::size_t i = 0; i < n; ++i) {
            if (x[i] == y[i]) continue;
            if (x[i] == '/') return true;
            if (y[i] == '/') return false;
            return static_cast<unsigned char>(x[i]) < static_cast<unsigned char>(y[i]);
        }
        return x.size() < y.size();
    });
    return files;
}

// True when the generation holds at least one article.
bool holds_articles(const fs::path& generation) {
    try {
        Xapian::Database db(generation.string());
        for (const auto& kind : article_kinds()) {
            if (db.get_termfreq(schema::kKindPrefix + kind) > 0) return true;
        }
    } catch (const Xapian::DatabaseOpeningError&) {
        return false;  // unreadable: rebuilt like a missing one
    }
    return false;
}

// Reads one file, once.
void load(SourceFile& file) {
    if (file.loaded) return;
    try {
        file.text = read_bytes(file.path);
    } catch (const std::exception& e) {
        file.read_error = e.what();  // reported with the file's other errors
    }
    file.loaded = true;
}

// Reads and hashes every file, on `workers` threads: an incremental run compares the hashes
// with PostgreSQL's before it knows what to index. A rebuild reads each file in the worker that
// indexes it instead.
void load_all(std::vector<SourceFile>& files, unsigned workers) {
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> threads;
    for (unsigned w = 0; w < workers; ++w) {
        threads.emplace_back([&] {
            for (std::size_t i = next++; i < files.size(); i = next++) {
                load(files[i]);
                files[i].hash = content_hash(files[i].text);
            }
        });
    }
    for (auto& t : threads) t.join();
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
        for (const std::string_view part : list_items(list, ',')) out.push_back(std::string(part));
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

// Parses and analyses one file; its spelling words are counted in the generator.
Prepared prepare(SourceFile& file, std::size_t index, FrenchTermGenerator& generator,
                 const TagAliases& aliases) {
    Prepared p;
    p.index = index;
    load(file);
    if (!file.read_error.empty()) {
        p.error = file.path.string() + ":1: " + file.read_error;
        return p;
    }
    try {
        Article article = read_article(file.text, file.path, file.root);
        // A tag renamed or merged by moderators: the file keeps its old slug, the article
        // answers to the new one.
        article.tags = resolve_tag_aliases(article.tags, aliases);
        p.document = schema::make_document(schema::entry_for_article(article), generator);
        // Indexed: the plain text is not kept by PostgreSQL, so it need not wait for the upload
        // (a rebuild of the scale corpus would hold 160 MB of it).
        std::string().swap(article.body_text);
        p.article = std::move(article);
    } catch (const SourceError& e) {
        p.error = file.path.string() + ":" + std::to_string(e.line()) + ": " + e.what();
    } catch (const std::exception& e) {
        p.error = file.path.string() + ":1: " + e.what();
    } catch (const Xapian::Error& e) {
        p.error = file.path.string() + ":1: " + e.get_description();
    }
    return p;
}

// What one writer (a worker with its own part, or the single incremental writer) produced.
struct WriterOutput {
    std::vector<fs::path> parts;  ///< a rebuild's part folders, in the order they were written
    std::vector<Article> accepted;
    std::vector<std::pair<std::size_t, std::string>> failures;    ///< file index, message
    std::vector<std::pair<std::string, std::string>> glossaries;  ///< slug, groups JSON or ""
    schema::SpellingCounts spelling;
    std::size_t bytes = 0;
    std::size_t added = 0;
    std::size_t updated = 0;
};

// Writes one analysed file into db and books it in out. `fresh` says db cannot hold the document
// yet (a part of a new generation): adding is then cheaper than replacing.
void record(Prepared& p, const SourceFile& file, bool existed, bool fresh,
            Xapian::WritableDatabase& db, WriterOutput& out) {
    if (!p.article) {
        out.failures.emplace_back(p.index, std::move(p.error));
        return;
    }
    const Article& a = *p.article;
    if (fresh) {
        db.add_document(p.document);
    } else {
        db.replace_document(schema::article_id(a.slug), p.document);
    }
    for (const auto& [word, count] : p.spelling) out.spelling[word] += count;
    if (!a.glossary.empty()) {
        nlohmann::json groups = nlohmann::json::array();
        for (const auto& e : a.glossary) {
            groups.push_back({e.acronym, e.expansion});
            // One way: "structure d'insertion" finds the SIAE, but "SIAE" does not look for
            // every looser writing (only the glossary has them all, and it would rise).
            if (!e.also.empty())
                groups.push_back({{"from", e.also}, {"to", {e.acronym, e.expansion}}});
        }
        out.glossaries.emplace_back(a.slug, groups.dump());
    } else if (existed) {
        out.glossaries.emplace_back(a.slug, "");  // it may have been one
    }
    out.bytes += file.text.size();
    (existed ? out.updated : out.added) += 1;
    out.accepted.push_back(std::move(*p.article));
}

// Rebuild: `writers` workers parse, analyse and write the files into parts of a new generation
// (each its own parts, a new one every `part_docs` documents), claiming files one at a time.
// Nothing is shared but the claim counter, so every core indexes; a read-ahead thread reads the
// files just past that counter. progress() is called from the calling thread.
std::vector<WriterOutput> write_parts(std::vector<SourceFile>& files,
                                      const std::vector<std::size_t>& todo,
                                      const fs::path& generation, unsigned writers,
                                      std::size_t part_docs, const TagAliases& aliases,
                                      const std::function<bool(const SourceFile&)>& existed,
                                      const ProgressFn& progress) {
    std::vector<WriterOutput> outputs(writers);
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    std::atomic<std::size_t> running{writers};
    std::mutex mutex;
    std::condition_variable finished_cv;
    std::exception_ptr failure;
    ReadAhead read_ahead(todo.size(), kReadAheadFiles, next,
                         [&](std::size_t i) { load(files[todo[i]]); });
    std::vector<std::thread> threads;
    for (unsigned w = 0; w < writers; ++w) {
        threads.emplace_back([&, w] {
            try {
                WriterOutput& out = outputs[w];
                Xapian::WritableDatabase part;
                std::size_t in_part = 0;
                const auto open_part = [&] {
                    out.parts.push_back(generation / ("part-" + std::to_string(w) + "-" +
                                                      std::to_string(out.parts.size())));
                    // A part is scratch: compaction reads it and syncs what it writes, and a pass
                    // that dies leaves an unpublished generation. Every automatic flush is a
                    // commit, which would otherwise fdatasync each table: ~500 syncs, 3.8 s, on
                    // the scale corpus.
                    part = Xapian::WritableDatabase(out.parts.back().string(),
                                                    Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
                    in_part = 0;
                };
                open_part();
                FrenchTermGenerator generator;
                for (std::size_t i = next++; i < todo.size(); i = next++) {
                    if (in_part == part_docs) {
                        part.commit();
                        part.close();
                        open_part();
                    }
                    SourceFile& file = files[todo[i]];
                    read_ahead.acquire(i);
                    Prepared p = prepare(file, todo[i], generator, aliases);
                    generator.take_spelling_if_full(out.spelling);
                    record(p, file, existed(file), true, part, out);
                    ++in_part;
                    std::string().swap(file.text);  // the article holds what is still needed
                    ++done;
                }
                generator.take_spelling(out.spelling);
                // Each part keeps the spelling counts of its own documents; compaction adds
                // them up.
                for (const auto& [word, count] : out.spelling) part.add_spelling(word, count);
                part.commit();
                part.close();
            } catch (...) {
                std::lock_guard lock(mutex);
                if (!failure) failure = std::current_exception();
                next = todo.size();  // the others stop early too
            }
            std::lock_guard lock(mutex);
            --running;
            finished_cv.notify_all();
        });
    }
    {
        std::unique_lock lock(mutex);
        while (running > 0) {
            finished_cv.wait_for(lock, std::chrono::milliseconds(100));
            if (progress && !failure)
                progress(std::min<std::size_t>(done, todo.size()), todo.size());
        }
    }
    for (auto& t : threads) t.join();
    read_ahead.stop();
    if (failure) std::rethrow_exception(failure);
    return outputs;
}

// Incremental: parses and analyses files[todo[i]] on `workers` threads and writes each result
// into db (the live generation) on the calling thread as soon as it is ready.
WriterOutput write_incremental(std::vector<SourceFile>& files, const std::vector<std::size_t>& todo,
                               unsigned workers, const TagAliases& aliases,
                               Xapian::WritableDatabase& db,
                               const std::function<bool(const SourceFile&)>& existed,
                               const ProgressFn& progress) {
    WriterOutput out;
    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    std::condition_variable ready_cv;
    std::condition_variable space_cv;
    std::vector<Prepared> ready;
    const std::size_t max_queued = 256;  // bounds memory when the writer is slower
    std::vector<std::thread> threads;
    for (unsigned w = 0; w < workers; ++w) {
        threads.emplace_back([&] {
            FrenchTermGenerator generator;
            for (std::size_t i = next++; i < todo.size(); i = next++) {
                Prepared p = prepare(files[todo[i]], todo[i], generator, aliases);
                generator.take_spelling(p.spelling);  // written with its document
                std::unique_lock lock(mutex);
                space_cv.wait(lock, [&] { return ready.size() < max_queued; });
                ready.push_back(std::move(p));
                ready_cv.notify_one();
            }
        });
    }
    std::exception_ptr failure;
    for (std::size_t consumed = 0; consumed < todo.size();) {
        std::vector<Prepared> batch;
        {
            std::unique_lock lock(mutex);
            ready_cv.wait(lock, [&] { return !ready.empty(); });
            batch.swap(ready);
        }
        space_cv.notify_all();
        for (auto& p : batch) {
            // After a write failure the workers are still drained, so that they can be joined.
            if (!failure) {
                try {
                    const SourceFile& file = files[p.index];
                    record(p, file, existed(file), false, db, out);
                } catch (...) {
                    failure = std::current_exception();
                }
            }
            ++consumed;
            if (progress) progress(consumed, todo.size());
        }
    }
    for (auto& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
    for (const auto& [word, count] : out.spelling) db.add_spelling(word, count);
    return out;
}

}  // namespace

IndexerSummary run_indexer(const IndexerSettings& settings, std::ostream& errors,
                           const ProgressFn& progress) {
    const auto started = std::chrono::steady_clock::now();
    auto phase_start = started;
    auto lap = [&phase_start] {
        auto now = std::chrono::steady_clock::now();
        double seconds = std::chrono::duration<double>(now - phase_start).count();
        phase_start = now;
        return seconds;
    };
    IndexerSummary summary;
    std::vector<fs::path> roots;
    for (const auto& dir : settings.content_dirs) roots.push_back(fs::weakly_canonical(dir));
    std::vector<SourceFile> files = scan(roots);
    summary.files = files.size();
    const unsigned workers =
        settings.workers ? settings.workers : std::max(1u, std::thread::hardware_concurrency());

    pqxx::connection conn(settings.database_url);
    std::map<std::string, StoredArticle> stored;  // by source path
    long long outbox_mark = 0;  // Q&A changes after this row are replayed into a rebuilt index
    TagAliases aliases;
    {
        pqxx::read_transaction tx(conn);
        aliases = load_tag_aliases(tx);
        for (auto& row : load_stored_articles(tx)) stored[row.source_path] = row;
        outbox_mark =
            tx.exec("SELECT coalesce(max(id), 0) FROM search_outbox")[0][0].as<long long>();
    }

    // Without a live index (a first run), a rebuild writes the new one on every core. With one
    // that holds no article while PostgreSQL lists some (someone removed the index folder), the
    // stored hashes would say every file is indexed already: it is rebuilt too.
    IndexLocation location(settings.index_dir);
    bool rebuild = settings.rebuild;
    if (!rebuild) {
        const auto live = location.live_database();
        if (!live) {
            rebuild = true;
        } else if (!stored.empty() && !holds_articles(*live)) {
            errors << "kb-indexer: the search index holds no article while PostgreSQL lists "
                   << stored.size() << ": rebuilding it\n";
            rebuild = true;
        } else if (Xapian::Database(live->string()).get_metadata(schema::kFormatMeta) !=
                   schema::kFormat) {
            // Unchanged files would be skipped, keeping documents of the older format.
            errors << "kb-indexer: the search index is of an older format: rebuilding it\n";
            rebuild = true;
        }
    }

    if (!rebuild) load_all(files, workers);

    // Which files need work, and which slugs are taken. A slug is the file name, so duplicates
    // are known before parsing; the first file (in path order) keeps it.
    std::unordered_set<std::string> on_disk;
    on_disk.reserve(files.size());
    for (const auto& f : files) on_disk.insert(f.path.native());
    std::unordered_map<std::string, std::string> slug_owner;  // slug -> path
    slug_owner.reserve(files.size());
    for (const auto& [path, row] : stored) {
        if (on_disk.count(path)) slug_owner[row.slug] = path;
    }
    std::vector<std::size_t> todo;
    for (std::size_t i = 0; i < files.size(); ++i) {
        auto& f = files[i];
        const std::string path = f.path.string();
        const std::string slug = f.path.stem().string();
        auto owner = slug_owner.find(slug);
        if (owner != slug_owner.end() && owner->second != path) {
            load(f);
            errors << path << ":" << slug_line(f.text) << ": duplicate slug '" << slug
                   << "' (already used by " << owner->second << ")\n";
            ++summary.failed;
            continue;
        }
        slug_owner[slug] = path;
        auto it = stored.find(path);
        if (!rebuild && it != stored.end() && it->second.content_hash == f.hash) {
            ++summary.skipped;
            continue;
        }
        todo.push_back(i);
    }
    std::vector<std::string> to_delete;
    for (const auto& [path, row] : stored) {
        if (!on_disk.count(path)) to_delete.push_back(path);
    }
    const auto existed = [&stored](const SourceFile& f) {
        return stored.count(f.path.string()) > 0;
    };
    summary.reading_seconds = lap();

    // Xapian buffers this many documents per database before it flushes them into its tables.
    // Measured on the scale corpus (tests/bench/index_throughput.sh): 1,000 beat the default
    // 10,000 by 15% and 50,000 by 45%, the buffered postings then staying small enough for the
    // CPU caches; since the parts stopped syncing on each flush, 500 uses ~5% less CPU than
    // 1,000 (250 and 2,000 more).
    ::setenv("XAPIAN_FLUSH_THRESHOLD", "500", 0);
    std::optional<fs::path> generation;
    std::vector<fs::path> part_dirs;  // rebuild only
    std::vector<WriterOutput> outputs;
    Xapian::WritableDatabase db;
    if (rebuild) {
        fs::create_directories(settings.index_dir);
        generation = location.new_generation();
        fs::create_directories(*generation);
        outputs =
            write_parts(files, todo, *generation, std::min(workers, kMaxWriters),
                        std::max<std::size_t>(settings.part_docs, 1), aliases, existed, progress);
        for (const auto& out : outputs)
            part_dirs.insert(part_dirs.end(), out.parts.begin(), out.parts.end());
        summary.parts = part_dirs.size();
        for (const auto& dir : part_dirs)
            db.add_database(Xapian::WritableDatabase(dir.string(), Xapian::DB_OPEN));
    } else {
        db = location.open_writable();
        outputs.push_back(write_incremental(files, todo, workers, aliases, db, existed, progress));
    }
    summary.analysis_seconds = lap();

    std::vector<std::pair<std::size_t, std::string>> failures;
    std::vector<Article> accepted;
    for (auto& out : outputs) {
        summary.added += out.added;
        summary.updated += out.updated;
        summary.bytes += out.bytes;
        for (auto& f : out.failures) failures.push_back(std::move(f));
        for (const auto& [slug, groups] : out.glossaries)
            db.set_metadata(schema::kGlossaryMetaPrefix + slug, groups);
        std::move(out.accepted.begin(), out.accepted.end(), std::back_inserter(accepted));
    }
    outputs.clear();
    std::sort(failures.begin(), failures.end());
    std::vector<std::string> failed_paths;
    for (const auto& [index, message] : failures) {
        errors << message << "\n";
        ++summary.failed;
        failed_paths.push_back(files[index].path.string());
    }
    {
        pqxx::read_transaction tx(conn);
        if (rebuild) {
            // The index is derived from PostgreSQL too: every searchable entity of every kind goes
            // in (the tag vocabulary's synonym rules included).
            index_all_entities(db, tx);
        } else {
            // Rules written by an older build, or never: every run brings them up to date.
            write_tag_synonyms(db, tx);
        }
    }
    // A file that moved (its content folder renamed, the checkout cloned elsewhere) is written
    // again from its new path under the same slug, hence the same document: only the old path's
    // row goes. Deleting by slug removed the document just written, and the next run found an
    // index without articles.
    std::unordered_set<std::string> written_slugs;
    for (const auto& article : accepted) written_slugs.insert(article.slug);
    for (const auto& path : to_delete) {
        const std::string& slug = stored.at(path).slug;
        if (written_slugs.count(slug) != 0) continue;
        db.delete_document(schema::article_id(slug));
        db.set_metadata(schema::kGlossaryMetaPrefix + slug, "");
        ++summary.deleted;
    }
    if (!settings.synonyms_file.empty()) {
        db.set_metadata(schema::kExtraSynonymsMeta,
                        read_synonym_rules(settings.synonyms_file).dump());
    } else if (rebuild) {
        // Keep the extra synonym rules of the generation being replaced.
        if (auto live = location.live_database()) {
            db.set_metadata(
                schema::kExtraSynonymsMeta,
                Xapian::Database(live->string()).get_metadata(schema::kExtraSynonymsMeta));
        }
    }
    db.set_metadata(schema::kFormatMeta, schema::kFormat);
    db.set_metadata(schema::kSynonymsVersionMeta,
                    std::to_string(std::chrono::system_clock::now().time_since_epoch().count()));
    if (rebuild) {
        // A rebuilt index holds only what parsed; keep PostgreSQL in step with it.
        for (const auto& path : failed_paths) {
            if (stored.count(path)) to_delete.push_back(path);
        }
    }
    // The PostgreSQL rows are sent on their own thread while Xapian commits and compacts (one
    // core each), but committed only after the index is safely on disk: if we die before the
    // PostgreSQL commit, the stored hashes still differ and the next run redoes the work
    // (replace_document is idempotent).
    std::optional<pqxx::work> pg_tx;
    std::exception_ptr pg_failure;
    std::thread pg_writer([&] {
        const auto pg_started = std::chrono::steady_clock::now();
        try {
            pg_tx.emplace(conn);
            for (const auto& path : to_delete) delete_article(*pg_tx, path);
            upsert_articles(*pg_tx, accepted, [&stored](const Article& a) {
                return stored.count(a.source_path) > 0;
            });
        } catch (...) {
            pg_failure = std::current_exception();
        }
        summary.postgres_seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - pg_started).count();
    });
    try {
        db.commit();
        db.close();
        if (generation) {
            // The parts are merged into the generation folder itself: a search over one compact
            // database is 1.6 times faster than over two parts (tests/bench/speed.sh), and
            // compaction costs ~3 s for the whole scale corpus. Compaction adds up the
            // spelling counts and keeps the metadata, which lives in the first part.
            Xapian::Database parts;
            for (const auto& dir : part_dirs) parts.add_database(Xapian::Database(dir.string()));
            parts.compact(generation->string());
            parts.close();
            for (const auto& dir : part_dirs) fs::remove_all(dir);
        }
    } catch (...) {
        pg_writer.join();  // its transaction is rolled back when pg_tx goes
        throw;
    }
    summary.commit_seconds = lap();
    pg_writer.join();
    if (pg_failure) std::rethrow_exception(pg_failure);
    lap();  // the wait for PostgreSQL is already in its own time
    pg_tx->commit();
    pg_tx.reset();
    summary.postgres_seconds += lap();
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
