// SPDX-License-Identifier: MIT
// A hand-written SVG line chart (axes, ticks, labels, legend): no plotting dependency for
// the one kind of figure reports need, probabilities over time.
#pragma once

#include <string>
#include <vector>

#include "simulate/simulate.hpp"

namespace bitsig::cli {

struct ChartSeries {
    std::string name;
    std::vector<double> x, y;  // same length
};

struct LineChart {
    std::string title;
    std::string x_label;
    std::string y_label;
    std::vector<ChartSeries> series;
    bool unit_y = false;  // y axis fixed to [0, 1] (probabilities)
    int width = 640;
    int height = 360;
};

/// The chart as a standalone SVG document.
std::string render_svg(const LineChart& chart);

/// Readouts of a simulation over time (window averages at window midpoints); a model
/// without readouts shows its first `max_series` variables instead.
LineChart readout_chart(const SimulationResult& r, const std::string& title, std::size_t max_series = 10);

}  // namespace bitsig::cli
