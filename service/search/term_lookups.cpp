/// @brief TermLookups: per-state memo of term frequencies, spellings and prefix scans.
#include "term_lookups.hpp"

namespace kb {

void TermLookups::clear_locked() {
    frequencies_.clear();
    spellings_.clear();
    suggestions_.clear();
    prefixes_.clear();
    bytes_ = 0;
}

template <typename Value, typename Make, typename Size>
Value TermLookups::remember(std::unordered_map<std::string, Value>& map, const std::string& version,
                            const std::string& key, Make make, Size size) {
    {
        std::lock_guard lock(mutex_);
        if (version != version_) {
            clear_locked();
            version_ = version;
        }
        if (auto hit = map.find(key); hit != map.end()) return hit->second;
    }
    Value value = make();
    // A hash node with its key, and what the value holds.
    const std::size_t bytes = 64 + key.size() + size(value);
    std::lock_guard lock(mutex_);
    // A search still running on an older state must not fill a newer one's memo.
    if (version != version_) return value;
    if (bytes_ + bytes > kMaxBytes) clear_locked();
    if (map.emplace(key, value).second) bytes_ += bytes;
    return value;
}

Xapian::doccount TermLookups::On::frequency(const std::string& term) const {
    return memo_.remember(
        memo_.frequencies_, version_, term, [&] { return db_.get_termfreq(term); },
        [](Xapian::doccount) { return std::size_t{0}; });
}

bool TermLookups::On::spelled(const std::string& word) const {
    return memo_.remember(
        memo_.spellings_, version_, word,
        [&] {
            Xapian::TermIterator it = db_.spellings_begin();
            it.skip_to(word);
            return it != db_.spellings_end() && *it == word;
        },
        [](bool) { return std::size_t{0}; });
}

namespace {

// The most frequent word of the spelling dictionary that is `word` and one more letter at the
// end ("annex": "annexe"), "" for none. Looks at most at kMaxScanned words starting with word.
std::string completed_by_one(const Xapian::Database& db, const std::string& word) {
    constexpr int kMaxScanned = 1000;
    std::string best;
    Xapian::doccount best_frequency = 0;
    Xapian::TermIterator it = db.spellings_begin();
    it.skip_to(word);
    for (int scanned = 0; it != db.spellings_end() && scanned < kMaxScanned; ++it, ++scanned) {
        const std::string candidate = *it;
        if (candidate.compare(0, word.size(), word) != 0) break;
        if (candidate.size() != word.size() + 1) continue;
        // A spelling iterator's term frequency is the word's count in the dictionary.
        if (const Xapian::doccount frequency = it.get_termfreq(); frequency > best_frequency) {
            best = candidate;
            best_frequency = frequency;
        }
    }
    return best;
}

std::size_t common_prefix(const std::string& a, const std::string& b) {
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    return i;
}

}  // namespace

std::string TermLookups::On::suggestion(const std::string& word, unsigned max_edit_distance) const {
    return memo_.remember(
        memo_.suggestions_, version_, word + '\x1f' + std::to_string(max_edit_distance),
        [&] {
            std::string nearest = db_.get_spelling_suggestion(word, max_edit_distance);
            // Xapian picks the most frequent word at the least distance: "annex" became "annee",
            // more frequent than "annexe", both one letter away. A word the typed one only
            // lacks its last letter of is what was meant.
            if (max_edit_distance == 0) return nearest;
            std::string completed = completed_by_one(db_, word);
            if (!completed.empty() && common_prefix(word, completed) > common_prefix(word, nearest))
                return completed;
            return nearest;
        },
        [](const std::string& suggestion) { return suggestion.size(); });
}

std::shared_ptr<const std::vector<std::string>> TermLookups::On::with_prefix(
    const std::string& prefix, std::size_t limit) const {
    using Terms = std::shared_ptr<const std::vector<std::string>>;
    return memo_.remember(
        memo_.prefixes_, version_, prefix + '\x1f' + std::to_string(limit),
        [&] {
            auto terms = std::make_shared<std::vector<std::string>>();
            for (auto it = db_.allterms_begin(prefix);
                 it != db_.allterms_end(prefix) && terms->size() < limit; ++it)
                terms->push_back(*it);
            return Terms(std::move(terms));
        },
        [](const Terms& terms) {
            std::size_t bytes = 64;
            for (const auto& term : *terms) bytes += 32 + term.size();
            return bytes;
        });
}

}  // namespace kb
