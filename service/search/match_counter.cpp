/// @brief MatchCounter: a query's matches as a document set, its total and facet counts.
#include "match_counter.hpp"

#include "search_schema.hpp"

#include <algorithm>
#include <utility>

namespace kb {

namespace {

// The documents indexed with term, and how many they are.
DocSet read_postings(Xapian::Database& db, const std::string& term, Xapian::doccount& count) {
    DocSet set(db.get_lastdocid());
    count = 0;
    for (auto it = db.postlist_begin(term), end = db.postlist_end(term); it != end; ++it, ++count)
        set.add(*it);
    return set;
}

// What a phrase or NEAR matches needs positions: Xapian lists it, unranked, in docid order.
DocSet matcher_set(Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    DocSet set(db.get_lastdocid());
    for (auto it = mset.begin(); it != mset.end(); ++it) set.add(*it);
    return set;
}

}  // namespace

DocSet patched(const DocSet& old, const std::string& term, const DocumentChanges& changes) {
    DocSet out = old;
    for (const auto& document : changes.documents) {
        if (document.wdf(term))
            out.add(document.id);
        else
            out.remove(document.id);
    }
    return out;
}

std::shared_ptr<const DocSet> MatchCounter::term_set(Xapian::Database& db, const IndexState& state,
                                                     const std::string& term) {
    if (const auto list = rare_postings(db, state, term)) {
        auto set = std::make_shared<DocSet>(db.get_lastdocid());
        for (const Xapian::docid id : list->ids) set->add(id);
        return set;
    }
    return sets_.get(db, state, term, read_postings);
}

std::shared_ptr<const TermPostings> MatchCounter::rare_postings(Xapian::Database& db,
                                                                const IndexState& state,
                                                                const std::string& term) {
    if (postings_ == nullptr || term.empty() || schema::facet_of_term(term) != nullptr)
        return nullptr;
    auto list = postings_->get(db, state, term);
    return list->ids.size() < db.get_lastdocid() / 32 ? list : nullptr;
}

std::optional<DocSet> MatchCounter::evaluate(Xapian::Database& db, const IndexState& state,
                                             const Xapian::Query& query) {
    const auto n = query.get_num_subqueries();
    auto child = [&](std::size_t i) { return evaluate(db, state, query.get_subquery(i)); };
    // A union's rare words go from their postings straight into it: a set of their own
    // (zeroed, filled, copied, then united) cost more than the few bits they set.
    auto unite = [&]() -> std::optional<DocSet> {
        DocSet out(db.get_lastdocid());
        for (std::size_t i = 0; i < n; ++i) {
            const Xapian::Query sub = query.get_subquery(i);
            const auto list = sub.get_type() == Xapian::Query::LEAF_TERM
                                  ? rare_postings(db, state, *sub.get_terms_begin())
                                  : nullptr;
            if (list) {
                for (const Xapian::docid id : list->ids) out.add(id);
                continue;
            }
            std::optional<DocSet> next = child(i);
            if (!next) return std::nullopt;
            out.unite(*next);
        }
        return out;
    };
    // The children combined left to right by the set operation of op (unions: unite above).
    auto fold = [&](Xapian::Query::op op) -> std::optional<DocSet> {
        if (n == 0) return DocSet();
        std::optional<DocSet> out = child(0);
        for (std::size_t i = 1; out && i < n; ++i) {
            std::optional<DocSet> next = child(i);
            if (!next) return std::nullopt;
            switch (op) {
                case Xapian::Query::OP_AND:
                case Xapian::Query::OP_FILTER:
                    out->intersect(*next);
                    break;
                case Xapian::Query::OP_AND_NOT:
                    out->subtract(*next);
                    break;
                default:  // OP_XOR
                    out->symmetric_difference(*next);
                    break;
            }
        }
        return out;
    };
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM:
            return *term_set(db, state, *query.get_terms_begin());
        case Xapian::Query::LEAF_MATCH_ALL:
            return *term_set(db, state, "");
        case Xapian::Query::LEAF_MATCH_NOTHING:
        case Xapian::Query::LEAF_POSTING_SOURCE:  // the caller's source_terms
            return DocSet();
        case Xapian::Query::OP_SCALE_WEIGHT:
        case Xapian::Query::OP_AND_MAYBE:  // the others only add weight
            return child(0);
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX:
            return unite();
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_XOR:
            return fold(query.get_type());
        case Xapian::Query::OP_PHRASE:
        case Xapian::Query::OP_NEAR: {
            // Only the documents with every word can hold the phrase; checking each one's
            // positions costs a microsecond or two: beyond kMaxPhraseCandidates the matcher
            // counts the whole query instead (an estimate, flagged).
            const std::optional<DocSet> candidates = fold(Xapian::Query::OP_AND);
            if (!candidates || candidates->count() > kMaxPhraseCandidates) return std::nullopt;
            return matcher_set(db, query);
        }
        default:
            return std::nullopt;
    }
}

std::shared_ptr<const MatchCounter::FacetTerms> MatchCounter::facet_terms(Xapian::Database& db,
                                                                          const IndexState& state) {
    {
        std::lock_guard lock(mutex_);
        if (facet_terms_ && facet_terms_->generation == state.generation &&
            facet_terms_->revision == state.revision)
            return facet_terms_;
    }
    auto terms = std::make_shared<FacetTerms>();
    terms->generation = state.generation;
    terms->revision = state.revision;
    for (const auto& facet : schema::kFacets) {
        for (auto it = db.allterms_begin(facet.prefix); it != db.allterms_end(facet.prefix); ++it) {
            const std::string term = *it;
            if (schema::facet_of_term(term) != &facet) continue;
            terms->values.emplace_back(facet.name, term.substr(facet.prefix.size()), term);
        }
    }
    std::lock_guard lock(mutex_);
    facet_terms_ = terms;
    return terms;
}

std::optional<MatchCounter::Counts> MatchCounter::count(
    Xapian::Database& db, const IndexState& state, const Xapian::Query& query,
    const std::vector<std::string>& source_terms, const Xapian::Query& filter) {
    std::optional<DocSet> matches = evaluate(db, state, query);
    if (!matches) return std::nullopt;
    if (!source_terms.empty()) {
        DocSet sources;
        for (const auto& term : source_terms) sources.unite(*term_set(db, state, term));
        if (!filter.empty()) {
            std::optional<DocSet> allowed = evaluate(db, state, filter);
            if (!allowed) return std::nullopt;
            sources.intersect(*allowed);
        }
        matches->unite(sources);
    }
    Counts counts;
    counts.total = matches->count();
    for (const auto& facet : schema::kFacets) counts.facets[facet.name];
    if (counts.total > 0) {
        // Held here: another search may replace the shared list at any time.
        const std::shared_ptr<const FacetTerms> terms = facet_terms(db, state);
        for (const auto& [facet, value, term] : terms->values) {
            const std::size_t n = matches->count_common(*term_set(db, state, term));
            if (n > 0) counts.facets[facet].push_back({value, n});
        }
    }
    for (auto& [facet, list] : counts.facets) {
        std::sort(list.begin(), list.end(), [](const FacetValue& a, const FacetValue& b) {
            return a.count != b.count ? a.count > b.count : a.value < b.value;
        });
    }
    return counts;
}

}  // namespace kb
