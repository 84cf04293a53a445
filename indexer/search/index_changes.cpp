/// @brief IndexChanges: read a document's term list, keep the union sorted on demand.
#include "index_changes.hpp"

#include <algorithm>

namespace kb {

void IndexChanges::add_document(const Xapian::Database& db, const std::string& id_term) {
    for (auto pit = db.postlist_begin(id_term); pit != db.postlist_end(id_term); ++pit) {
        for (auto tit = db.termlist_begin(*pit); tit != db.termlist_end(*pit); ++tit) {
            terms_.push_back(*tit);
        }
        sorted_ = false;
    }
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
