/// @brief French number words and their digits: the stem of a number word, and the other writing
/// of the numbers French writes in several words.
#include "french_numbers.hpp"

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
    Spelling out;
    if (n <= 19) return n >= 17 ? teen(n) : Spelling{};
    const int tens = n / 10;
    const int units = n % 10;
    if (tens <= 6) {
        if (units <= 1) return {};  // a word of its own, or "... et un"
        return {std::to_string(tens * 10), unit(units)};
    }
    if (tens == 7) {
        out = {"60"};
        if (units == 1) return {"60", "11"};  // soixante et onze: "et" is a stopword
    } else {
        out = {"4", "20"};
        if (units == 1 && tens == 8) return {};  // quatre-vingt-un reads as quatre-vingts
    }
    if (tens == 8) {
        if (units > 0) out.push_back(unit(units));
        return out;
    }
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

std::vector<std::vector<std::string>> number_rewritings(const std::vector<std::string>& words) {
    const Table& t = table();
    std::vector<std::vector<std::string>> out;
    auto add = [&out](std::vector<std::string> phrase) {
        if (std::find(out.begin(), out.end(), phrase) == out.end())
            out.push_back(std::move(phrase));
    };
    // Each word as a number's word: its digits, "neuf", or nothing.
    std::vector<std::string> as_number(words.size());
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (auto digits = number_word_digits(words[i]))
            as_number[i] = *digits;
        else if (words[i] == "neuf")
            as_number[i] = "neuf";
    }
    for (std::size_t i = 0; i < words.size();) {
        if (all_digits(words[i]) && words[i].size() == 2) {
            if (auto it = t.by_number.find(std::stoi(words[i])); it != t.by_number.end())
                add(it->second);
        }
        // The longest run of number words from i that spells a number, read once: the "dix
        // neuf" of "quatre vingt dix neuf" is not 19 as well.
        std::size_t next = i + 1;
        for (std::size_t n = std::min(t.longest, words.size() - i); n >= 2; --n) {
            const Spelling run(as_number.begin() + static_cast<std::ptrdiff_t>(i),
                               as_number.begin() + static_cast<std::ptrdiff_t>(i + n));
            if (auto it = t.by_spelling.find(run); it != t.by_spelling.end()) {
                add({std::to_string(it->second)});
                next = i + n;
                break;
            }
        }
        i = next;
    }
    return out;
}

}  // namespace kb
