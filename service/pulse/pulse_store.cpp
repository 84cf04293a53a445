/// @brief SQL of the indicators: one scan of the period's questions (first answers are kept
/// beside the threads by triggers, schema/0014), small per-week tables for experts and members.
#include "pulse_store.hpp"

#include "indicator_query.hpp"

namespace kb {

namespace {

// Every query takes the same parameters, computed once in C++ (bounds_of) so that PostgreSQL
// compares each row with constants, sees their values when planning, and never evaluates date
// arithmetic per row. The `params` CTE only declares their types (PostgreSQL refuses a parameter
// whose type it cannot infer, and not every query uses them all).
constexpr const char* kParams =
    "WITH params AS (SELECT $1::timestamptz, $2::timestamptz, $3::text, $4::text, $5::date, "
    "$6::date, $7::timestamptz, $8::timestamptz, $9::date)";
#define KB_PERIOD_START "$1::timestamptz"
#define KB_PERIOD_END "$2::timestamptz"
#define KB_FIRST_WEEK "$5::date"
#define KB_LAST_WEEK "$6::date"
#define KB_SCAN_START "$7::timestamptz"
#define KB_EXPERTS_START "$8::timestamptz"
#define KB_RUNS_START "$9::date"

pqxx::result run(pqxx::transaction_base& tx, const std::string& rest, const IndicatorQuery& q) {
    const IndicatorBounds b = bounds_of(q);
    return tx.exec_params(std::string(kParams) + rest, b.period_start, b.period_end, q.territory,
                          q.structure_type, b.first_week, b.last_week, b.scan_start,
                          b.experts_start, b.runs_start);
}

// The visible questions from the series' first Monday (or the period's start, if earlier) to the
// period's end, with what the figures need. A hidden accepted answer does not solve a question.
constexpr const char* kQuestions = R"(,
questions AS (
    SELECT t.created_at, f.first_answer_at, t.territory, t.structure_type, t.step,
           t.accepted_answer_id IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM answers h WHERE h.id = t.accepted_answer_id AND h.hidden) AS solved,
           date_trunc('week', t.created_at AT TIME ZONE 'UTC')::date AS week,
           t.created_at >= )" KB_PERIOD_START R"( AS in_period
      FROM threads t
      LEFT JOIN thread_first_answers f ON f.thread_id = t.id
     WHERE NOT t.hidden
       AND t.created_at >= )" KB_SCAN_START R"(
       AND t.created_at < )" KB_PERIOD_END R"(
       AND ($3::text IS NULL OR t.territory = $3) AND ($4::text IS NULL OR t.structure_type = $4)))";

// The question figures over the rows where `cond` holds, five columns: questions, answered share,
// solved share, the first-answer delay's median and 90th percentile in hours (one array: one
// sort), the share answered within 48 h among questions at least that old.
std::string question_figures(const std::string& cond) {
    const std::string where = " FILTER (WHERE " + cond;
    const std::string old_enough = " AND created_at <= now() - interval '48 hours'";
    return "count(*)" + where + "), count(first_answer_at)" + where +
           ")::float8 / nullif(count(*)" + where + "), 0), count(*)" + where +
           " AND solved)::float8 / nullif(count(*)" + where +
           "), 0), percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY extract(epoch FROM "
           "first_answer_at - created_at) / 3600)" +
           where + "), count(*)" + where + old_enough +
           " AND first_answer_at <= created_at + interval '48 hours')::float8 / nullif(count(*)" +
           where + old_enough + "), 0)";
}

// Experts and members are filtered on their profile.
constexpr const char* kProfileFilter =
    "($3::text IS NULL OR u.territory = $3) AND ($4::text IS NULL OR u.structure_type = $4)";

std::optional<double> number_or_null(const pqxx::field& f) {
    if (f.is_null()) return std::nullopt;
    return f.as<double>();
}

