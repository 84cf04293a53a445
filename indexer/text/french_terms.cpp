/// @brief Index-time French terms: a word splitter with TermGenerator's rules and a per-word cache.
#include "french_terms.hpp"

#include "french.hpp"
#include "utf8.hpp"

#include <xapian/unicode.h>

namespace kb {

namespace {

// Longer words are not indexed (TermGenerator's default max_word_length).
constexpr std::size_t kMaxWordLength = 64;
// Spelling words, as the query side suggests them.
constexpr std::size_t kMinSpellingWord = 3;
constexpr std::size_t kMaxSpellingWord = 30;
// Past this many distinct words the cache starts again, so that memory stays bounded.
constexpr std::size_t kMaxCachedWords = 500000;
// Slots of an empty word cache (a power of two).
constexpr std::size_t kInitialSlots = 1 << 12;

// FNV-1a: words are short, and this beats the library's hash on them.
std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    return h;
}

// A character that a word separator leaves out of the word (zero-width characters).
constexpr unsigned kIgnored = 0xFFFFFFFFu;

// The code point at text[i] and its length in bytes.
struct CodePoint {
    unsigned value = 0;
    std::size_t length = 0;
};

CodePoint decode(std::string_view text, std::size_t i) {
    std::size_t next = i;
    const char32_t value = next_code_point(text, next);
    return {static_cast<unsigned>(value), next - i};
}

bool is_word_char(unsigned cp) {
    if (cp < 0x80) {
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
               cp == '_';
    }
    return Xapian::Unicode::is_wordchar(cp);
}

unsigned to_lower(unsigned cp) {
    if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    return Xapian::Unicode::tolower(cp);
}

bool is_ascii_upper(unsigned cp) {
    return cp >= 'A' && cp <= 'Z';
}

bool is_digit(unsigned cp) {
    if (cp < 0x80) return cp >= '0' && cp <= '9';
    return Xapian::Unicode::get_category(cp) == Xapian::Unicode::DECIMAL_DIGIT_NUMBER;
}

bool is_zero_width(unsigned cp) {
    return cp >= 0x200B && (cp <= 0x200D || cp == 0x2060 || cp == 0xFEFF);
}

// What joins two word characters into one word: apostrophes, "&" and a few Unicode marks.
unsigned infix(unsigned cp) {
    if (cp == '\'' || cp == '&' || cp == 0xB7 || cp == 0x5F4 || cp == 0x2027) return cp;
    if (cp == 0x2019 || cp == 0x201B) return '\'';
    return is_zero_width(cp) ? kIgnored : 0;
}

// What joins two digits into one number.
unsigned digit_infix(unsigned cp) {
    switch (cp) {
        case ',':
        case '.':
        case ';':
        case 0x037E:
        case 0x0589:
        case 0x060D:
        case 0x07F8:
        case 0x2044:
        case 0xFE10:
        case 0xFE13:
        case 0xFE14:
            return cp;
        default:
            return is_zero_width(cp) ? kIgnored : 0;
    }
}

// Calls emit(word) for each word of text, lowercased, as Xapian's TermGenerator splits it.
template <typename Emit>
void split(std::string_view text, std::string& word, Emit emit) {
    const std::size_t end = text.size();
    std::size_t i = 0;
    while (true) {
        CodePoint c;
        // Up to the next word character.
        while (true) {
            if (i >= end) return;
            c = decode(text, i);
            if (is_word_char(c.value)) break;
            i += c.length;
        }
        word.clear();
        // Initials ("I.B.M." gives "ibm"), when nothing word-like follows them.
        if (is_ascii_upper(c.value)) {
            std::size_t p = i;
            bool more = true;
            while (more) {
                word += static_cast<char>(to_lower(static_cast<unsigned char>(text[p])));
                ++p;
                more = p < end && text[p] == '.' && ++p < end &&
                       is_ascii_upper(static_cast<unsigned char>(text[p]));
            }
            if (word.size() > 1 && (p >= end || !is_word_char(decode(text, p).value))) {
                i = p;
                emit(word);
                continue;
            }
            word.clear();
        }
        unsigned ch = to_lower(c.value);
        bool at_end = false;
        while (true) {
            unsigned previous = 0;
            // A run of word characters.
            while (true) {
                append_utf8(word, ch);
                previous = ch;
                i += c.length;
                if (i >= end) {
                    at_end = true;
                    break;
                }
                c = decode(text, i);
                if (!is_word_char(c.value)) break;
                ch = to_lower(c.value);
            }
            if (at_end) break;
            // A joining character between two word characters continues the word.
            const std::size_t next = i + c.length;
            if (next >= end) break;
            const CodePoint n = decode(text, next);
            if (!is_word_char(n.value)) break;
            const unsigned joiner =
                is_digit(previous) && is_digit(n.value) ? digit_infix(c.value) : infix(c.value);
            if (!joiner) break;
            if (joiner != kIgnored) append_utf8(word, joiner);
            i = next;
            c = n;
            ch = to_lower(n.value);
        }
        if (!at_end) {
            // Up to three "+" or "#" end a word ("c++", "c#"), unless a word character follows.
            const std::size_t length = word.size();
            unsigned count = 0;
            while (true) {
                const char s = text[i];
                if (s != '+' && s != '#') break;
                if (++count > 3) {
                    word.resize(length);
                    break;
                }
                word += s;
                if (++i >= end) {
                    at_end = true;
                    break;
                }
            }
            if (!at_end && is_word_char(decode(text, i).value)) word.resize(length);
        }
        emit(word);
    }
}

}  // namespace

