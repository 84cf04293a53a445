/// @brief The passage of a long text that best matches a query, for snippets.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace kb {

/// A slice of a document's text, and whether text was cut off before or after it.
struct Passage {
    std::string_view text;
    bool cut_before = false;
    bool cut_after = false;
};

/// The stems a snippet should look for: the typed words' (and their synonyms') "Z" terms of a
/// query, without the prefix; title and filter terms left out.
std::vector<std::string> snippet_stems(const Xapian::Query& query);

/// The slice of `text` (about 2 × `length` bytes, cut at word boundaries) that starts just before
/// the window of `length` bytes holding the most distinct query stems, then the most
/// occurrences. MSet::snippet, given the whole text, stops at the first window it deems good
/// enough, often the start of a long document without a single query word; given this slice it
/// marks the words where they are. The whole text when it is short; its start when nothing
/// matches. `stem` is the analysis' stemmer (make_french_stem).
Passage best_passage(std::string_view text, const std::vector<std::string>& stems,
                     Xapian::Stem& stem, std::size_t length);

}  // namespace kb
