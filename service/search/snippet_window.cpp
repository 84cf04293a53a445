/// @brief A snippet: the passage of a text that best matches a query, its words marked.
#include "snippet_window.hpp"

#include "html_escape.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <functional>

namespace kb {

namespace {

// Not std::isalnum: a call into the C locale per byte of every hit's text cost 4% of a search.
constexpr bool is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// Back to the start of the UTF-8 character at i.
std::size_t char_start(std::string_view text, std::size_t i) {
    while (i > 0 && i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
    return i;
}

}  // namespace

std::vector<std::string> snippet_stems(const Xapian::Query& query) {
    std::vector<std::string> out;
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
        const std::string& term = *it;
        // "Z" + a lower-case stem; "ZS…" (title words) and other prefixes are upper case.
        if (term.size() > 1 && term[0] == 'Z' && !std::isupper(static_cast<unsigned char>(term[1])))
            out.push_back(term.substr(1));
    }
    return out;
}

namespace {

// Bytes of the UTF-8 punctuation at i that separates words (apostrophes, so that "d’insertion"
// marks "insertion"; quotes, dashes, no-break spaces, the ellipsis), else 0.
std::size_t separator_at(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) {
        return k < text.size() ? static_cast<unsigned char>(text[k]) : 0;
    };
    if (byte(i) == 0xC2 && (byte(i + 1) == 0xA0 || byte(i + 1) == 0xAB || byte(i + 1) == 0xBB))
        return 2;
    if (byte(i) == 0xE2 && byte(i + 1) == 0x80) {
        const unsigned char c = byte(i + 2);
        if ((c >= 0x93 && c <= 0x9F) || c == 0xA6 || c == 0xAF) return 3;
    }
    return 0;
}

// Per byte: 0 not in a word, 1 in a word, 2 in a word unless it starts a separator (the lead
// bytes of the punctuation separator_at knows). A table: this runs over every byte of every
// hit's whole text.
constexpr std::array<unsigned char, 256> kByteClass = [] {
    std::array<unsigned char, 256> table{};
    for (int c = 0; c < 256; ++c) table[c] = is_word_byte(static_cast<unsigned char>(c)) ? 1 : 0;
    table[0xC2] = table[0xE2] = 2;
    return table;
}();

bool word_byte_at(std::string_view text, std::size_t i) {
    const unsigned char kind = kByteClass[static_cast<unsigned char>(text[i])];
    return kind == 1 || (kind == 2 && separator_at(text, i) == 0);
}

struct Match {
    std::size_t offset;
    std::size_t size;
    std::size_t stem;  ///< number of a distinct stem of those given
};

// Longer words are never stemmed nor marked (no French word is; a URL or a token may be).
constexpr std::size_t kLongestWord = 64;

// Calls f(offset, size) for each word of text, in order.
template <class F>
void for_each_text_word(std::string_view text, F&& f) {
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && !word_byte_at(text, i))
            i += std::max<std::size_t>(1, separator_at(text, i));
        const std::size_t start = i;
        while (i < text.size() && word_byte_at(text, i)) ++i;
        if (i > start) f(start, i - start);
    }
}

// Whether the character starting at k begins a word (or is not part of one).
bool starts_word(std::string_view text, std::size_t k) {
    return k == 0 || k >= text.size() || !word_byte_at(text, k) ||
           !word_byte_at(text, char_start(text, k - 1));
}

// Where a cut at i should be so that no word is split: back to the start of the word at i.
std::size_t word_start(std::string_view text, std::size_t i) {
    std::size_t k = char_start(text, std::min(i, text.size()));
    while (!starts_word(text, k)) k = char_start(text, k - 1);
    return k;
}

// The snippet of text around the best window of matches (in text order, numbered below
// `distinct_stems`).
std::string render_snippet(std::string_view text, const std::vector<Match>& matches,
                           std::size_t distinct_stems, std::size_t length) {
    std::size_t from = 0;
    if (!matches.empty()) {
        // Sliding window over the matches: the most distinct stems within `length` bytes, then
        // the most occurrences; the earliest such window.
        // The window leaves room for the context shown before its first word.
        const std::size_t window = length > 2 * kSnippetContext ? length - kSnippetContext : length;
        std::vector<std::size_t> counts(distinct_stems, 0);
        std::size_t distinct = 0, end = 0, best = 0, best_score = 0;
        for (std::size_t first = 0; first < matches.size(); ++first) {
            while (end < matches.size() &&
                   matches[end].offset + matches[end].size <= matches[first].offset + window) {
                if (counts[matches[end].stem]++ == 0) ++distinct;
                ++end;
            }
            const std::size_t score = distinct * 1000 + (end - first);
            if (score > best_score) best_score = score, best = first;
            if (--counts[matches[first].stem] == 0) --distinct;
        }
        // A little context before the first matching word, from a word start; a text that fits
        // is shown from its start.
        const std::size_t at = matches[best].offset;
        if (text.size() > length && at > kSnippetContext) {
            from = char_start(text, at - kSnippetContext);
            // Forward to the next word start rather than back: the context stays short.
            while (from < at && !starts_word(text, from)) {
                ++from;
                while (from < at && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) ++from;
            }
        }
        // A window that would run past the end starts earlier, to fill the snippet.
        if (from > 0 && text.size() - from < length)
            from = word_start(text, text.size() > length ? text.size() - length : 0);
    }
    std::size_t to = text.size();
    if (to - from > length) {
        to = word_start(text, from + length);
        if (to <= from) to = char_start(text, from + length);  // one very long word
    }
    // Trailing spaces and punctuation before an ellipsis add nothing.
    std::string out = from > 0 ? "…" : "";
    std::size_t pos = from;
    for (const Match& m : matches) {
        if (m.offset < from) continue;
        if (m.offset + m.size > to) break;
        out += http::html_escape(text.substr(pos, m.offset - pos));
        out += "<mark>";
        out += http::html_escape(text.substr(m.offset, m.size));
        out += "</mark>";
        pos = m.offset + m.size;
    }
    std::string_view rest = text.substr(pos, to - pos);
    if (to < text.size()) {
        while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\n')) rest.remove_suffix(1);
    }
    out += http::html_escape(rest);
    if (to < text.size()) out += "…";
    return out;
}

