/// @brief line_chart_svg: fixed geometry in a viewBox, so the chart scales with its container.
#include "svg_chart.hpp"

#include "html_escape.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kb::web {

namespace {

constexpr double kWidth = 640;
constexpr double kHeight = 240;
constexpr double kLeft = 56;
constexpr double kRight = 12;
constexpr double kTop = 12;
constexpr double kBottom = 32;
constexpr int kGridLines = 4;
constexpr const char* kLineColour = "#000091";  // DSFR blue France
constexpr const char* kGridColour = "#dddddd";
constexpr const char* kTextColour = "#3a3a3a";

std::string coordinate(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", v);
    return buffer;
}

// The smallest "round" number (1, 2 or 5 times a power of ten, at least 1) at least value.
double nice_ceiling(double value) {
    if (value <= 1) return 1;
    const double power = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 5.0, 10.0}) {
        if (value <= step * power) return step * power;
    }
    return 10 * power;
}

std::string axis_label(double value, bool share) {
    if (share) return french_number(value * 100, 0) + " %";
    return french_number(value, value < 10 && std::floor(value) != value ? 1 : 0);
}

}  // namespace

std::string french_number(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    std::string text = buffer;
    const std::size_t dot = text.find('.');
    std::string integer = text.substr(0, dot);
    std::string fraction = dot == std::string::npos ? "" : "," + text.substr(dot + 1);
    const bool negative = !integer.empty() && integer[0] == '-';
    if (negative) integer.erase(0, 1);
    std::string grouped;
    for (std::size_t i = 0; i < integer.size(); ++i) {
        if (i > 0 && (integer.size() - i) % 3 == 0) grouped += "\u202f";  // narrow no-break space
        grouped += integer[i];
    }
    return (negative ? "-" : "") + grouped + fraction;
}

std::string line_chart_svg(const LineChart& chart) {
    double top_value = 0;
    for (const auto& p : chart.points) {
        if (p.value) top_value = std::max(top_value, *p.value);
    }
    // Four grid steps of a round size: counts get whole-number lines (0, 1, 2, 3, 4 at least).
    const double y_max = chart.share ? 1.0 : kGridLines * nice_ceiling(top_value / kGridLines);
    const double plot_w = kWidth - kLeft - kRight;
    const double plot_h = kHeight - kTop - kBottom;
    const std::size_t n = chart.points.size();
    auto x_of = [&](std::size_t i) {
        return kLeft + (n <= 1 ? plot_w / 2 : plot_w * static_cast<double>(i) / (n - 1));
    };
    auto y_of = [&](double v) { return kTop + plot_h * (1 - std::clamp(v / y_max, 0.0, 1.0)); };

    const std::string title_id = chart.id + "-titre";
    const std::string desc_id = chart.id + "-desc";
    std::string svg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"kb-chart\" viewBox=\"0 0 " +
        coordinate(kWidth) + " " + coordinate(kHeight) +
        "\" role=\"img\" focusable=\"false\" aria-labelledby=\"" + title_id + " " + desc_id + "\">";
    svg += "<title id=\"" + title_id + "\">" + http::html_escape(chart.title) + "</title>";
    svg += "<desc id=\"" + desc_id + "\">" + http::html_escape(chart.description) + "</desc>";
    svg += "<g font-size=\"12\" fill=\"" + std::string(kTextColour) + "\">";
    for (int g = 0; g <= kGridLines; ++g) {
        const double v = y_max * g / kGridLines;
        const std::string y = coordinate(y_of(v));
        svg += "<line x1=\"" + coordinate(kLeft) + "\" x2=\"" + coordinate(kWidth - kRight) +
               "\" y1=\"" + y + "\" y2=\"" + y + "\" stroke=\"" + kGridColour +
               "\" stroke-width=\"1\"/>";
        svg += "<text x=\"" + coordinate(kLeft - 6) + "\" y=\"" + coordinate(y_of(v) + 4) +
               "\" text-anchor=\"end\">" + http::html_escape(axis_label(v, chart.share)) +
               "</text>";
    }
    // About five dates under the axis: the first week, then every quarter of the series.
    const std::size_t every = std::max<std::size_t>(1, (n + 3) / 4);
    for (std::size_t i = 0; i < n; i += every) {
        svg += "<text x=\"" + coordinate(x_of(i)) + "\" y=\"" + coordinate(kHeight - 10) +
               "\" text-anchor=\"middle\">" + http::html_escape(chart.points[i].label) + "</text>";
    }
    svg += "</g>";
    std::string path;
    bool pen_down = false;
    std::string dots;
    for (std::size_t i = 0; i < n; ++i) {
        const auto& p = chart.points[i];
        if (!p.value) {
            pen_down = false;
            continue;
        }
        const std::string x = coordinate(x_of(i));
        const std::string y = coordinate(y_of(*p.value));
        path += (pen_down ? "L" : "M") + x + " " + y + " ";
        pen_down = true;
        dots += "<circle cx=\"" + x + "\" cy=\"" + y + "\" r=\"2.5\"/>";
    }
    if (!path.empty()) {
        path.pop_back();
        svg += "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + kLineColour +
               "\" stroke-width=\"2\" stroke-linejoin=\"round\"/>";
        svg += "<g fill=\"" + std::string(kLineColour) + "\">" + dots + "</g>";
    }
    svg += "</svg>";
    return svg;
}

}  // namespace kb::web
