/// @brief Lexicon: the words of the language (a word list such as Debian's wfrench), so that the
/// spelling never "corrects" a real word into another.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kb {

/// The index's spelling dictionary holds only the words its documents use: on a small knowledge
/// base, "devenir" or "monter" are not in it, and Xapian's nearest word ("retenir", "montre")
/// replaced them. A word of the lexicon is a word, wherever it is missing from.
/// Words are kept folded as queries are (normalize_french: "Pièces" is "pieces"), as 64-bit
/// hashes: 350,000 words in under 3 MB.
class Lexicon {
  public:
    Lexicon() = default;  ///< knows no word: the spelling corrects as if there were none
    /// Each line is one or more words in any case and accentuation.
    explicit Lexicon(const std::vector<std::string>& lines);

    /// The word list at path, one word per line (UTF-8). Throws std::runtime_error when the file
    /// cannot be read.
    static Lexicon load(const std::string& path);

    /// Whether a folded word (as normalize_french returns it) is a word of the lexicon.
    [[nodiscard]] bool contains(std::string_view folded_word) const;
    [[nodiscard]] std::size_t size() const { return hashes_.size(); }

  private:
    void add_line(std::string_view line);
    void finish();  ///< sorts and removes duplicates

    std::vector<std::uint64_t> hashes_;
};

}  // namespace kb
