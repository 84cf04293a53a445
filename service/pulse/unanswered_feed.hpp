/// @brief Atom feed of unanswered questions (by tag, territory, structure type), for feed readers.
#pragma once

#include "message.hpp"
#include "pg_pool.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kb {

struct FeedFilter {
    std::optional<std::string> tag;
    std::optional<std::string> territory;
    std::optional<std::string> structure_type;
};

struct FeedEntry {
    long long id = 0;
    std::string title;
    std::string summary;  ///< the question's first characters, plain text
    std::string author;
    std::string created_at;  ///< RFC 3339 UTC
    std::vector<std::string> tags;
};

/// The 50 newest visible questions without an answer from someone else, matching the filter.
std::vector<FeedEntry> unanswered_entries(PgPool& db, const FeedFilter& filter);

/// The Atom 1.0 document (RFC 4287) of those entries; self_path is the feed's own path and query.
std::string atom_document(const FeedFilter& filter, const std::vector<FeedEntry>& entries,
                          const std::string& self_path);

}  // namespace kb
