/// @brief SQL of the indicators: range scans of narrow tables kept by triggers (one row per
/// visible question, each expert's runs of active weeks, members per week), never the answers.
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
    "$6::date, $7::timestamptz, $8::timestamptz)";
#define KB_PERIOD_START "$1::timestamptz"
#define KB_PERIOD_END "$2::timestamptz"
#define KB_FIRST_WEEK "$5::date"
#define KB_LAST_WEEK "$6::date"
#define KB_SERIES_START "$7::timestamptz"
#define KB_EXPERTS_START "$8::timestamptz"

pqxx::result run(pqxx::transaction_base& tx, const std::string& rest, const IndicatorQuery& q) {
    const IndicatorBounds b = bounds_of(q);
    return tx.exec_params(std::string(kParams) + rest, b.period_start, b.period_end, q.territory,
                          q.structure_type, b.first_week, b.last_week, b.series_start,
                          b.experts_start);
}

// Questions are read from question_facts (schema/0017): one narrow row per visible question,
// the first answer's delay in hours ready to sort, `solved` already leaving out a hidden
// accepted answer. The filters apply to the question.
constexpr const char* kQuestionFilter =
    " AND ($3::text IS NULL OR territory = $3) AND ($4::text IS NULL OR structure_type = $4)";

// The question figures, five columns: questions, answered share, solved share, the first-answer
// delay's median and 90th percentile in hours (one array: one sort), the share answered within
// 48 h among questions at least that old.
constexpr const char* kQuestionFigures = R"(
    count(*), count(first_answer_at)::float8 / nullif(count(*), 0),
    count(*) FILTER (WHERE solved)::float8 / nullif(count(*), 0),
    percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY first_answer_hours),
    count(*) FILTER (WHERE created_at <= now() - interval '48 hours'
                       AND first_answer_at <= created_at + interval '48 hours')::float8
        / nullif(count(*) FILTER (WHERE created_at <= now() - interval '48 hours'), 0))";

// Experts and members are filtered on their profile.
constexpr const char* kProfileFilter =
    "($3::text IS NULL OR u.territory = $3) AND ($4::text IS NULL OR u.structure_type = $4)";

std::optional<double> number_or_null(const pqxx::field& f) {
    if (f.is_null()) return std::nullopt;
    return f.as<double>();
}

// Reads the five columns of kQuestionFigures from `first` on.
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

// The period's question figures, then each week's (the series may start before or after the
// period): two range scans of question_facts by created_at.
void add_question_figures(pqxx::transaction_base& tx, const IndicatorQuery& q, Indicators& out) {
    read_question_figures(run(tx,
                              std::string(" SELECT") + kQuestionFigures +
                                  " FROM question_facts WHERE created_at >= " KB_PERIOD_START
                                  " AND created_at < " KB_PERIOD_END +
                                  kQuestionFilter,
                              q)[0],
                          0, out.values);
    auto rows = run(tx,
                    std::string(" SELECT to_char(week, 'YYYY-MM-DD'),") + kQuestionFigures +
                        " FROM question_facts WHERE created_at >= " KB_SERIES_START
                        " AND created_at < " KB_PERIOD_END +
                        kQuestionFilter + " GROUP BY week",
                    q);
    std::map<std::string, pqxx::row> by_week;  // rows by value: the loop reuses its row
    for (const auto& r : rows) by_week.emplace(r[0].as<std::string>(), r);
    for (auto& w : out.weekly) {
        auto it = by_week.find(w.week);
        if (it != by_week.end()) {
            read_question_figures(it->second, 1, w.values);
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

// Unanswered questions of the period by département, structure type and step: one scan of the
// unanswered rows only (a partial index).
void add_unanswered(pqxx::transaction_base& tx, const IndicatorQuery& q, Indicators& out) {
    auto rows = run(tx,
                    std::string(R"(
        SELECT GROUPING(territory), GROUPING(structure_type), territory, structure_type, step,
               count(*)
          FROM question_facts
         WHERE first_answer_at IS NULL AND created_at >= )" KB_PERIOD_START
                                R"( AND created_at < )" KB_PERIOD_END) +
                        kQuestionFilter + R"(
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
// with it. Each author's active weeks are kept merged into runs by triggers (answer_runs,
// schema/0017), so the series joins 52 weeks with a few runs per expert.
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
                    std::string(R"(
        SELECT to_char(w.week, 'YYYY-MM-DD'), count(*)
          FROM generate_series()" KB_FIRST_WEEK R"(, )" KB_LAST_WEEK
                                R"(, interval '1 week') AS w (week)
          JOIN answer_runs r ON w.week::date BETWEEN r.first_week AND r.last_week
          JOIN users u ON u.id = r.author_id AND u.role IN ('expert', 'moderator')
         WHERE r.last_week >= )" KB_FIRST_WEEK R"( AND r.first_week <= )" KB_LAST_WEEK R"( AND )") +
                        kProfileFilter + R"(
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
        for (const auto& r : run(tx, R"(
                SELECT a.slug, a.title, count(*) FILTER (WHERE v.useful),
                       count(*) FILTER (WHERE NOT v.useful)
                  FROM article_votes v JOIN articles a ON a.id = v.article_id
                 WHERE v.voted_at >= )" KB_PERIOD_START R"( AND v.voted_at < )" KB_PERIOD_END R"(
                 GROUP BY a.slug, a.title
                 ORDER BY count(*) DESC, a.slug LIMIT 10)",
                                 q)) {
            out.article_votes.push_back({r[0].as<std::string>(), r[1].as<std::string>(),
                                         r[2].as<long long>(), r[3].as<long long>()});
        }
        return out;
    });
}

}  // namespace kb
