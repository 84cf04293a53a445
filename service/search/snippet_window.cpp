/// @brief A snippet: the passage of a text that best matches a query, its words marked.
#include "snippet_window.hpp"

#include "html_escape.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>

namespace kb {

namespace {

// Not std::isalnum: a call into the C locale per byte of every hit's text cost 4% of a search.
constexpr bool is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

unsigned char ascii_lower(unsigned char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + 32) : c;
}

// Back to the start of the UTF-8 character at i.
std::size_t char_start(std::string_view text, std::size_t i) {
    while (i > 0 && i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
    return i;
}

// The letter a lower-case Latin-1 accented letter folds to (the second byte of its UTF-8 form,
// after 0xC3), or 0 for another character.
char folded_latin1(unsigned char second) {
    static constexpr char kFold[] =
        "aaaaaa"  // à á â ã ä å (0xA0-0xA5)
        "?c"      // æ ç
        "eeee"    // è é ê ë
        "iiii"    // ì í î ï
        "?n"      // ð ñ
        "ooooo"   // ò ó ô õ ö (0xB2-0xB6)
        "??"      // ÷ ø
        "uuuu"    // ù ú û ü (0xB9-0xBC)
        "?"       // ý
        "??";     // þ ÿ
    if (second >= 0x80 && second < 0xA0) second = static_cast<unsigned char>(second + 0x20);
    if (second < 0xA0 || second > 0xBF) return 0;
    const char c = kFold[second - 0xA0];
    return c == '?' ? 0 : c;
}

// Whether a word may stem to one of stems: false only when its first letters, accents folded,
// differ from those of every stem but its last two (Snowball changes only the ends of words:
// "chevaux" stems to "cheval"). Stemming every word was most of a hit's cost.
bool may_stem_to_one_of(std::string_view word, const std::vector<std::string>& stems) {
    // The word's first letters, folded, up to the longest stem or a character not handled.
    char folded[72];
    std::size_t length = 0;
    bool unknown = false;
    for (std::size_t i = 0; i < word.size() && length < sizeof folded; ++i) {
        const auto c = static_cast<unsigned char>(word[i]);
        if (c < 0x80) {
            folded[length++] = static_cast<char>(ascii_lower(c));
        } else if (c == 0xC3 && i + 1 < word.size() &&
                   folded_latin1(static_cast<unsigned char>(word[i + 1])) != 0) {
            folded[length++] = folded_latin1(static_cast<unsigned char>(word[++i]));
        } else {
            unknown = true;  // from here on, only stemming can tell
            break;
        }
    }
    return std::any_of(stems.begin(), stems.end(), [&](const std::string& s) {
        const std::size_t n = s.size() > 3 ? s.size() - 2 : 1;
        for (std::size_t k = 0; k < n; ++k) {
            if (k >= length) return unknown;  // else the word is shorter than the stem
            if (static_cast<unsigned char>(s[k]) >= 0x80) return true;
            if (folded[k] != s[k]) return false;
        }
        return true;
    });
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
    std::size_t stem;  ///< index in the stems given
};

// Every word of text whose stem is one of stems, in order.
std::vector<Match> find_matches(std::string_view text, const std::vector<std::string>& stems,
                                Xapian::Stem& stem) {
    // Stemming every word of a long text would cost more than the search: a word is stemmed only
    // when its first letters (lower-cased, accents folded) may start a query stem, and it is at
    // least as long as the shortest stem (folding and stemming only shorten words, and only
    // change their ends).
    bool first_letters[128] = {};
    std::size_t shortest = std::string::npos;
    std::unordered_map<std::string, std::size_t> index;  // stem -> its number
    for (const auto& s : stems) {
        if (s.empty()) continue;
        const auto c = static_cast<unsigned char>(s[0]);
        if (c < 128) first_letters[c] = true;
        shortest = std::min(shortest, s.size());
        index.emplace(s, index.size());
    }
    std::vector<Match> matches;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && !word_byte_at(text, i))
            i += std::max<std::size_t>(1, separator_at(text, i));
        const std::size_t start = i;
        while (i < text.size() && word_byte_at(text, i)) ++i;
        const std::string_view word = text.substr(start, i - start);
        if (word.empty() || word.size() < shortest || word.size() > 64) continue;
        const unsigned char c = ascii_lower(static_cast<unsigned char>(word[0]));
        if (c < 128 && !first_letters[c]) continue;
        if (!may_stem_to_one_of(word, stems)) continue;
        if (auto hit = index.find(stem(std::string(word))); hit != index.end())
            matches.push_back({start, word.size(), hit->second});
    }
    return matches;
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

}  // namespace

std::string highlighted_snippet(std::string_view text, const std::vector<std::string>& stems,
                                Xapian::Stem& stem, std::size_t length) {
    const std::vector<Match> matches =
        stems.empty() ? std::vector<Match>{} : find_matches(text, stems, stem);
    std::size_t from = 0;
    if (!matches.empty()) {
        // Sliding window over the matches: the most distinct stems within `length` bytes, then
        // the most occurrences; the earliest such window.
        // The window leaves room for the context shown before its first word.
        const std::size_t window = length > 2 * kSnippetContext ? length - kSnippetContext : length;
        std::vector<std::size_t> counts(stems.size(), 0);
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

}  // namespace kb
