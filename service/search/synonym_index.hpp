/// @brief Groups of equivalent phrases (glossary acronyms ↔ expansions, extra rules) for query
/// expansion.
#pragma once

#include "french.hpp"

#include <xapian.h>

#include <map>
#include <string>
#include <vector>

namespace kb {

class SynonymIndex {
  public:
    /// Loads every glossary group and the extra rules stored in the index metadata.
    static SynonymIndex load(const Xapian::Database& db);

    /// Two-way: any phrase of the group finds the others (acronym and expansion).
    void add_group(const std::vector<std::string>& phrases);
    /// One-way: a query with a phrase of `from` also looks for the phrases of `to`.
    void add_rule(const std::vector<std::string>& from, const std::vector<std::string>& to);

    /// Phrases (as word lists) equivalent to a phrase found in the query words, excluding the
    /// phrases already present.
    [[nodiscard]] std::vector<std::vector<std::string>> expansions(
        const std::vector<std::string>& query_words) const;

  private:
    using Phrase = std::vector<std::string>;
    struct Rule {
        std::vector<Phrase> from;
        std::vector<Phrase> to;
    };
    std::vector<Rule> groups_;
    // first word -> (rule, index in `from`) of every phrase starting with it
    std::multimap<std::string, std::pair<std::size_t, std::size_t>> by_first_word_;
};

}  // namespace kb
