/// @brief Readable labels for tags known only by their slug ("premiere-annee": "première année").
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace kb {

/// The spellings a word list gives the words of some slugs, keyed by their folded form.
class WordSpellings {
  public:
    /// Reads a word list (one word per line, such as Debian's wfrench), keeping only the
    /// spellings of the folded words in `wanted`. Throws std::runtime_error if it cannot be read.
    static WordSpellings load(const std::string& path, const std::set<std::string>& wanted);

    /// One line of the list: kept when its folded form is wanted (any, when nothing is).
    void add(std::string_view spelling);
    /// The one spelling of a folded word that the list writes otherwise ("creation":
    /// "création"); empty when the word is written as folded, in several ways, or not at all.
    [[nodiscard]] std::string only_other_spelling(const std::string& folded) const;
    [[nodiscard]] bool is_word(const std::string& folded) const {
        return spellings_.count(folded) > 0;
    }

  private:
    std::set<std::string> wanted_;
    std::map<std::string, std::set<std::string>> spellings_;
};

/// The words of a slug made of lowercase ASCII words joined by hyphens ("eligibilite",
/// "autres-sujets-sur-linsertion"), with each word given back the accents the list writes it
/// with when there is one way only ("éligibilité"), and an elided article its apostrophe when
/// what follows is a word ("l'insertion"). A word the list writes as it is, or in several ways
/// ("reforme", "réforme"), stays as it is. A word of `acronyms` (the glossary's, folded) is
/// written in capitals ("devenir-cip": "devenir CIP").
std::string label_of_slug(std::string_view slug, const WordSpellings& spellings,
                          const std::set<std::string>& acronyms = {});

/// The folded words of a slug, to load only their spellings (with the elided article split
/// off as well).
std::set<std::string> words_of_slug(std::string_view slug);

}  // namespace kb
