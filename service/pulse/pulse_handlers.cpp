/// @brief Indicators handler: parse the period, read the figures, present them as JSON or CSV.
#include "pulse_handlers.hpp"

#include "api_error.hpp"
#include "indicator_definitions.hpp"
#include "indicator_query.hpp"
#include "input_checks.hpp"
#include "json_values.hpp"
#include "request_params.hpp"
#include "unanswered_feed.hpp"
#include "vocabulary.hpp"

#include <chrono>
#include <cmath>

namespace kb {

namespace {

nlohmann::json figure(const std::optional<double>& value, const std::string& unit) {
    if (!value) return nullptr;
    if (unit == "count") return static_cast<long long>(std::llround(*value));
    const double scale = unit == "share" ? 1e4 : 1e2;  // shares to 0.01 %, hours to 36 s
    return std::round(*value * scale) / scale;
}

nlohmann::json counts_json(const std::vector<CountByKey>& counts, const std::string& name) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : counts) {
        out.push_back({{name, http::nullable(c.key)}, {"count", c.count}});
    }
    return out;
}

nlohmann::json indicators_json(const IndicatorQuery& q, const Indicators& in) {
    nlohmann::json figures = nlohmann::json::object();
    nlohmann::json weekly = nlohmann::json::array();
    for (const auto& w : in.weekly) weekly.push_back({{"week", w.week}});
    for (const auto& d : indicator_definitions()) {
        nlohmann::json f = {
            {"label", d.label}, {"unit", d.unit}, {"value", figure(in.values.at(d.key), d.unit)}};
        if (d.target) f["target"] = *d.target;
        figures[d.key] = f;
        for (std::size_t i = 0; i < in.weekly.size(); ++i) {
            auto it = in.weekly[i].values.find(d.key);
            if (it != in.weekly[i].values.end()) weekly[i][d.key] = figure(it->second, d.unit);
        }
    }
    nlohmann::json misses = nlohmann::json::array();
    for (const auto& m : in.zero_result_searches) {
        misses.push_back({{"query", m.query}, {"count", m.count}});
    }
    nlohmann::json votes = nlohmann::json::array();
    for (const auto& a : in.article_votes) {
        votes.push_back({{"slug", a.slug},
                         {"title", a.title},
                         {"useful", a.useful},
                         {"not_useful", a.not_useful}});
    }
    return {{"period",
             {{"from", q.from},
              {"to", q.to},
              {"territory", http::nullable(q.territory)},
              {"structure_type", http::nullable(q.structure_type)}}},
            {"indicators", figures},
            {"unanswered",
             {{"by_territory", counts_json(in.unanswered_by_territory, "territory")},
              {"by_structure_type", counts_json(in.unanswered_by_structure_type, "structure_type")},
              {"by_step", counts_json(in.unanswered_by_step, "step")}}},
            {"zero_result_searches", misses},
            {"article_votes", votes},
            {"weekly", weekly}};
}

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\n;") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string csv_value(const nlohmann::json& v) {
    return v.is_null() ? "" : v.dump();
}

// One line per indicator, or one line per week with a column per indicator.
std::string indicators_csv(const nlohmann::json& doc, bool weekly) {
    std::string out;
    if (!weekly) {
        out = "indicateur,libelle,valeur,cible\r\n";
        for (const auto& d : indicator_definitions()) {
            const auto& f = doc["indicators"][d.key];
            out += d.key + "," + csv_field(d.label) + "," + csv_value(f["value"]) + "," +
                   (f.contains("target") ? csv_value(f["target"]) : "") + "\r\n";
        }
        return out;
    }
    out = "semaine";
    for (const auto& d : indicator_definitions()) {
        if (doc["weekly"].empty() || doc["weekly"][0].contains(d.key)) out += "," + d.key;
    }
    out += "\r\n";
    for (const auto& w : doc["weekly"]) {
        out += w["week"].get<std::string>();
        for (const auto& d : indicator_definitions()) {
            if (w.contains(d.key)) out += "," + csv_value(w[d.key]);
        }
        out += "\r\n";
    }
    return out;
}

std::int64_t today_days() {
    using namespace std::chrono;
    return floor<days>(system_clock::now()).time_since_epoch().count();
}

}  // namespace

http::Response get_indicators(PulseContext& app, const http::Request& request) {
    const IndicatorQuery query = parse_indicator_query(request, today_days());
    const std::string format = request.param("format").value_or("json");
    const std::string series = request.param("series").value_or("summary");
    if (format != "json" && format != "csv") {
        throw http::ApiError::bad_request("invalid_parameter",
                                          "Format inconnu « " + format + " » (json ou csv).");
    }
    if (series != "summary" && series != "weekly") {
        throw http::ApiError::bad_request("invalid_parameter",
                                          "Série inconnue « " + series + " » (summary ou weekly).");
    }
    const nlohmann::json doc = indicators_json(query, app.pulse.indicators(query));
    if (format == "json") return http::Response::json(200, doc);
    http::Response r;
    r.content_type = "text/csv; charset=utf-8";
    r.body = indicators_csv(doc, series == "weekly");
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"indicateurs-" + series +
                                                      "-" + query.from + "-" + query.to + ".csv\"");
    return r;
}

http::Response get_unanswered_feed(PulseContext& app, const http::Request& request) {
    FeedFilter filter;
    if (auto tag = request.param("tag")) filter.tag = checked_tags({*tag}).front();
    filter.territory = checked_territory(request.param("territory"));
    filter.structure_type = one_structure_type(request);
    http::Response r;
    r.content_type = "application/atom+xml; charset=utf-8";
    r.body = atom_document(filter, unanswered_entries(app.db, filter), request.raw_path);
    return r;
}

}  // namespace kb
