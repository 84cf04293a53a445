/// @brief Index-time French terms: what Xapian's TermGenerator makes with our stemmer and
/// stopper, without its per-word cost.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kb {

/// Splits normalised text (normalize_french, so valid UTF-8) into words with the same rules as
/// Xapian's TermGenerator (Unicode word characters, initials such as `i.b.m.`, `&` and apostrophes
/// inside a word, `.`/`,`/`;` between digits, up to three `+` or `#` after one) and adds each word
/// that is not a stopword to a document as "Z" + prefix + its French stem. With our stemmer and
/// stopper and STEM_ALL_Z/STOP_ALL, the document gets exactly the terms, wdfs and positions the
/// TermGenerator would give it (tests/unit/french_terms_test.cpp compares them), so queries parsed
/// by Xapian's QueryParser match as before. Not replicated: the TermGenerator's CJK n-gram mode,
/// which is off unless XAPIAN_CJK_NGRAM is set in the environment.
///
/// Why not the TermGenerator: it stems, looks up the stopper and builds a new string for every
/// occurrence of every word. This caches all of that per distinct word and counts the spelling
/// words in the same pass. Not thread-safe: one per thread.
class FrenchTermGenerator {
  public:
    FrenchTermGenerator();

    /// Starts a document: positions restart at 1.
    void start_document() { position_ = 0, previous_position_ = 0; }
    /// With a prefix, each two words indexed at adjacent positions (stopwords between them are
    /// skipped, as they take no position) also give the term prefix + "<stem> <stem>": what the
    /// phrase query of the two stems would match, found by one term lookup instead of two
    /// position lists per document. Empty (the default): no pair terms.
    void set_pair_prefix(std::string prefix) { pair_prefix_ = std::move(prefix); }

    /// Leaves a gap in the positions, so that no phrase spans two fields.
    void increase_termpos(Xapian::termpos delta = 100) { position_ += delta; }

    /// Adds the terms of `text` to `doc`, `wdf_inc` per occurrence, with positions or not. Words
    /// indexed without a prefix are also the document's spelling words.
    void index_text(std::string_view text, Xapian::Document& doc, Xapian::termcount wdf_inc = 1,
                    std::string_view prefix = {}, bool positions = true);

    /// Adds how often each spelling word (3 to 30 bytes, no digit, not a stopword) occurred since
    /// the last call to `counts`.
    void take_spelling(std::unordered_map<std::string, unsigned>& counts);

    /// take_spelling() only once the word cache is full. A rebuild hands its counts over this
    /// way rather than per document: adding ~80 words a document into another map cost 2% of
    /// its CPU.
    void take_spelling_if_full(std::unordered_map<std::string, unsigned>& counts);

  private:
    struct Word {
        std::string word;
        std::string term;       ///< "Z" + stem, empty when the word is not indexed
        bool spelling = false;  ///< a spelling word
        unsigned pending = 0;   ///< occurrences not yet handed over by take_spelling
    };

    Word& lookup(const std::string& word);
    void grow_slots();
    void clear_cache();
    void add(const std::string& word, Xapian::Document& doc, Xapian::termcount wdf_inc,
             std::string_view prefix, bool positions);

    Xapian::Stem snowball_{"french"};
    // The word cache: an open-addressing table of (hash tag << 32 | index + 1), 0 for a free
    // slot, over words_. A lookup in a std::unordered_map chased three pointers (bucket, the
    // node before, the node): the first word-cache version spent 8% of a rebuild there.
    std::vector<Word> words_;
    std::vector<std::uint64_t> slots_;
    std::vector<std::uint32_t> touched_;  ///< words_ with a pending spelling count
    Xapian::termpos position_ = 0;
    std::string token_;
    std::string prefixed_;
    std::string pair_prefix_;
    std::string previous_;  ///< the stem of the last word given a position (pairs only)
    Xapian::termpos previous_position_ = 0;
    std::string pair_;
};

}  // namespace kb
