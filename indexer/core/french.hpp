/// @brief French text analysis shared by index and query time: folding, elisions, stopwords, stemming.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

namespace kb {

/// Folds accents and case, and turns apostrophes into spaces so that `d'insertion`, `d’insertion`
/// and `D'INSERTION` all become `d insertion` (the elided article is a stopword).
std::string normalize_french(std::string_view text);

/// True for a French stopword (given in any case or accentuation).
bool is_french_stopword(std::string_view word);

/// A Snowball French stemmer that first folds accents and strips an elided article, so that the
/// index, the query parser and the snippet highlighter agree on "Sécurité", "securite" and
/// "l'insertion". Not thread-safe (it caches stems): one instance per thread.
Xapian::Stem make_french_stem();

/// A stopper that folds its input before looking it up; owned by whoever it is handed to.
Xapian::Stopper* make_french_stopper();

}  // namespace kb
