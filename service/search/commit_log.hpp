/// @brief The terms each recent commit of the service's own writer touched, and what a cached
/// answer watches, so a commit drops only the cached answers it can change.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace kb {

/// What an answer depends on in the index: the terms of its query (text, synonyms, boosts,
/// filters), the id terms of the documents it shows, the prefixes it scanned the term list with,
/// and schema::kNewSpellingTerm when it checked words against the spelling dictionary. A commit
/// that changed none of them (IndexChanges) cannot change its matches nor what it shows.
/// `any_change`: the answer depends on more than that, so any commit drops it.
struct QueryWatch {
    std::vector<std::string> terms;     ///< sorted, unique
    std::vector<std::string> prefixes;  ///< sorted, unique
    bool any_change = false;
    void add_terms(const Xapian::Query& query);
    void finish();  ///< sorts and removes duplicates
    /// Whether a commit that wrote documents with these terms (sorted, unique) can change it.
    [[nodiscard]] bool touched_by(const std::vector<std::string>& changed) const;
    /// Whether one of these changed terms (sorted) starts with one of the prefixes.
    [[nodiscard]] bool prefix_touched_by(const std::vector<std::string>& changed) const;
};

/// Written by the index writer after each commit, read by the result cache. Remembers the last
/// kMaxCommits commits of one index generation; a commit it has not heard of (another process's,
/// an older one, or one it is about to be told of) counts as touching everything.
class CommitLog {
  public:
    static constexpr std::size_t kMaxCommits = 4096;

    /// The commit that made `revision` of `generation` wrote documents with these terms (or,
    /// with `everything`, changed what any query may find: metadata, several documents).
    void record(const std::string& generation, Xapian::rev revision,
                std::vector<std::string> changed_terms, bool everything = false);
    enum class Verdict {
        unchanged,  ///< every commit in between is known and none can change the answer
        changed,    ///< a known commit in between can change it
        unknown,    ///< a commit in between is not (or not yet) in the log
    };
    /// Whether an answer computed on revision `from` of generation holds on revision `to`.
    [[nodiscard]] Verdict compare(const std::string& generation, Xapian::rev from, Xapian::rev to,
                                  const QueryWatch& watch) const;

    /// Every term the commits after `from` up to `to` wrote, sorted and unique; nullopt when
    /// one of them is not in the log or changed everything.
    [[nodiscard]] std::optional<std::vector<std::string>> changed_between(
        const std::string& generation, Xapian::rev from, Xapian::rev to) const;

  private:
    mutable std::mutex mutex_;
    std::string generation_;
    /// Null: a commit that changed everything.
    std::map<Xapian::rev, std::shared_ptr<const std::vector<std::string>>> commits_;
};

}  // namespace kb
