/// @brief The indicators' SQL: live from PostgreSQL, typed results, one query per figure group.
#pragma once

#include "pg_pool.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kb {

/// A validated period (inclusive days, UTC) and optional filters on the questions (and on the
/// profiles of experts and members).
struct IndicatorQuery {
    std::string from;  ///< YYYY-MM-DD
    std::string to;    ///< YYYY-MM-DD
    std::optional<std::string> territory;
    std::optional<std::string> structure_type;
};

struct CountByKey {
    std::optional<std::string> key;  ///< nullopt: not given by the asker
    long long count = 0;
};

struct MissCount {
    std::string query;
    long long count = 0;
};

/// "Cette page vous a-t-elle été utile ?" for one article, votes cast in the period.
struct ArticleVotes {
    std::string slug;
    std::string title;
    long long useful = 0;
    long long not_useful = 0;
};

/// One Monday-to-Sunday week of the series.
struct WeekFigures {
    std::string week;                                     ///< its Monday, YYYY-MM-DD
    std::map<std::string, std::optional<double>> values;  ///< by indicator key
};

struct Indicators {
    std::map<std::string, std::optional<double>> values;  ///< by indicator key; nullopt: no data
    std::vector<CountByKey> unanswered_by_territory;
    std::vector<CountByKey> unanswered_by_structure_type;
    std::vector<CountByKey> unanswered_by_step;
    std::vector<MissCount> zero_result_searches;
    /// The 10 articles with the most votes in the period (an article has no territory nor
    /// structure type of a question: the filters do not apply).
    std::vector<ArticleVotes> article_votes;
    std::vector<WeekFigures> weekly;  ///< 52 weeks ending with the week of `to`
};

class PulseStore {
  public:
    explicit PulseStore(PgPool& db) : db_(db) {}
    Indicators indicators(const IndicatorQuery& query);

  private:
    PgPool& db_;
};

}  // namespace kb
