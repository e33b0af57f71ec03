// SPDX-License-Identifier: MIT
// Plots as plain SVG text. Text widths are estimated from the character count (about 0.6 em
// per character in Helvetica), which is enough to size margins; the viewBox then lets the
// browser scale the whole plot. Numbers are printed with fixed precision so that the same
// data gives the same bytes.
#include "svg_plots.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "report_html.hpp"

namespace bitsig::cli {

namespace {

// One escaping for HTML and SVG text.
std::string esc(const std::string& s) { return html::escape(s); }

std::string num(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", x);
    return buf;
}

double text_width(const std::string& s, double font_size) {
    std::size_t chars = 0;
    for (unsigned char c : s) chars += (c & 0xC0) != 0x80;  // count UTF-8 code points
    return 0.6 * font_size * static_cast<double>(chars);
}

const char* kOff = "#e8e8e8";
const char* kOn = "#66bb6a";
const char* kPartly = "#ffd54f";

std::string open_svg(double width, double height, const std::string& title) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(width) + " " + num(height) +
           "\" width=\"100%\" font-family=\"Helvetica,Arial,sans-serif\" font-size=\"12\" role=\"img\">\n<title>" +
           esc(title) + "</title>\n<text x=\"" + num(width / 2) +
           "\" y=\"20\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">" + esc(title) + "</text>\n";
}

std::string swatch(double x, double y, const char* fill, const std::string& label, const char* stroke = "#999",
                   double stroke_width = 1) {
    return "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"14\" height=\"14\" fill=\"" + fill +
           "\" stroke=\"" + stroke + "\" stroke-width=\"" + num(stroke_width) + "\"/><text x=\"" + num(x + 20) +
           "\" y=\"" + num(y + 11) + "\">" + esc(label) + "</text>\n";
}

}  // namespace

std::string heatmap_svg(const Heatmap& map) {
    const double cell_w = 64, cell_h = 20, font = 12;
    double label_w = 0, header_h = 0;
    for (const auto& r : map.rows) label_w = std::max(label_w, text_width(r, font));
    for (const auto& c : map.columns) header_h = std::max(header_h, text_width(c, font));
    label_w += 16;
    header_h = header_h * 0.71 + 20;  // labels at 45°
    const double left = label_w + 10, top = 40 + header_h;
    const double grid_w = cell_w * static_cast<double>(map.columns.size());
    const double grid_h = cell_h * static_cast<double>(map.rows.size());
    const double legend_y = top + grid_h + 20;
    const double width = std::max(left + grid_w + 40, 620.0), height = legend_y + 50;
    std::ostringstream svg;
    svg << open_svg(width, height, map.title);
    for (std::size_t c = 0; c < map.columns.size(); ++c) {
        double x = left + cell_w * (static_cast<double>(c) + 0.5), y = top - 6;
        svg << "<text transform=\"translate(" << num(x) << "," << num(y) << ") rotate(-45)\">" << esc(map.columns[c])
            << "</text>\n";
    }
    for (std::size_t r = 0; r < map.rows.size(); ++r) {
        double y = top + cell_h * static_cast<double>(r);
        std::string label = "<text x=\"" + num(left - 8) + "\" y=\"" + num(y + cell_h * 0.7) +
                            "\" text-anchor=\"end\">" + esc(map.rows[r]) + "</text>";
        if (r < map.row_links.size() && !map.row_links[r].empty())
            label = "<a href=\"" + esc(map.row_links[r]) + "\">" + label + "</a>";
        svg << label << "\n";
        for (std::size_t c = 0; c < map.columns.size(); ++c) {
            const HeatmapCell& cell = map.cells[r][c];
            double x = left + cell_w * static_cast<double>(c);
            const char* fill = !cell.reached        ? "#ffffff"
                               : *cell.reached <= 0 ? kOff
                               : *cell.reached >= 1 ? kOn
                                                    : kPartly;
            bool failed = cell.expected && !cell.holds;
            svg << "<g><title>" << esc(cell.tooltip) << "</title><rect x=\"" << num(x) << "\" y=\"" << num(y)
                << "\" width=\"" << num(cell_w) << "\" height=\"" << num(cell_h) << "\" fill=\"" << fill
                << "\" stroke=\"" << (failed ? "#c62828" : "#ffffff") << "\" stroke-width=\"" << (failed ? "2.5" : "1")
                << "\"/>";
            if (cell.reached) {
                std::string word = *cell.reached <= 0 ? "off"
                                   : *cell.reached >= 1
                                       ? "on"
                                       : std::to_string(static_cast<int>(std::lround(*cell.reached * 100))) + "%";
                if (cell.expected) word += cell.holds ? " ✓" : " ✗";
                svg << "<text x=\"" << num(x + cell_w / 2) << "\" y=\"" << num(y + cell_h * 0.7)
                    << "\" text-anchor=\"middle\"" << (cell.expected ? " font-weight=\"bold\"" : "") << ">" << esc(word)
                    << "</text>";
            }
            svg << "</g>\n";
        }
    }
    svg << "<rect x=\"" << num(left) << "\" y=\"" << num(top) << "\" width=\"" << num(grid_w) << "\" height=\""
        << num(grid_h) << "\" fill=\"none\" stroke=\"#999\"/>\n";
    double x = 10;
    svg << "<g class=\"legend\">" << swatch(x, legend_y, kOff, "off") << swatch(x + 60, legend_y, kOn, "on")
        << swatch(x + 115, legend_y, kPartly, "partly on (oscillates or differs between attractors)") << "<text x=\""
        << num(x) << "\" y=\"" << num(legend_y + 34)
        << "\">Reached value, basin-weighted. Bold ✓: the scenario expects this value; ✗ (red outline): it expects "
           "the other one.</text></g>\n";
    svg << "</svg>\n";
    return svg.str();
}

