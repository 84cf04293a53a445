/// @brief IndexChanges: a document's terms before and after a write, and what differs.
#include "index_changes.hpp"

#include "search_schema.hpp"

#include <algorithm>

namespace kb {

IndexChanges::Snapshot IndexChanges::read(const Xapian::Database& db, const std::string& id_term) {
    Snapshot snapshot;
    for (auto pit = db.postlist_begin(id_term); pit != db.postlist_end(id_term); ++pit) {
        snapshot.length += db.get_doclength(*pit);
        for (auto tit = db.termlist_begin(*pit); tit != db.termlist_end(*pit); ++tit) {
            Posting& posting = snapshot.terms[*tit];
            posting.wdf += tit.get_wdf();
            // FNV-1a over the positions: a phrase may start or stop matching though no word
            // count changed.
            std::uint64_t hash = posting.positions ^ 0xcbf29ce484222325ULL;
            for (auto pos = tit.positionlist_begin(); pos != tit.positionlist_end(); ++pos) {
                hash ^= *pos;
                hash *= 0x100000001b3ULL;
            }
            posting.positions = hash;
        }
    }
    return snapshot;
}

void IndexChanges::before(const Xapian::Database& db, const std::string& id_term) {
    before_[id_term] = read(db, id_term);
}

void IndexChanges::after(const Xapian::Database& db, const std::string& id_term) {
    const Snapshot now = read(db, id_term);
    Snapshot was;
    if (const auto it = before_.find(id_term); it != before_.end()) {
        was = std::move(it->second);
        before_.erase(it);
    }
    std::vector<std::string> changed;
    bool facets = false;
    auto note = [&](const std::string& term) {
        changed.push_back(term);
        facets = facets || schema::facet_of_term(term) != nullptr;
    };
    for (const auto& [term, posting] : was.terms) {
        const auto found = now.terms.find(term);
        if (found == now.terms.end() || !(found->second == posting)) note(term);
    }
    for (const auto& [term, posting] : now.terms) {
        if (!was.terms.count(term)) note(term);
    }
    const bool shorter = !was.terms.empty() && !now.terms.empty() && now.length < was.length;
    if (facets || shorter) {
        changed.clear();
        for (const auto& entry : was.terms) changed.push_back(entry.first);
        for (const auto& entry : now.terms) changed.push_back(entry.first);
    }
    // Any write may change what a hit shows (status, counts, dates): answers listing the
    // document watch its id term.
    if (!was.terms.empty() || !now.terms.empty()) changed.push_back(id_term);
    terms_.insert(terms_.end(), changed.begin(), changed.end());
    sorted_ = false;
}

void IndexChanges::spelling_grew() {
    terms_.push_back(schema::kNewSpellingTerm);
    sorted_ = false;
}

const std::vector<std::string>& IndexChanges::terms() {
    if (!sorted_) {
        std::sort(terms_.begin(), terms_.end());
        terms_.erase(std::unique(terms_.begin(), terms_.end()), terms_.end());
        sorted_ = true;
    }
    return terms_;
}

}  // namespace kb
