/// @brief A snippet: the passage of a text that best matches a query, its words marked.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace kb {

/// The stems a snippet should look for: the typed words' (and their synonyms') "Z" terms of a
/// query, without the prefix; title and filter terms left out.
std::vector<std::string> snippet_stems(const Xapian::Query& query);

/// Bytes of text shown before the first matching word of a snippet.
constexpr std::size_t kSnippetContext = 40;

/// The HTML of a snippet of about `length` bytes of `text`: the window holding the most
/// distinct query stems, then the most occurrences (searched over the whole text, so a long
/// document shows the passage that matches wherever it is), cut at word boundaries, with an
/// ellipsis where text was cut and each word whose stem is one of `stems` in <mark>. The start
/// of the text when nothing matches. `stem` is the analysis' stemmer (make_french_stem).
std::string highlighted_snippet(std::string_view text, const std::vector<std::string>& stems,
                                Xapian::Stem& stem, std::size_t length);

}  // namespace kb
