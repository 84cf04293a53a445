/// @brief Groups of equivalent phrases (glossary acronyms ↔ expansions, extra rules) for query
/// expansion.
#pragma once

#include "french.hpp"

#include <xapian.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace kb {

class SynonymIndex {
  public:
    /// Loads every glossary group, the extra rules and the tags' rules stored in the index
    /// metadata.
    static SynonymIndex load(const Xapian::Database& db);

    /// Two-way: any phrase of the group finds the others (acronym and expansion).
    void add_group(const std::vector<std::string>& phrases);
    /// One-way: a query with a phrase of `from` also looks for the phrases of `to`, and for the
    /// documents indexed with one of `terms` (a tag's filter term).
    void add_rule(const std::vector<std::string>& from, const std::vector<std::string>& to,
                  const std::vector<std::string>& terms = {});

    /// Phrases (as word lists) equivalent to a phrase found in the query words, excluding the
    /// phrases already present.
    [[nodiscard]] std::vector<std::vector<std::string>> expansions(
        const std::vector<std::string>& query_words) const;

    /// Normalised text with each acronym of a group (the glossary's) that French also writes as
    /// a stopword ("ai" for "AI", association intermédiaire) spelled out as the group's first
    /// other phrase, unless a pronoun comes before it ("j'ai", "je l'ai", "vous ai"). The
    /// stopword is in no document's terms: what it stands for is searched in its place, as a
    /// typed word would be. One-way rules ("ce => c_e") are left out: their stopword is mostly
    /// the function word ("ce que"), which no pronoun announces.
    [[nodiscard]] std::string spell_out_acronyms(const std::string& normalized) const;

    /// Whether word is part of a phrase that expands (a declared synonym, an old slug): a word
    /// of the vocabulary, never corrected as a typo even when the corpus lacks it.
    [[nodiscard]] bool expands_word(const std::string& word) const {
        return from_words_.count(word) > 0;
    }

    /// The terms of the rules a phrase found in the query words matches, each once.
    [[nodiscard]] std::vector<std::string> expansion_terms(
        const std::vector<std::string>& query_words) const;

  private:
    using Phrase = std::vector<std::string>;
    struct Rule {
        std::vector<Phrase> from;
        std::vector<Phrase> to;
        std::vector<std::string> terms;
    };
    /// Rules with a phrase found in the query words, and those phrases.
    void match(const std::vector<std::string>& words, std::set<std::size_t>& rules,
               std::set<Phrase>& present) const;
    std::vector<Rule> groups_;
    // first word -> (rule, index in `from`) of every phrase starting with it
    std::multimap<std::string, std::pair<std::size_t, std::size_t>> by_first_word_;
    std::set<std::string> from_words_;
    /// A group's acronym that is a stopword -> the group's first other phrase (add_group).
    std::map<std::string, Phrase, std::less<>> spelled_acronyms_;
};

}  // namespace kb
