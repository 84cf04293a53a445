/// @brief TermLookups: per-state memo of term frequencies, spellings and prefix scans.
#include "term_lookups.hpp"

#include <algorithm>
#include <vector>

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

// The most frequent word of the spelling dictionary that is `word` with one letter more,
// anywhere ("annex": "annexe", "drets": "dreets"), "" for none. The candidates are looked up in
// order with one iterator: 26 letters at each place, a few hundred B-tree steps.
std::string with_one_more_letter(const Xapian::Database& db, const std::string& word) {
    std::vector<std::string> candidates;
    candidates.reserve(26 * (word.size() + 1));
    for (std::size_t at = 0; at <= word.size(); ++at)
        for (char letter = 'a'; letter <= 'z'; ++letter)
            candidates.push_back(word.substr(0, at) + letter + word.substr(at));
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    std::string best;
    Xapian::doccount best_frequency = 0;
    Xapian::TermIterator it = db.spellings_begin();
    for (const auto& candidate : candidates) {
        it.skip_to(candidate);
        if (it == db.spellings_end()) break;
        // A spelling iterator's term frequency is the word's count in the dictionary.
        if (*it == candidate && it.get_termfreq() > best_frequency) {
            best = candidate;
            best_frequency = it.get_termfreq();
        }
    }
    return best;
}

/// Words this long or more prefer a word with one letter more: three-letter ones have many such
/// neighbours ("iea" would not be "iae").
constexpr std::size_t kMinLengthForMissingLetter = 4;

}  // namespace

std::string TermLookups::On::suggestion(const std::string& word, unsigned max_edit_distance) const {
    return memo_.remember(
        memo_.suggestions_, version_, word + '\x1f' + std::to_string(max_edit_distance),
        [&] {
            // Xapian picks the most frequent word at the least distance: "annex" became "annee"
            // (more frequent than "annexe") and "drets" "ddets" (than "dreets"). A word that
            // holds every typed letter in order, and one more, is what was meant: a letter left
            // out is the typo.
            if (max_edit_distance > 0 && word.size() >= kMinLengthForMissingLetter)
                if (std::string longer = with_one_more_letter(db_, word); !longer.empty())
                    return longer;
            return db_.get_spelling_suggestion(word, max_edit_distance);
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
