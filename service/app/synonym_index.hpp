/// @brief Groups of equivalent phrases (glossary acronyms ↔ expansions, extra rules) for query expansion.
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

    void add_group(const std::vector<std::string>& phrases);

    /// Phrases (as word lists) equivalent to a phrase found in the query words, excluding the
    /// phrases already present.
    [[nodiscard]] std::vector<std::vector<std::string>> expansions(
        const std::vector<std::string>& query_words) const;

    [[nodiscard]] std::size_t group_count() const { return groups_.size(); }

private:
    std::vector<std::vector<std::vector<std::string>>> groups_;  // group -> phrase -> words
    // first word -> (group, phrase) of every phrase starting with it
    std::multimap<std::string, std::pair<std::size_t, std::size_t>> by_first_word_;
};

}  // namespace kb