std::uint64_t stem_hash(std::string_view stem) {
    return std::hash<std::string_view>{}(stem);
}

// A hash as the key of an open table below: 0 marks an empty slot.
std::uint64_t table_key(std::uint64_t hash) {
    return std::max<std::uint64_t>(hash, 1);
}

// Where `key` is in an open table (a power-of-two number of slots, linear probing, never full),
// or the empty slot where it goes.
template <typename Slot>
std::size_t slot_of(const std::vector<Slot>& slots, std::uint64_t key) {
    const std::size_t mask = slots.size() - 1;
    std::size_t at = key & mask;
    while (slots[at].key != 0 && slots[at].key != key) at = (at + 1) & mask;
    return at;
}

// The hash of a word's stem. A document's words are mostly words other documents had: each
// word form is stemmed once per thread (a bounded memo, which takes every caller's stemmer to
// be the one analysis' stemmer, make_french_stem, as the header asks). The memo is an open
// table keyed by the word's 64-bit hash (two word forms sharing one are not to be expected, as
// for stems above): a lookup is one slot read where a map of strings chased a bucket, a node
// and the string, and that was two thirds of a first view's word placing.
std::uint64_t word_stem_hash(std::string_view word, Xapian::Stem& stem) {
    struct Slot {
        std::uint64_t key = 0;  ///< table_key of the word's hash; 0: empty
        std::uint64_t stem = 0;
    };
    constexpr std::size_t kSlots = std::size_t{1} << 17;  // 2 MB a thread
    thread_local std::vector<Slot> memo(kSlots);
    thread_local std::size_t used = 0;
    const std::uint64_t key = table_key(stem_hash(word));
    std::size_t at = slot_of(memo, key);
    if (memo[at].key == key) return memo[at].stem;
    // Three quarters full: probes get long, start again.
    if (used >= kSlots / 4 * 3) {
        std::fill(memo.begin(), memo.end(), Slot{});
        used = 0;
        at = slot_of(memo, key);
    }
    const std::uint64_t hash = stem_hash(stem(std::string(word)));
    memo[at] = Slot{key, hash};
    ++used;
    return hash;
}

// Numbers the distinct stems of one text in order of first appearance: an open table of
// (hash, number), grown as it fills (a map allocated a node per stem).
class StemNumbers {
  public:
    /// The stem's number and whether it is new.
    std::pair<std::uint32_t, bool> number(std::uint64_t hash) {
        if ((distinct_.size() + 1) * 2 > slots_.size()) grow();
        const std::uint64_t key = table_key(hash);
        Slot& slot = slots_[slot_of(slots_, key)];
        if (slot.key == key) return {slot.number, false};
        slot = Slot{key, static_cast<std::uint32_t>(distinct_.size())};
        distinct_.push_back(hash);
        return {slot.number, true};
    }
    /// Each distinct stem's hash, by number.
    [[nodiscard]] const std::vector<std::uint64_t>& distinct() const { return distinct_; }

  private:
    struct Slot {
        std::uint64_t key = 0;  ///< table_key of the stem's hash; 0: empty
        std::uint32_t number = 0;
    };
    void grow() {
        std::vector<Slot> old(std::max<std::size_t>(256, slots_.size() * 2));
        old.swap(slots_);
        for (const Slot& slot : old)
            if (slot.key != 0) slots_[slot_of(slots_, slot.key)] = slot;
    }
    std::vector<Slot> slots_;
    std::vector<std::uint64_t> distinct_;
};

}  // namespace