// Reads the five columns of question_figures() from `first` on.
void read_question_figures(const pqxx::row& r, int first,
                           std::map<std::string, std::optional<double>>& out) {
    out["questions"] = number_or_null(r[first]);
    out["answered_share"] = number_or_null(r[first + 1]);
    out["solved_share"] = number_or_null(r[first + 2]);
    out["first_answer_median_hours"] = std::nullopt;
    out["first_answer_p90_hours"] = std::nullopt;
    if (!r[first + 3].is_null()) {
        // A float8[] of two numbers, "{24,48}".
        const std::string text = r[first + 3].as<std::string>();
        const auto comma = text.find(',');
        out["first_answer_median_hours"] = std::stod(text.substr(1, comma - 1));
        out["first_answer_p90_hours"] = std::stod(text.substr(comma + 1));
    }
    out["answered_within_48h_share"] = number_or_null(r[first + 4]);
}

// The summary's question figures (row with week NULL) and each week's, in one scan.
void add_question_figures(pqxx::transaction_base& tx, const IndicatorQuery& q, Indicators& out) {
    auto rows = run(tx,
                    std::string(kQuestions) + R"(
        SELECT to_char(q.week, 'YYYY-MM-DD'), )" +
                        question_figures("in_period") + ", " +
                        question_figures("week >= " KB_FIRST_WEEK) + R"(
          FROM questions q
         GROUP BY GROUPING SETS ((), (q.week)))",
                    q);
    std::map<std::string, pqxx::row> by_week;  // rows by value: the loop reuses its row
    for (const auto& r : rows) {
        if (r[0].is_null()) {
            read_question_figures(r, 1, out.values);
        } else {
            by_week.emplace(r[0].as<std::string>(), r);
        }
    }
    for (auto& w : out.weekly) {
        auto it = by_week.find(w.week);
        if (it != by_week.end()) {
            read_question_figures(it->second, 6, w.values);
        } else {
            // A week without questions: no shares, no delays.
            for (const char* key : {"answered_share", "solved_share", "first_answer_median_hours",
                                    "first_answer_p90_hours", "answered_within_48h_share"}) {
                w.values[key] = std::nullopt;
            }
            w.values["questions"] = 0.0;
        }
    }
}

// Unanswered questions of the period by département, structure type and step, in one scan.
void add_unanswered(pqxx::transaction_base& tx, const IndicatorQuery& q, Indicators& out) {
    auto rows = run(tx, std::string(kQuestions) + R"(
        SELECT GROUPING(territory), GROUPING(structure_type), territory, structure_type, step,
               count(*)
          FROM questions WHERE in_period AND first_answer_at IS NULL
         GROUP BY GROUPING SETS ((territory), (structure_type), (step))
         ORDER BY 6 DESC, 3, 4, 5)",
                    q);
    for (const auto& r : rows) {
        const bool by_territory = r[0].as<int>() == 0;
        const bool by_type = r[1].as<int>() == 0;
        const int column = by_territory ? 2 : by_type ? 3 : 4;
        CountByKey c;
        if (!r[column].is_null()) c.key = r[column].as<std::string>();
        c.count = r[5].as<long long>();
        auto& list = by_territory ? out.unanswered_by_territory
                     : by_type    ? out.unanswered_by_structure_type
                                  : out.unanswered_by_step;
        list.push_back(std::move(c));
    }
}

