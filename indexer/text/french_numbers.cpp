/// @brief French number words and their digits: the stem of a number word, and the other writing
/// of the numbers French writes in several words.
#include "french_numbers.hpp"

#include "french.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <utility>

namespace kb {

namespace {

struct NumberWord {
    std::string_view word;
    std::string_view digits;
};

// Folded. The Belgian and Swiss tens are numbers as well.
constexpr std::array<NumberWord, 28> kNumberWords{{
    {"deux", "2"},      {"trois", "3"},     {"quatre", "4"},     {"cinq", "5"},
    {"six", "6"},       {"sept", "7"},      {"huit", "8"},       {"dix", "10"},
    {"onze", "11"},     {"douze", "12"},    {"treize", "13"},    {"quatorze", "14"},
    {"quinze", "15"},   {"seize", "16"},    {"vingt", "20"},     {"vingts", "20"},
    {"trente", "30"},   {"quarante", "40"}, {"cinquante", "50"}, {"soixante", "60"},
    {"septante", "70"}, {"octante", "80"},  {"huitante", "80"},  {"nonante", "90"},
    {"cent", "100"},    {"cents", "100"},   {"mille", "1000"},   {"milles", "1000"},
}};

// A word of a number as the index has it: its digits, or "neuf" (not a number on its own).
using Spelling = std::vector<std::string>;

// The words (each as its term's word) of n, 17 <= n <= 99, empty when it has no phrase of its
// own: ending in "et un", or one word.
Spelling spelling_of(int n) {
    auto unit = [](int u) -> std::string { return u == 9 ? "neuf" : std::to_string(u); };
    // 10..19 after "soixante" or "quatre-vingt": dix, onze... seize, dix-sept, dix-huit, dix-neuf.
    auto teen = [&](int t) -> Spelling {
        if (t <= 16) return {std::to_string(t)};
        return {"10", unit(t - 10)};
    };
    if (n <= 19) return n >= 17 ? teen(n) : Spelling{};
    const int tens = n / 10;
    const int units = n % 10;
    if (tens <= 6) {
        if (units <= 1) return {};  // a word of its own, or "... et un"
        return {std::to_string(tens * 10), unit(units)};
    }
    Spelling out = tens == 7 ? Spelling{"60"} : Spelling{"4", "20"};
    if (tens == 8) {
        if (units == 1) return {};  // quatre-vingt-un reads as quatre-vingts
        if (units > 0) out.push_back(unit(units));
        return out;
    }
    // Soixante-dix... and quatre-vingt-dix...: "soixante et onze" is 60 11 ("et" is a stopword).
    const Spelling rest = teen(10 + units);
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}

struct Table {
    std::map<int, Spelling> by_number;
    std::map<Spelling, int> by_spelling;
    std::size_t longest = 0;
};

const Table& table() {
    static const Table built = [] {
        Table t;
        for (int n = 17; n <= 99; ++n) {
            Spelling s = spelling_of(n);
            if (s.empty()) continue;
            t.longest = std::max(t.longest, s.size());
            t.by_spelling.emplace(s, n);
            t.by_number.emplace(n, std::move(s));
        }
        return t;
    }();
    return built;
}

bool all_digits(const std::string& word) {
    return !word.empty() &&
           std::all_of(word.begin(), word.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

std::optional<std::string_view> number_word_digits(std::string_view folded) {
    for (const auto& [word, digits] : kNumberWords)
        if (word == folded) return digits;
    return std::nullopt;
}

std::vector<std::vector<std::string>> number_spellings(const std::vector<std::string>& words) {
    const Table& t = table();
    std::vector<std::vector<std::string>> out;
    for (const std::string& word : words) {
        if (word.size() != 2 || !all_digits(word)) continue;
        const auto it = t.by_number.find(std::stoi(word));
        if (it != t.by_number.end() && std::find(out.begin(), out.end(), it->second) == out.end())
            out.push_back(it->second);
    }
    return out;
}

std::string number_words_as_digits(std::string_view normalized) {
    const Table& t = table();
    struct Token {
        std::string_view gap, word;
    };
    std::vector<Token> tokens;
    for_each_word(normalized, [&](std::string_view gap, std::string_view word) {
        tokens.push_back({gap, word});
    });
    // Only spaces and hyphens between the words of one number: "vingt, quatre" is two.
    auto joins = [](std::string_view gap) {
        return !gap.empty() && gap.find_first_not_of(" -") == std::string_view::npos;
    };
    std::string out;
    out.reserve(normalized.size());
    for (std::size_t i = 0; i < tokens.size();) {
        out += tokens[i].gap;
        // The number words from i ("et" skipped: "soixante et onze"), and the token each ends.
        Spelling run;
        std::vector<std::size_t> ends;
        for (std::size_t j = i; j < tokens.size() && run.size() < t.longest; ++j) {
            if (j > i && !joins(tokens[j].gap)) break;
            const std::string_view word = tokens[j].word;
            if (j > i && word == "et") continue;
            if (auto digits = number_word_digits(word))
                run.emplace_back(*digits);
            else if (word == "neuf")
                run.emplace_back(word);
            else
                break;
            ends.push_back(j);
        }
        // The longest that spells a number, read once: the "dix neuf" of "quatre vingt dix
        // neuf" is not 19 as well.
        std::size_t taken = 0;
        for (std::size_t n = run.size(); n >= 2 && taken == 0; --n) {
            const auto it = t.by_spelling.find(
                Spelling(run.begin(), run.begin() + static_cast<std::ptrdiff_t>(n)));
            if (it == t.by_spelling.end()) continue;
            out += std::to_string(it->second);
            taken = ends[n - 1] + 1 - i;
        }
        if (taken == 0) {
            out += tokens[i].word;
            taken = 1;
        }
        i += taken;
    }
    return out;
}

}  // namespace kb