FrenchTermGenerator::FrenchTermGenerator() {
    token_.reserve(kMaxWordLength + 8);
    clear_cache();
}

FrenchTermGenerator::Word& FrenchTermGenerator::lookup(const std::string& word) {
    const std::uint64_t hash = fnv1a(word);
    const std::uint64_t tag = hash >> 32;
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = static_cast<std::size_t>(hash) & mask;
    for (;; i = (i + 1) & mask) {
        const std::uint64_t slot = slots_[i];
        if (slot == 0) break;
        if ((slot >> 32) == tag) {
            Word& hit = words_[(slot & 0xFFFFFFFFu) - 1];
            if (hit.word == word) return hit;
        }
    }
    Word entry;
    entry.word = word;
    if (!is_french_stopword(word)) {
        const std::string stem = stem_french_word(word, snowball_);
        if (!stem.empty()) entry.term = "Z" + stem;
        // Words with digits (article numbers, dates, amounts) are never what a misspelt query
        // word meant, and the legal texts hold hundreds of thousands of them.
        entry.spelling = word.size() >= kMinSpellingWord && word.size() <= kMaxSpellingWord &&
                         word.find_first_of("0123456789") == std::string::npos;
    }
    words_.push_back(std::move(entry));
    slots_[i] = (tag << 32) | words_.size();
    if (words_.size() * 2 > slots_.size()) grow_slots();  // half full: probes stay short
    return words_.back();
}

void FrenchTermGenerator::grow_slots() {
    std::vector<std::uint64_t> bigger(slots_.size() * 2, 0);
    const std::size_t mask = bigger.size() - 1;
    for (std::uint64_t slot : slots_) {
        if (slot == 0) continue;
        const Word& word = words_[(slot & 0xFFFFFFFFu) - 1];
        std::size_t j = static_cast<std::size_t>(fnv1a(word.word)) & mask;
        while (bigger[j] != 0) j = (j + 1) & mask;
        bigger[j] = slot;
    }
    slots_.swap(bigger);
}

void FrenchTermGenerator::clear_cache() {
    words_.clear();
    slots_.assign(kInitialSlots, 0);
}

void FrenchTermGenerator::add(const std::string& word, Xapian::Document& doc,
                              Xapian::termcount wdf_inc, std::string_view prefix, bool positions) {
    if (word.size() > kMaxWordLength) return;
    Word& entry = lookup(word);
    if (entry.term.empty()) return;  // a stopword: no position either, as with STOP_ALL
    const std::string* term = &entry.term;
    if (!prefix.empty()) {
        prefixed_.assign("Z");
        prefixed_.append(prefix);
        prefixed_.append(entry.term, 1);
        term = &prefixed_;
    } else if (entry.spelling && entry.pending++ == 0) {
        // An index, not a pointer: words_ moves as it grows. It stays valid until the cache is
        // cleared, which take_spelling() does after handing the counts over.
        touched_.push_back(static_cast<std::uint32_t>(&entry - words_.data()));
    }
    if (positions) {
        doc.add_posting(*term, ++position_, wdf_inc);
        if (!pair_prefix_.empty() && prefix.empty()) {
            if (previous_position_ + 1 == position_ && !previous_.empty()) {
                pair_.assign(pair_prefix_);
                pair_.append(previous_);
                pair_ += ' ';
                pair_.append(entry.term, 1);
                doc.add_term(pair_, wdf_inc);
            }
            previous_.assign(entry.term, 1);
            previous_position_ = position_;
        }
    } else {
        doc.add_term(*term, wdf_inc);
    }
}

void FrenchTermGenerator::index_text(std::string_view text, Xapian::Document& doc,
                                     Xapian::termcount wdf_inc, std::string_view prefix,
                                     bool positions) {
    split(text, token_,
          [&](const std::string& word) { add(word, doc, wdf_inc, prefix, positions); });
}

void FrenchTermGenerator::take_spelling(std::unordered_map<std::string, unsigned>& counts) {
    for (std::uint32_t index : touched_) {
        Word& word = words_[index];
        counts[word.word] += word.pending;
        word.pending = 0;
    }
    touched_.clear();
    if (words_.size() > kMaxCachedWords) clear_cache();
}

void FrenchTermGenerator::take_spelling_if_full(std::unordered_map<std::string, unsigned>& counts) {
    if (words_.size() > kMaxCachedWords) take_spelling(counts);
}

}  // namespace kb
