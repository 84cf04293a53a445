/// @brief PostingStore: postings read from the index, kept, or patched with what commits wrote.
#include "posting_store.hpp"

#include <algorithm>
#include <limits>

namespace kb {

TermPostings patched(const TermPostings& old, const std::string& term,
                     const DocumentChanges& changes) {
    TermPostings out;
    out.ids.reserve(old.ids.size() + changes.documents.size());
    out.wdfs.reserve(old.ids.size() + changes.documents.size());
    auto changed = changes.documents.begin();
    const auto end = changes.documents.end();
    auto put_changed_before = [&](Xapian::docid limit) {
        for (; changed != end && changed->id < limit; ++changed) {
            if (const auto wdf = changed->wdf(term)) {
                out.ids.push_back(changed->id);
                out.wdfs.push_back(
                    static_cast<std::uint16_t>(std::min<Xapian::termcount>(*wdf, 65535)));
            }
        }
    };
    for (std::size_t i = 0; i < old.ids.size(); ++i) {
        put_changed_before(old.ids[i]);
        if (changed != end && changed->id == old.ids[i]) continue;  // put back by the next call
        out.ids.push_back(old.ids[i]);
        out.wdfs.push_back(old.wdfs[i]);
    }
    put_changed_before(std::numeric_limits<Xapian::docid>::max());
    return out;
}

std::shared_ptr<const TermPostings> PostingStore::get(Xapian::Database& db, const IndexState& state,
                                                      const std::string& term) {
    return kept_.get(
        db, state, term, [](Xapian::Database& d, const std::string& t, Xapian::doccount& count) {
            TermPostings out;
            for (auto it = d.postlist_begin(t), end = d.postlist_end(t); it != end; ++it) {
                out.ids.push_back(*it);
                out.wdfs.push_back(
                    static_cast<std::uint16_t>(std::min<Xapian::termcount>(it.get_wdf(), 65535)));
            }
            count = static_cast<Xapian::doccount>(out.ids.size());
            return out;
        });
}

}  // namespace kb
