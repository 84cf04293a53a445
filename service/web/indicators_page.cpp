/// @brief get_indicators_page: the pulse store's figures, formatted in French, charts drawn here.
#include "indicators_page.hpp"

#include "entity_ids.hpp"

#include "french_dates.hpp"
#include "indicator_definitions.hpp"
#include "indicator_query.hpp"
#include "labels.hpp"
#include "page.hpp"
#include "svg_chart.hpp"
#include "vocabulary.hpp"
#include "web_urls.hpp"

#include <chrono>

namespace kb::web {

namespace {

std::string formatted(const std::optional<double>& value, const std::string& unit) {
    if (!value) return "pas de donnée";
    if (unit == "share") return french_number(*value * 100, 1) + " %";
    if (unit == "hours") return french_number(*value, 1) + " h";
    return french_number(*value, 0);
}

std::string week_day(const std::string& week) {
    return french_date(week + "T00:00:00Z");
}

// "05/01" for the x axis.
std::string short_day(const std::string& week) {
    return week.size() == 10 ? week.substr(8, 2) + "/" + week.substr(5, 2) : week;
}

nlohmann::json series_json(const IndicatorDefinition& d, const Indicators& in) {
    LineChart chart{.id = "graphique-" + d.key,
                    .title = d.label + " : série hebdomadaire",
                    .description = "",
                    .points = {},
                    .share = d.unit == "share"};
    nlohmann::json rows = nlohmann::json::array();
    std::optional<double> last;
    for (const auto& w : in.weekly) {
        auto it = w.values.find(d.key);
        if (it == w.values.end()) return nullptr;  // no weekly series for this figure
        chart.points.push_back({short_day(w.week), it->second});
        rows.push_back({{"week", week_day(w.week)}, {"value", formatted(it->second, d.unit)}});
        if (it->second) last = it->second;
    }
    if (chart.points.empty()) return nullptr;
    chart.description = std::to_string(chart.points.size()) + " semaines, du " +
                        week_day(in.weekly.front().week) + " au " +
                        week_day(in.weekly.back().week) +
                        " ; dernière valeur connue : " + formatted(last, d.unit) +
                        ". Les données figurent dans le tableau voisin.";
    return {{"svg", line_chart_svg(chart)}, {"rows", rows}};
}

nlohmann::json counts_table(const std::vector<CountByKey>& counts, const std::string& vocabulary,
                            const std::string& none) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& c : counts) {
        rows.push_back({{"label", c.key ? label_of(vocabulary, *c.key) : none},
                        {"count", french_number(static_cast<double>(c.count), 0)}});
    }
    return rows;
}

std::int64_t utc_today() {
    using namespace std::chrono;
    return floor<days>(system_clock::now()).time_since_epoch().count();
}

}  // namespace

http::Response get_indicators_page(WebContext& web, const http::Request& request) {
    const Visitor visitor = visitor_of(web, request);
    const IndicatorQuery query = parse_indicator_query(request, utc_today());
    const Indicators in = web.pulse.pulse.indicators(query);
    nlohmann::json figures = nlohmann::json::array();
    for (const auto& d : indicator_definitions()) {
        auto value = in.values.find(d.key);
        nlohmann::json f = {
            {"key", d.key},
            {"label", d.label},
            {"definition", d.definition},
            {"value", formatted(value == in.values.end() ? std::nullopt : value->second, d.unit)}};
        if (d.target) f["target"] = formatted(d.target, d.unit);
        nlohmann::json series = series_json(d, in);
        if (!series.is_null()) f["series"] = series;
        figures.push_back(f);
    }
    QueryParams params = {{"from", query.from}, {"to", query.to}};
    if (query.territory) params.emplace_back("territory", *query.territory);
    if (query.structure_type) params.emplace_back("structure_type", *query.structure_type);
    QueryParams csv = params;
    csv.emplace_back("format", "csv");
    QueryParams weekly_csv = csv;
    weekly_csv.emplace_back("series", "weekly");
    nlohmann::json types = nlohmann::json::array();
    for (const auto& t : known_structure_types()) {
        types.push_back({{"value", t}, {"selected", query.structure_type == t}});
    }
    nlohmann::json misses = nlohmann::json::array();
    for (const auto& m : in.zero_result_searches) {
        misses.push_back({{"query", m.query}, {"count", m.count}});
    }
    nlohmann::json votes = nlohmann::json::array();
    for (const auto& a : in.article_votes) {
        votes.push_back({{"title", a.title},
                         {"url", article_page(a.slug)},
                         {"useful", a.useful},
                         {"not_useful", a.not_useful}});
    }
    nlohmann::json model = {
        {"votes", votes},
        {"has_votes", !votes.empty()},
        {"figures", figures},
        {"from", query.from},
        {"to", query.to},
        {"period", "du " + week_day(query.from) + " au " + week_day(query.to)},
        {"territory", query.territory.value_or("")},
        {"structure_types", types},
        {"csv_url", with_query("/api/v1/indicators", csv)},
        {"weekly_csv_url", with_query("/api/v1/indicators", weekly_csv)},
        {"by_territory", counts_table(in.unanswered_by_territory, "territory", "Non précisé")},
        {"by_structure_type",
         counts_table(in.unanswered_by_structure_type, "structure_type", "Non précisé")},
        {"by_step", counts_table(in.unanswered_by_step, "step", "Non précisée")},
        {"misses", misses},
        {"has_misses", !misses.empty()}};
    return render_page(web, visitor, "indicators", model,
                       {.title = "Indicateurs de la communauté", .nav = "indicators"});
}

}  // namespace kb::web
