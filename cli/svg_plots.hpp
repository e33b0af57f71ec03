// SPDX-License-Identifier: MIT
// Hand-written SVG plots for the report: a scenario × readout heatmap and a horizontal bar
// chart. Each is a complete <svg> element with a viewBox (it scales to its box), axes,
// labels and a legend; no scripts and no external resources.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace bitsig::cli {

struct HeatmapCell {
    std::optional<double> reached;  // long-term fraction on, 0..1; none = not computed
    std::optional<bool> expected;   // the scenario's expectation, if it states one
    bool holds = true;              // every attractor shows the expected value
    std::string tooltip;
};

struct Heatmap {
    std::string title;
    std::vector<std::string> rows;                // e.g. scenario names
    std::vector<std::string> row_links;           // per row: a page to link, or ""
    std::vector<std::string> columns;             // e.g. readouts
    std::vector<std::vector<HeatmapCell>> cells;  // [row][column]
};

/// Cells coloured by the reached value (off grey, on green, partly on amber), marked ✓
/// where the expectation holds and ✗ (outlined red) where it does not.
std::string heatmap_svg(const Heatmap& map);

struct BarChart {
    std::string title;
    std::string axis_label;           // along the value axis
    std::vector<std::string> labels;  // one bar each, top to bottom
    std::vector<double> values;       // 0..1, drawn as percentages
    std::vector<int> series;          // per bar: index into series_names (colour)
    std::vector<std::string> series_names;
};

/// Horizontal bars on a 0–100% axis with grid lines, value labels and a legend of series.
std::string bar_chart_svg(const BarChart& chart);

}  // namespace bitsig::cli
