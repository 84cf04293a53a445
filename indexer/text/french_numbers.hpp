/// @brief Numbers written in French words and in digits, one term for both: "trois ans" and
/// "3 ans", "vingt-quatre mois" and "24 mois" find each other.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kb {

/// The digits of a folded number word that is a number on its own ("trois" -> "3", "vingt" ->
/// "20", "mille" -> "1000"); nullopt for any other word. "un"/"une" are stopwords, and "neuf"
/// is left as it is: it means "new" as often as nine.
std::optional<std::string_view> number_word_digits(std::string_view folded);

/// The words French writes for each number of 17 to 99 among the words of a query (folded,
/// stopwords removed), each word as its stem's word: "24" -> {"20", "4"} (vingt-quatre), "19"
/// -> {"10", "neuf"}. None for a number whose words end in "et un" (21, 31...): "et" and "un"
/// are stopwords, in no document's terms, and its words would also find 20.
std::vector<std::vector<std::string>> number_spellings(const std::vector<std::string>& words);

/// Normalised text with each run of number words (spaces or hyphens between them) that spells
/// a number of 17 to 99 written in digits: "vingt-quatre mois" -> "24 mois", "soixante et
/// onze" -> "71". A query then asks the same in both writings.
std::string number_words_as_digits(std::string_view normalized);

}  // namespace kb
