/// @brief One indexing pass over Markdown folders into PostgreSQL and Xapian (incremental or
/// rebuild).
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace kb {

/// A rebuild's workers each start a new part after this many documents. Xapian adds each
/// flush's postings and positions into its B-trees term by term, reading and rewriting a leaf
/// block per term; in a small part those blocks are few and still in the page cache. One part
/// per worker (46k documents of the scale corpus each) took 10-15% longer than 2,000-document
/// parts, measured by running both builds side by side with one worker each; 1,000 and 2,500
/// were as good, 5,000 and 10,000 worse. Compacting the 46 parts takes ~0.3 s more than two.
constexpr std::size_t kDefaultPartDocs = 2000;

struct IndexerSettings {
    std::vector<std::filesystem::path> content_dirs;
    std::string database_url;
    std::filesystem::path index_dir;
    bool rebuild = false;
    std::filesystem::path synonyms_file;  ///< optional extra rules, "a, b => c" per line
    unsigned workers =
        0;  ///< analysis threads, and parts written at once by a rebuild; 0: one per core
    /// Documents per part of a rebuild (see kDefaultPartDocs).
    std::size_t part_docs = kDefaultPartDocs;
};

struct IndexerSummary {
    std::size_t files = 0;
    std::size_t added = 0;
    std::size_t updated = 0;
    std::size_t deleted = 0;
    std::size_t skipped = 0;
    std::size_t failed = 0;
    std::size_t bytes = 0;  ///< bytes of the files (re)indexed
    double seconds = 0;
    // Where the time went: reading and diffing the files, parsing and analysis with the Xapian
    // writes, the final Xapian commit (and a rebuild's compaction), and the PostgreSQL writes,
    // which run alongside that commit: the last two overlap.
    double reading_seconds = 0;
    double analysis_seconds = 0;
    double commit_seconds = 0;
    double postgres_seconds = 0;
    std::size_t parts = 0;  ///< parts a rebuild wrote and compacted
};

/// Called with (files done, files to do) as work progresses.
using ProgressFn = std::function<void(std::size_t, std::size_t)>;

/// Runs one pass. Per-file problems go to errors as "path:line: message" and count as failed; the
/// rest is indexed. Throws on infrastructure failure (database, index).
IndexerSummary run_indexer(const IndexerSettings& settings, std::ostream& errors,
                           const ProgressFn& progress);

}  // namespace kb