StemPositions::StemPositions(std::string_view text, Xapian::Stem& stem) {
    // Each word's stem numbered in order of first appearance, then the words placed by stem
    // (a counting sort: sorting every word by stem hash was most of a long text's first view).
    StemNumbers numbers;
    std::vector<std::uint32_t> count;                            // words of each number
    std::vector<std::pair<std::uint32_t, std::uint32_t>> words;  // number, packed word
    for_each_text_word(text, [&](std::size_t start, std::size_t size) {
        if (size > kLongestWord || start >= kMaxOffset) return;
        const std::uint64_t hash = word_stem_hash(text.substr(start, size), stem);
        const auto [number, fresh] = numbers.number(hash);
        if (fresh) count.push_back(0);
        ++count[number];
        words.emplace_back(number, static_cast<std::uint32_t>(start << kSizeBits | size));
    });
    // The stems by hash, each one's first word after those of the smaller hashes.
    const std::vector<std::uint64_t>& distinct = numbers.distinct();
    std::vector<std::uint32_t> order(distinct.size());
    for (std::uint32_t n = 0; n < order.size(); ++n) order[n] = n;
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return distinct[a] < distinct[b]; });
    std::vector<std::uint32_t> next(distinct.size());  // by number: where its next word goes
    hashes_.reserve(order.size());
    firsts_.reserve(order.size());
    std::uint32_t at = 0;
    for (const std::uint32_t n : order) {
        hashes_.push_back(distinct[n]);
        firsts_.push_back(at);
        next[n] = at;
        at += count[n];
    }
    // In text order, so each stem's words stay by offset.
    words_.resize(words.size());
    for (const auto& [n, word] : words) words_[next[n]++] = word;
}

std::string highlighted_snippet(std::string_view text, const StemPositions& positions,
                                const std::vector<std::string>& stems, std::size_t length,
                                const std::vector<std::vector<std::string>>& phrases) {
    // The words of one stem, in text order (none when the text lacks it).
    auto words_of = [&](const std::string& s) -> std::pair<const std::uint32_t*, std::size_t> {
        const std::uint64_t hash = stem_hash(s);
        const auto& hashes = positions.hashes_;
        const auto it = std::lower_bound(hashes.begin(), hashes.end(), hash);
        if (it == hashes.end() || *it != hash) return {nullptr, 0};
        const auto at = static_cast<std::size_t>(it - hashes.begin());
        const std::size_t end =
            at + 1 == hashes.size() ? positions.words_.size() : positions.firsts_[at + 1];
        return {positions.words_.data() + positions.firsts_[at], end - positions.firsts_[at]};
    };
    auto match_of = [](std::uint32_t word, std::size_t number) {
        return Match{word >> StemPositions::kSizeBits,
                     word & ((1u << StemPositions::kSizeBits) - 1), number};
    };
    std::vector<Match> matches;
    std::vector<std::uint64_t> seen;
    for (const auto& s : stems) {
        if (s.empty()) continue;
        const std::uint64_t hash = stem_hash(s);
        if (std::find(seen.begin(), seen.end(), hash) != seen.end()) continue;
        const std::size_t number = seen.size();
        seen.push_back(hash);
        const auto [words, count] = words_of(s);
        for (std::size_t k = 0; k < count; ++k) matches.push_back(match_of(words[k], number));
    }
    // A phrase's words where they follow one another, nothing but spaces or punctuation
    // between them ("vingt-quatre"), each phrase one distinct stem for the window.
    std::size_t distinct = seen.size();
    for (const auto& phrase : phrases) {
        if (phrase.empty()) continue;
        std::vector<std::pair<const std::uint32_t*, std::size_t>> lists;
        for (const auto& s : phrase) lists.push_back(words_of(s));
        const std::size_t number = distinct++;
        for (std::size_t k = 0; k < lists[0].second; ++k) {
            std::vector<Match> run{match_of(lists[0].first[k], number)};
            bool whole = true;
            for (std::size_t w = 1; w < lists.size() && whole; ++w) {
                // The phrase's next word: the first of its stem after this one, if nothing but
                // spaces or punctuation come between.
                const std::size_t after = run.back().offset + run.back().size;
                const std::uint32_t* first = lists[w].first;
                const std::uint32_t* last = first + lists[w].second;
                const std::uint32_t* next = std::lower_bound(
                    first, last, static_cast<std::uint32_t>(after << StemPositions::kSizeBits));
                whole = next != last;
                if (!whole) break;
                const Match candidate = match_of(*next, number);
                for (std::size_t i = after; i < candidate.offset && whole; ++i)
                    whole = !word_byte_at(text, i);
                if (whole) run.push_back(candidate);
            }
            if (whole) matches.insert(matches.end(), run.begin(), run.end());
        }
    }
    std::sort(matches.begin(), matches.end(),
              [](const Match& a, const Match& b) { return a.offset < b.offset; });
    // A word both typed and in a phrase is marked once.
    matches.erase(std::unique(matches.begin(), matches.end(),
                              [](const Match& a, const Match& b) { return a.offset == b.offset; }),
                  matches.end());
    return render_snippet(text, matches, distinct, length);
}

}  // namespace kb
