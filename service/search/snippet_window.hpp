/// @brief A snippet: the passage of a text that best matches a query, its words marked.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kb {

/// The stems a snippet should look for: the typed words' (and their synonyms') "Z" terms of a
/// query, without the prefix; title and filter terms left out.
std::vector<std::string> snippet_stems(const Xapian::Query& query);

/// Bytes of text shown before the first matching word of a snippet.
constexpr std::size_t kSnippetContext = 40;

/// Where each word of a text is, by its stem: made once for a document that results show
/// (DocumentCache), so that each of its snippets looks its query's stems up rather than scanning
/// and stemming the whole text again (that scan was a sixth of a cold search's time).
class StemPositions {
  public:
    StemPositions() = default;
    /// Every word of text (as highlighted_snippet splits it) under the stem `stem` gives it;
    /// `stem` is the analysis' stemmer (make_french_stem).
    StemPositions(std::string_view text, Xapian::Stem& stem);

    /// Memory held, for a cache's budget.
    [[nodiscard]] std::size_t bytes() const {
        return sizeof(*this) + hashes_.capacity() * sizeof(hashes_[0]) +
               firsts_.capacity() * sizeof(firsts_[0]) + words_.capacity() * sizeof(words_[0]);
    }

  private:
    friend std::string highlighted_snippet(std::string_view text, const StemPositions& positions,
                                           const std::vector<std::string>& stems,
                                           std::size_t length,
                                           const std::vector<std::vector<std::string>>& phrases);
    static constexpr unsigned kSizeBits = 7;  ///< a word's bytes, at most 64
    static constexpr std::size_t kMaxOffset = std::size_t{1} << (32 - kSizeBits);
    /// Each distinct stem's hash, sorted, and beside it (in firsts_) the index in words_ of its
    /// first word; its words run to the next stem's first. Apart: a pair would be padded to 16
    /// bytes.
    std::vector<std::uint64_t> hashes_;
    std::vector<std::uint32_t> firsts_;
    /// Words grouped by stem, each in text order: offset << kSizeBits | bytes.
    std::vector<std::uint32_t> words_;
};

/// The HTML of a snippet of about `length` bytes of `text`: the window holding the most
/// distinct query stems, then the most occurrences (searched over the whole text, so a long
/// document shows the passage that matches wherever it is), cut at word boundaries, with an
/// ellipsis where text was cut and each word whose stem is one of `stems` in <mark>. The start
/// of the text when nothing matches. `positions` are those made for `text` (a 64-bit hash
/// stands for a stem: two stems of one document sharing one are not to be expected).
/// The stems of each of `phrases` are marked only where they follow one another in order, with
/// nothing but spaces or punctuation between them.
std::string highlighted_snippet(std::string_view text, const StemPositions& positions,
                                const std::vector<std::string>& stems, std::size_t length,
                                const std::vector<std::vector<std::string>>& phrases = {});

}  // namespace kb