// Experts: exact over the 90 days before the period's end for the summary; by whole weeks in
// the series, where an expert is active in a week when they answered during the 13 weeks ending
// with it. Each expert's active weeks are merged into runs first, so that the series joins 52
// weeks with a few runs per expert rather than with every week of every expert.
void add_experts(pqxx::transaction_base& tx, const IndicatorQuery& q, Indicators& out) {
    out.values["active_experts"] = run(tx,
                                       std::string(R"(
        SELECT count(DISTINCT a.author_id)
          FROM answers a
          JOIN users u ON u.id = a.author_id AND u.role IN ('expert', 'moderator')
         WHERE NOT a.hidden AND a.created_at >= )" KB_EXPERTS_START R"(
           AND a.created_at < )" KB_PERIOD_END R"( AND )") +
                                           kProfileFilter,
                                       q)[0][0]
                                       .as<double>();
    auto rows = run(tx,
                    std::string(R"(,
        active AS (
            SELECT w.author_id, w.week,
                   CASE WHEN lag(w.week) OVER (PARTITION BY w.author_id ORDER BY w.week)
                             >= w.week - 91 THEN 0 ELSE 1 END AS starts_run
              FROM answer_weeks w
              JOIN users u ON u.id = w.author_id AND u.role IN ('expert', 'moderator')
             WHERE w.week >= )" KB_RUNS_START R"( AND w.week <= )" KB_LAST_WEEK R"(
               AND w.answers > 0 AND )") +
                        kProfileFilter +
                        R"(),
        numbered AS (
            SELECT author_id, week,
                   sum(starts_run) OVER (PARTITION BY author_id ORDER BY week) AS run
              FROM active),
        runs AS (
            SELECT min(week) AS first, max(week) + 84 AS last FROM numbered GROUP BY author_id, run)
        SELECT to_char(w.week, 'YYYY-MM-DD'), count(*)
          FROM generate_series()" KB_FIRST_WEEK R"(, )" KB_LAST_WEEK
                        R"(, interval '1 week') AS w (week)
          JOIN runs r ON w.week::date BETWEEN r.first AND r.last
         GROUP BY w.week)",
                    q);
    std::map<std::string, double> by_week;
    for (const auto& r : rows) by_week[r[0].as<std::string>()] = r[1].as<double>();
    for (auto& w : out.weekly) w.values["active_experts"] = by_week[w.week];
}

// Members: the week of the period's last day for the summary, and each week of the series.
void add_members(pqxx::transaction_base& tx, const IndicatorQuery& q, Indicators& out) {
    auto rows = run(tx, R"(
        SELECT to_char(c.week, 'YYYY-MM-DD'), sum(c.members)
          FROM member_week_counts c
         WHERE c.week BETWEEN )" KB_FIRST_WEEK R"( AND )" KB_LAST_WEEK R"(
           AND ($3::text IS NULL OR c.territory = $3) AND ($4::text IS NULL OR c.structure_type = $4)
         GROUP BY c.week)",
                    q);
    std::map<std::string, double> by_week;
    for (const auto& r : rows) by_week[r[0].as<std::string>()] = r[1].as<double>();
    for (auto& w : out.weekly) w.values["weekly_active_members"] = by_week[w.week];
    out.values["weekly_active_members"] =
        out.weekly.empty() ? 0.0 : by_week[out.weekly.back().week];
}

long long published_resources(pqxx::transaction_base& tx) {
    return tx.exec1("SELECT count(*) FROM resources WHERE status = 'published' AND NOT hidden")[0]
        .as<long long>();
}

}  // namespace

Indicators PulseStore::indicators(const IndicatorQuery& q) {
    return db_.with_connection([&](pqxx::connection& c) {
        // One snapshot for every figure, so they agree with each other.
        pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(c);
        Indicators out;
        for (const auto& r : run(tx,
                                 R"(
                SELECT to_char(generate_series()" KB_FIRST_WEEK R"(, )" KB_LAST_WEEK
                                 R"(, interval '1 week'),
                               'YYYY-MM-DD'))",
                                 q)) {
            out.weekly.push_back({r[0].as<std::string>(), {}});
        }
        add_question_figures(tx, q, out);
        add_unanswered(tx, q, out);
        add_experts(tx, q, out);
        add_members(tx, q, out);
        out.values["published_resources"] = static_cast<double>(published_resources(tx));
        for (const auto& r : tx.exec(
                 R"(SELECT example_query, miss_count FROM search_misses WHERE dismissed_at IS NULL
                                        ORDER BY miss_count DESC, last_seen DESC LIMIT 10)")) {
            out.zero_result_searches.push_back({r[0].as<std::string>(), r[1].as<long long>()});
        }
        return out;
    });
}

}  // namespace kb
