/// @brief French text analysis shared by index and query time: folding, elisions, stopwords,
/// stemming.
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kb {

/// Folds accents and case and splits elided articles off: `d'insertion`, `d’insertion` and
/// `D'INSERTION` all become `d insertion` (the article is a stopword). Other apostrophes join
/// their word: `prud'hommes` becomes `prudhommes`.
std::string normalize_french(std::string_view text);

/// Calls fn(gap, word) for each word of normalised text, gap being the non-word bytes before it
/// (a word is a run of ASCII letters and digits and non-ASCII bytes); a final gap comes with an
/// empty word.
void for_each_word(std::string_view text,
                   const std::function<void(std::string_view gap, std::string_view word)>& fn);

/// Every word of normalised text, in order.
std::vector<std::string> split_words(std::string_view text);

/// The words of normalised text that are not stopwords, in order.
std::vector<std::string> content_words(std::string_view text);

/// Normalised text without the words of a question's phrasing that say nothing of its topic:
/// the "temps" of "combien de temps" asks how long, and matched every "temps de travail" and
/// "temps partiel" (it stays when those follow: "combien de temps partiel"); greetings and
/// thanks ("bonjour", "merci d'avance"), a wish after its subject ("je souhaite", "nous
/// cherchons") and "par où commencer" go too, unless nothing else would be left.
std::string without_question_phrases(std::string_view normalized);

/// True for a French stopword (given in any case or accentuation).
bool is_french_stopword(std::string_view word);

/// True for a prefix French joins to a word with or without a hyphen ("socio-professionnel" and
/// "socioprofessionnel", "co-financement" and "cofinancement"), given folded.
bool is_compound_prefix(std::string_view folded);
/// The length of the compound prefix a folded word begins with, when at least four letters
/// follow it ("cofinancement": 2); 0 otherwise.
std::size_t compound_prefix_length(std::string_view folded);

/// The stem of one word as the index and queries see it: folded, an elided article stripped,
/// then Snowball's French stemmer (`snowball`, which is not thread-safe).
std::string stem_french_word(std::string_view word, const Xapian::Stem& snowball);

/// A Snowball French stemmer that first folds accents and strips an elided article, so that the
/// index, the query parser and the snippet highlighter agree on "Sécurité", "securite" and
/// "l'insertion". Not thread-safe (it caches stems): one instance per thread.
Xapian::Stem make_french_stem();

/// A stopper that folds its input before looking it up; owned by whoever it is handed to.
Xapian::Stopper* make_french_stopper();

}  // namespace kb