std::string bar_chart_svg(const BarChart& chart) {
    static const char* palette[] = {"#1e88e5", "#43a047", "#8e24aa", "#bdbdbd"};
    const double bar_h = 16, gap = 6, font = 12;
    double label_w = 0;
    for (const auto& l : chart.labels) label_w = std::max(label_w, text_width(l, font));
    const double left = label_w + 20, top = 40, axis_w = 520;
    const double plot_h = (bar_h + gap) * static_cast<double>(chart.labels.size());
    const double legend_y = top + plot_h + 50;
    const double width = left + axis_w + 70, height = legend_y + 24;
    std::ostringstream svg;
    svg << open_svg(width, height, chart.title);
    for (int tick = 0; tick <= 100; tick += 25) {
        double x = left + axis_w * tick / 100.0;
        svg << "<line x1=\"" << num(x) << "\" y1=\"" << num(top) << "\" x2=\"" << num(x) << "\" y2=\""
            << num(top + plot_h) << "\" stroke=\"#e0e0e0\"/><text x=\"" << num(x) << "\" y=\"" << num(top + plot_h + 16)
            << "\" text-anchor=\"middle\">" << tick << "%</text>\n";
    }
    svg << "<line x1=\"" << num(left) << "\" y1=\"" << num(top + plot_h) << "\" x2=\"" << num(left + axis_w)
        << "\" y2=\"" << num(top + plot_h) << "\" stroke=\"#424242\"/>\n<line x1=\"" << num(left) << "\" y1=\""
        << num(top) << "\" x2=\"" << num(left) << "\" y2=\"" << num(top + plot_h) << "\" stroke=\"#424242\"/>\n";
    svg << "<text x=\"" << num(left + axis_w / 2) << "\" y=\"" << num(top + plot_h + 34) << "\" text-anchor=\"middle\">"
        << esc(chart.axis_label) << "</text>\n";
    for (std::size_t i = 0; i < chart.labels.size(); ++i) {
        double y = top + gap / 2 + (bar_h + gap) * static_cast<double>(i);
        double v = std::clamp(chart.values[i], 0.0, 1.0);
        int s = i < chart.series.size() ? chart.series[i] : 0;
        svg << "<g><title>" << esc(chart.labels[i]) << ": " << num(100 * v) << "%</title><text x=\"" << num(left - 6)
            << "\" y=\"" << num(y + bar_h * 0.75) << "\" text-anchor=\"end\">" << esc(chart.labels[i])
            << "</text><rect x=\"" << num(left) << "\" y=\"" << num(y) << "\" width=\"" << num(axis_w * v)
            << "\" height=\"" << num(bar_h) << "\" fill=\"" << palette[s % 4] << "\"/><text x=\""
            << num(left + axis_w * v + 4) << "\" y=\"" << num(y + bar_h * 0.75) << "\">" << num(100 * v)
            << "%</text></g>\n";
    }
    svg << "<g class=\"legend\">";
    double x = 10;
    for (std::size_t s = 0; s < chart.series_names.size(); ++s) {
        svg << swatch(x, legend_y, palette[s % 4], chart.series_names[s], palette[s % 4]);
        x += 40 + text_width(chart.series_names[s], font);
    }
    svg << "</g>\n</svg>\n";
    return svg.str();
}

}  // namespace bitsig::cli
