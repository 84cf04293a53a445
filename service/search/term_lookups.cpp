/// @brief TermLookups: per-state memo of term frequencies, spellings and prefix scans.
#include "term_lookups.hpp"

namespace kb {

template <typename Value, typename Make>
Value TermLookups::remember(std::unordered_map<std::string, Value>& map, const std::string& version,
                            const std::string& key, Make make) {
    {
        std::lock_guard lock(mutex_);
        if (version != version_) {
            frequencies_.clear();
            spellings_.clear();
            prefixes_.clear();
            version_ = version;
        }
        if (auto hit = map.find(key); hit != map.end()) return hit->second;
    }
    Value value = make();
    std::lock_guard lock(mutex_);
    // A search still running on an older state must not fill a newer one's memo.
    if (version != version_) return value;
    if (map.size() >= kMaxEntries) map.clear();
    map.emplace(key, value);
    return value;
}

Xapian::doccount TermLookups::On::frequency(const std::string& term) const {
    return memo_.remember(memo_.frequencies_, version_, term,
                          [&] { return db_.get_termfreq(term); });
}

bool TermLookups::On::spelled(const std::string& word) const {
    return memo_.remember(memo_.spellings_, version_, word, [&] {
        Xapian::TermIterator it = db_.spellings_begin();
        it.skip_to(word);
        return it != db_.spellings_end() && *it == word;
    });
}

std::shared_ptr<const std::vector<std::string>> TermLookups::On::with_prefix(
    const std::string& prefix, std::size_t limit) const {
    return memo_.remember(memo_.prefixes_, version_, prefix + '\x1f' + std::to_string(limit), [&] {
        auto terms = std::make_shared<std::vector<std::string>>();
        for (auto it = db_.allterms_begin(prefix);
             it != db_.allterms_end(prefix) && terms->size() < limit; ++it)
            terms->push_back(*it);
        return std::shared_ptr<const std::vector<std::string>>(std::move(terms));
    });
}

}  // namespace kb
