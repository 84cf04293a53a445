/// @brief kb-indexer options, terminal progress and the summary line.
#include "indexer_cli.hpp"

#include "indexer.hpp"
#include "options.hpp"

#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include <unistd.h>

namespace kb {

namespace {

// Rewrites one status line on a terminal at most every 200 ms.
class TerminalProgress {
  public:
    void operator()(std::size_t done, std::size_t total) {
        auto now = std::chrono::steady_clock::now();
        if (done != total && now - last_ < std::chrono::milliseconds(200)) return;
        last_ = now;
        double elapsed = std::chrono::duration<double>(now - start_).count();
        double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
        double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0;
        std::fprintf(stderr, "\r[kb-indexer] %zu/%zu files, %.0f docs/s, ETA %.0fs   ", done, total,
                     rate, eta);
        if (done == total) std::fprintf(stderr, "\n");
    }

  private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point last_{};
};

}  // namespace

int run_indexer_cli(int argc, char** argv) {
    const std::vector<OptionSpec> specs = {
        {"content-dirs", "KB_CONTENT_DIRS", "content", "colon-separated Markdown folders to index"},
        {"database-url", "KB_DATABASE_URL", "dbname=passerelle", "libpq connection string"},
        {"index-dir", "KB_INDEX_DIR", ".data/index", "folder of the Xapian index generations"},
        {"rebuild", "", "false", "build a new index aside and swap it in atomically", true},
        {"synonyms", "KB_SYNONYMS_FILE", "",
         "extra synonym rules ('a, b => c' lines or JSON list)"},
        {"workers", "KB_INDEX_WORKERS", "0",
         "analysis threads, and parts written at once by --rebuild (0: one per core)"},
        {"part-docs", "KB_INDEX_PART_DOCS", std::to_string(kDefaultPartDocs),
         "--rebuild: documents per part before compaction"},
        {"progress", "KB_PROGRESS", "auto", "progress line: auto (on a terminal), always, never"},
    };
    IndexerSettings settings;
    std::string progress_mode;
    try {
        Options options = Options::parse(specs, argc, argv);
        if (options.help_requested()) {
            std::cout << Options::usage("kb-indexer [options]", specs);
            return 0;
        }
        if (!options.positional().empty())
            throw ConfigError("unexpected argument '" + options.positional()[0] + "'");
        for (const auto& dir : split_path_list(options.get("content-dirs")))
            settings.content_dirs.emplace_back(dir);
        if (settings.content_dirs.empty()) throw ConfigError("no content folder given");
        settings.database_url = options.get("database-url");
        settings.index_dir = options.get("index-dir");
        settings.rebuild = options.get_bool("rebuild");
        settings.synonyms_file = options.get("synonyms");
        settings.workers = static_cast<unsigned>(options.get_int("workers", 0, 64));
        settings.part_docs = static_cast<std::size_t>(options.get_int("part-docs", 1, 100000000));
        progress_mode = options.get("progress");
        if (progress_mode != "auto" && progress_mode != "always" && progress_mode != "never") {
            throw ConfigError("option --progress must be auto, always or never");
        }
    } catch (const ConfigError& e) {
        std::cerr << "kb-indexer: " << e.what() << "\n";
        return 2;
    }
    const bool show_progress =
        progress_mode == "always" || (progress_mode == "auto" && ::isatty(2));
    TerminalProgress terminal;
    ProgressFn progress;
    if (show_progress) progress = [&terminal](std::size_t d, std::size_t t) { terminal(d, t); };
    try {
        IndexerSummary s = run_indexer(settings, std::cerr, progress);
        double docs = static_cast<double>(s.added + s.updated);
        double rate = s.seconds > 0 ? docs / s.seconds : 0;
        double mbps = s.seconds > 0 ? static_cast<double>(s.bytes) / 1e6 / s.seconds : 0;
        std::printf(
            "kb-indexer: %zu files: %zu added, %zu updated, %zu deleted, %zu skipped, %zu failed "
            "in %.2fs (%.0f docs/s, %.2f MB/s)\n",
            s.files, s.added, s.updated, s.deleted, s.skipped, s.failed, s.seconds, rate, mbps);
        std::fprintf(stderr,
                     "kb-indexer: phases: reading %.2fs, analysis and indexing %.2fs, index commit "
                     "and compaction %.2fs, PostgreSQL alongside %.2fs; parts compacted: %zu\n",
                     s.reading_seconds, s.analysis_seconds, s.commit_seconds, s.postgres_seconds,
                     s.parts);
        return s.failed > 0 ? 1 : 0;
    } catch (const Xapian::Error& e) {
        std::cerr << "kb-indexer: search index error: " << e.get_description() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "kb-indexer: " << e.what() << "\n";
    }
    return 3;
}

}  // namespace kb
