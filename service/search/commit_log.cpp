/// @brief QueryWatch and CommitLog: sorted term sets, intersected on each cache lookup.
#include "commit_log.hpp"

#include <algorithm>

namespace kb {

void QueryWatch::add_terms(const Xapian::Query& query) {
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
        // The empty term is MatchAll, which the engine only uses under a filter (whose terms
        // are watched).
        if (!(*it).empty()) terms.push_back(*it);
    }
}

void QueryWatch::finish() {
    for (auto* list : {&terms, &prefixes}) {
        std::sort(list->begin(), list->end());
        list->erase(std::unique(list->begin(), list->end()), list->end());
    }
}

bool QueryWatch::touched_by(const std::vector<std::string>& changed) const {
    if (any_change) return true;
    // Both sorted: one merge walk.
    auto c = changed.begin();
    for (const auto& term : terms) {
        c = std::lower_bound(c, changed.end(), term);
        if (c == changed.end()) break;
        if (*c == term) return true;
    }
    return prefix_touched_by(changed);
}

bool QueryWatch::prefix_touched_by(const std::vector<std::string>& changed) const {
    for (const auto& prefix : prefixes) {
        auto at = std::lower_bound(changed.begin(), changed.end(), prefix);
        if (at != changed.end() && at->compare(0, prefix.size(), prefix) == 0) return true;
    }
    return false;
}

void CommitLog::record(const std::string& generation, Xapian::rev revision,
                       std::vector<std::string> changed_terms, bool everything) {
    auto terms = everything
                     ? nullptr
                     : std::make_shared<const std::vector<std::string>>(std::move(changed_terms));
    std::lock_guard lock(mutex_);
    if (generation != generation_) {
        commits_.clear();
        generation_ = generation;
    }
    commits_[revision] = std::move(terms);
    while (commits_.size() > kMaxCommits) commits_.erase(commits_.begin());
}

CommitLog::Verdict CommitLog::compare(const std::string& generation, Xapian::rev from,
                                      Xapian::rev to, const QueryWatch& watch) const {
    if (from == to) return Verdict::unchanged;
    if (from > to) return Verdict::unknown;
    if (watch.any_change) return Verdict::changed;
    std::vector<std::shared_ptr<const std::vector<std::string>>> between;
    {
        std::lock_guard lock(mutex_);
        if (generation != generation_) return Verdict::unknown;
        auto it = commits_.upper_bound(from);
        for (Xapian::rev r = from + 1; r <= to; ++r, ++it) {
            // Another process's commit, or the writer's own before it recorded it.
            if (it == commits_.end() || it->first != r) return Verdict::unknown;
            between.push_back(it->second);
        }
    }
    const bool touched = std::any_of(between.begin(), between.end(), [&](const auto& changed) {
        return changed == nullptr || watch.touched_by(*changed);
    });
    return touched ? Verdict::changed : Verdict::unchanged;
}

std::optional<std::vector<std::string>> CommitLog::changed_between(const std::string& generation,
                                                                   Xapian::rev from,
                                                                   Xapian::rev to) const {
    if (from > to) return std::nullopt;
    std::vector<std::string> out;
    std::lock_guard lock(mutex_);
    if (from < to && generation != generation_) return std::nullopt;
    auto it = commits_.upper_bound(from);
    for (Xapian::rev r = from + 1; r <= to; ++r, ++it) {
        if (it == commits_.end() || it->first != r || it->second == nullptr) return std::nullopt;
        out.insert(out.end(), it->second->begin(), it->second->end());
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace kb
