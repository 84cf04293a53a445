/// @brief Weekly series drawn on the server as accessible inline SVG line charts (no script,
/// no style attribute: presentation attributes only, so the CSP allows them).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kb::web {

struct ChartPoint {
    std::string label;            ///< the x axis' text for this point ("5 janv.")
    std::optional<double> value;  ///< nullopt: no data that week (a gap in the line)
};

struct LineChart {
    std::string id;           ///< unique in the page: ids of the title and description
    std::string title;        ///< the chart's <title>
    std::string description;  ///< the chart's <desc>: what it shows, in words
    std::vector<ChartPoint> points;
    bool share = false;  ///< values from 0 to 1, the axis in per cent up to 100 %
};

/// `<svg role="img" aria-labelledby="…">` with a title, a description, horizontal grid lines
/// with their values, a few dates under the x axis, and the line (broken where data is missing).
std::string line_chart_svg(const LineChart& chart);

/// A value as French readers write it: "1 234", "12,5".
std::string french_number(double value, int decimals);

}  // namespace kb::web
