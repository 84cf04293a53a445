/// @brief Usefulness votes on articles ("Cette page vous a-t-elle été utile ?"): one per voter
/// per article, the last one counts.
#pragma once

#include "pg_pool.hpp"

#include <optional>
#include <string>

namespace kb {

struct UsefulnessVotes {
    long long useful = 0;
    long long not_useful = 0;
};

/// Records (or replaces) voter_hash's vote on the article; false when no article has this slug.
/// voter_hash: 64 hex characters (the SHA-256 of the visitor's id; the id is never stored).
bool record_usefulness_vote(PgPool& db, const std::string& slug, const std::string& voter_hash,
                            bool useful);

/// The vote voter_hash gave the article, if any.
std::optional<bool> usefulness_vote_of(PgPool& db, const std::string& slug,
                                       const std::string& voter_hash);

/// The article's counts (zeros for an unknown slug).
UsefulnessVotes usefulness_votes(PgPool& db, const std::string& slug);

}  // namespace kb
