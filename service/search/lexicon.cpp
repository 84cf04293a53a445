/// @brief Lexicon: a word list folded as queries are, kept as sorted hashes.
#include "lexicon.hpp"

#include "french.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <stdexcept>

namespace kb {

namespace {

std::uint64_t word_hash(std::string_view word) {
    return std::hash<std::string_view>{}(word);
}

}  // namespace

Lexicon::Lexicon(const std::vector<std::string>& lines) {
    for (const auto& line : lines) add_line(line);
    finish();
}

Lexicon Lexicon::load(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read the word list " + path);
    Lexicon lexicon;
    std::string line;
    while (std::getline(in, line)) lexicon.add_line(line);
    if (in.bad()) throw std::runtime_error("cannot read the word list " + path);
    lexicon.finish();
    return lexicon;
}

void Lexicon::add_line(std::string_view line) {
    // Folding splits an elided article off ("d'abord": "d", "abord") and joins other apostrophes
    // ("aujourd'hui": "aujourdhui"), as it does to a query.
    for_each_word(normalize_french(line), [&](std::string_view, std::string_view word) {
        if (!word.empty()) hashes_.push_back(word_hash(word));
    });
}

void Lexicon::finish() {
    std::sort(hashes_.begin(), hashes_.end());
    hashes_.erase(std::unique(hashes_.begin(), hashes_.end()), hashes_.end());
    hashes_.shrink_to_fit();
}

bool Lexicon::contains(std::string_view folded_word) const {
    return std::binary_search(hashes_.begin(), hashes_.end(), word_hash(folded_word));
}

}  // namespace kb
