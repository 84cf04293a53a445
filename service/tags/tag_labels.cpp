/// @brief Readable labels for tags known only by their slug ("premiere-annee": "première année").
#include "tag_labels.hpp"

#include "text_lists.hpp"
#include "utf8.hpp"

#include <cctype>
#include <fstream>
#include <stdexcept>

namespace kb {

namespace {

// "l" and "d" lose their apostrophe in a slug ("linsertion", "demploi"), before a vowel or an
// "h"; other elided words ("qu", "j", "n", "s") are rare in a tag.
bool elides(const std::string& word) {
    return word.size() >= 4 && (word[0] == 'l' || word[0] == 'd') &&
           std::string_view("aeiouyh").find(word[1]) != std::string_view::npos;
}

std::string spelled(const std::string& word, const WordSpellings& spellings) {
    if (spellings.is_word(word)) {
        std::string other = spellings.only_other_spelling(word);
        return other.empty() ? word : other;
    }
    return word;
}

}  // namespace

WordSpellings WordSpellings::load(const std::string& path, const std::set<std::string>& wanted) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read the word list " + path);
    WordSpellings spellings;
    spellings.wanted_ = wanted;
    std::string line;
    while (std::getline(in, line)) spellings.add(line);
    if (in.bad()) throw std::runtime_error("cannot read the word list " + path);
    return spellings;
}

void WordSpellings::add(std::string_view spelling) {
    while (!spelling.empty() && (spelling.back() == '\r' || spelling.back() == ' '))
        spelling.remove_suffix(1);
    if (spelling.empty() || !is_valid_utf8(spelling)) return;
    std::string folded = fold(spelling);
    if (!wanted_.empty() && wanted_.count(folded) == 0) return;
    // Proper nouns and acronyms ("Paris", "CAF") are not how a common word is written.
    if (spelling.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string_view::npos) return;
    spellings_[std::move(folded)].insert(std::string(spelling));
}

std::string WordSpellings::only_other_spelling(const std::string& folded) const {
    const auto it = spellings_.find(folded);
    if (it == spellings_.end() || it->second.size() != 1) return {};
    const std::string& only = *it->second.begin();
    return only == folded ? std::string() : only;
}

std::string label_of_slug(std::string_view slug, const WordSpellings& spellings,
                          const std::set<std::string>& acronyms) {
    std::string label;
    for (const std::string_view item : list_items(slug, '-')) {
        const std::string word(item);
        if (!label.empty()) label += ' ';
        if (acronyms.count(word) > 0) {
            std::string upper = word;
            for (char& c : upper)
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            label += upper;
        } else if (!spellings.is_word(word) && elides(word) && spellings.is_word(word.substr(1))) {
            label += word.substr(0, 1) + "'" + spelled(word.substr(1), spellings);
        } else {
            label += spelled(word, spellings);
        }
    }
    return label;
}

std::set<std::string> words_of_slug(std::string_view slug) {
    std::set<std::string> words;
    for (const std::string_view item : list_items(slug, '-')) {
        const std::string word(item);
        words.insert(word);
        if (elides(word)) words.insert(word.substr(1));
    }
    return words;
}

}  // namespace kb
