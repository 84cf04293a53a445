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

/// For the words of a query (folded, stopwords removed), the other writing of each number that
/// takes several words in French: digits 17 to 99 as their words ("24" -> {"vingt", "quatre"}),
/// and such words side by side as their digits ({"vingt", "quatre"} -> {"24"}). A number whose
/// words end in "et un" (21, 31...) has none: "et" and "un" are stopwords, in no document's
/// terms, and its words would also find 20.
std::vector<std::vector<std::string>> number_rewritings(const std::vector<std::string>& words);

}  // namespace kb
