// SPDX-License-Identifier: MIT
// Tick steps follow the usual 1-2-5 rule (the smallest of 1, 2, 5 times a power of ten
// giving at most about six intervals), so axis labels are round numbers. Series colours
// come from a fixed colour-blind-friendly palette (Okabe and Ito 2008), cycling after 8.
#include "svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "report_html.hpp"

namespace bitsig::cli {

namespace {

const char* const kPalette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"};

using html::escape;  // one escaping for HTML and SVG text

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", std::abs(v) < 1e-12 ? 0.0 : v);
    return buf;
}

std::string px(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

double nice_step(double span) {
    if (!(span > 0)) return 1;
    const double raw = span / 6;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * power >= raw) return m * power;
    return 10 * power;
}

}  // namespace

std::string render_svg(const LineChart& c) {
    double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
    bool any = false;
    for (const auto& s : c.series)
        for (std::size_t i = 0; i < s.x.size(); ++i) {
            if (!any) x0 = x1 = s.x[i], y0 = y1 = s.y[i], any = true;
            x0 = std::min(x0, s.x[i]), x1 = std::max(x1, s.x[i]);
            y0 = std::min(y0, s.y[i]), y1 = std::max(y1, s.y[i]);
        }
    if (c.unit_y || !any) y0 = 0, y1 = 1;
    if (x1 <= x0) x1 = x0 + 1;
    if (y1 <= y0) y1 = y0 + 1;
    const double xs = nice_step(x1 - x0), ys = nice_step(y1 - y0);
    x0 = std::floor(x0 / xs) * xs, x1 = std::ceil(x1 / xs - 1e-9) * xs;
    if (!c.unit_y) y0 = std::floor(y0 / ys) * ys, y1 = std::ceil(y1 / ys - 1e-9) * ys;

    const double left = 60, right = 150, top = 36, bottom = 48;
    const double pw = c.width - left - right, ph = c.height - top - bottom;
    auto X = [&](double x) { return left + (x - x0) / (x1 - x0) * pw; };
    auto Y = [&](double y) { return top + (1 - (y - y0) / (y1 - y0)) * ph; };

    std::ostringstream o;
    o << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << c.width << "\" height=\"" << c.height
      << "\" viewBox=\"0 0 " << c.width << ' ' << c.height << "\" font-family=\"sans-serif\" font-size=\"12\">\n";
    o << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    o << "<text x=\"" << px(left + pw / 2) << "\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">" << escape(c.title)
      << "</text>\n";
    // Grid, ticks and tick labels.
    for (double y = y0; y <= y1 + ys * 1e-6; y += ys) {
        o << "<line x1=\"" << px(left) << "\" x2=\"" << px(left + pw) << "\" y1=\"" << px(Y(y)) << "\" y2=\""
          << px(Y(y)) << "\" stroke=\"#e0e0e0\"/>\n";
        o << "<text x=\"" << px(left - 6) << "\" y=\"" << px(Y(y) + 4) << "\" text-anchor=\"end\">" << num(y)
          << "</text>\n";
    }
    for (double x = x0; x <= x1 + xs * 1e-6; x += xs) {
        o << "<line x1=\"" << px(X(x)) << "\" x2=\"" << px(X(x)) << "\" y1=\"" << px(top + ph) << "\" y2=\""
          << px(top + ph + 5) << "\" stroke=\"black\"/>\n";
        o << "<text x=\"" << px(X(x)) << "\" y=\"" << px(top + ph + 18) << "\" text-anchor=\"middle\">" << num(x)
          << "</text>\n";
    }
    // Axes and their labels.
    o << "<polyline points=\"" << px(left) << ',' << px(top) << ' ' << px(left) << ',' << px(top + ph) << ' '
      << px(left + pw) << ',' << px(top + ph) << "\" fill=\"none\" stroke=\"black\"/>\n";
    o << "<text x=\"" << px(left + pw / 2) << "\" y=\"" << px(c.height - 10) << "\" text-anchor=\"middle\">"
      << escape(c.x_label) << "</text>\n";
    o << "<text transform=\"translate(16," << px(top + ph / 2) << ") rotate(-90)\" text-anchor=\"middle\">"
      << escape(c.y_label) << "</text>\n";
    // Series and legend.
    for (std::size_t i = 0; i < c.series.size(); ++i) {
        const ChartSeries& s = c.series[i];
        const char* colour = kPalette[i % std::size(kPalette)];
        o << "<polyline fill=\"none\" stroke=\"" << colour << "\" stroke-width=\"2\" points=\"";
        for (std::size_t k = 0; k < s.x.size(); ++k) o << (k ? " " : "") << px(X(s.x[k])) << ',' << px(Y(s.y[k]));
        o << "\"><title>" << escape(s.name) << "</title></polyline>\n";
        const double ly = top + 8 + 18 * static_cast<double>(i);
        o << "<line x1=\"" << px(left + pw + 12) << "\" x2=\"" << px(left + pw + 32) << "\" y1=\"" << px(ly)
          << "\" y2=\"" << px(ly) << "\" stroke=\"" << colour << "\" stroke-width=\"2\"/>\n";
        o << "<text x=\"" << px(left + pw + 38) << "\" y=\"" << px(ly + 4) << "\">" << escape(s.name) << "</text>\n";
    }
    o << "</svg>\n";
    return o.str();
}

LineChart readout_chart(const SimulationResult& r, const std::string& title, std::size_t max_series) {
    LineChart c;
    c.title = title;
    c.x_label = "time";
    c.y_label = "probability on (window average)";
    c.unit_y = true;
    const bool readouts = r.names.size() > r.num_variables;
    const std::size_t first = readouts ? r.num_variables : 0;
    const std::size_t last = readouts ? r.names.size() : std::min(r.num_variables, max_series);
    for (std::size_t s = first; s < last; ++s) {
        ChartSeries series;
        series.name = r.names[s];
        for (std::size_t k = 0; k < r.times.size(); ++k) {
            const double end = k + 1 < r.times.size() ? r.times[k + 1] : r.options.max_time;
            series.x.push_back((r.times[k] + end) / 2);
            series.y.push_back(r.probabilities[s][k]);
        }
        c.series.push_back(std::move(series));
    }
    return c;
}

}  // namespace bitsig::cli
