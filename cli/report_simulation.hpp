// SPDX-License-Identifier: MIT
// The report's stochastic-simulation parts: with `report --simulate`, every section's
// probabilities over time (an SVG line chart of the readouts) and at max_time; for every
// scenario with a `simulate:` block, its simulated bounds against the estimates; on the
// front page, every simulated section's chart.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/control.hpp"
#include "report_model.hpp"

namespace bitsig::cli {

struct ReportSimulation {
    bool enabled = false;  // --simulate
    std::uint64_t samples = 2000;
    double max_time = 10;
    double time_tick = 0.2;
    std::uint64_t seed = 1;
};

/// Adds to each section's page its simulated bounds (from data.checks) and, when
/// settings.enabled, its chart and final probabilities; the charts also go to
/// `files` as simulation_<id>.svg.
void add_simulation_parts(ReportData& data, const ReportSimulation& settings, std::map<std::string, std::string>& files,
                          const Control& control);

/// The front page's "Probabilities over time": every simulated section's chart, linked to
/// its page; "" when no section was simulated.
std::string simulation_overview(const ReportData& data);

}  // namespace bitsig::cli
