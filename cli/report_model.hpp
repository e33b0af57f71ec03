// SPDX-License-Identifier: MIT
// What a report shows, computed once by `report` and read by every page and file writer:
// one section per condition (baseline, chosen scenarios), the scenario checks and the
// optional screen (the engine's ScreenResult, rendered by screen_render like `bitsig screen`). Writers are split by
// output: data files, the front page, one page per condition.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/network.hpp"
#include "perturb/conditions.hpp"
#include "query/check.hpp"
#include "query/screen.hpp"
#include "render.hpp"
#include "screen_render.hpp"
#include "simulate/simulate.hpp"

namespace bitsig::cli {

/// One condition of the report: its attractors, its diagram, and its own page.
struct ReportSection {
    std::string id;  // file stem: "baseline", "scenario_<name>"
    std::string title;
    Conditions conditions;
    AttractorReport report;
    std::string diagram_svg;                     // Graphviz's SVG file, empty without diagrams
    const Scenario* scenario = nullptr;          // null for the baseline
    std::vector<std::string> extra_html;         // further paragraphs for the page (already HTML)
    std::optional<SimulationResult> simulation;  // `report --simulate`: the section's simulation
    std::string simulation_svg;                  // its chart (render_svg), empty without
};

struct ReportData {
    const Network* net = nullptr;
    std::string update;  // "sync" or "async"
    std::vector<ReportSection> sections;
    std::vector<ScenarioOutcome> checks;
    std::optional<ScreenResult> screen;  // the engine's answer, as `bitsig screen` gets it
    ScreenAsk screen_ask;                // how it was asked (the renderers describe it)
    std::string model_facts_html;        // the Model section's table rows (variables, loops, ...)
};

/// The check outcome of the scenario named `name`, or null.
const ScenarioOutcome* find_check(const ReportData& data, const std::string& name);
/// The file name of the page of the scenario named `name`, or "" when the report has none.
std::string scenario_page(const ReportData& data, const std::string& name);

/// report.json, report.md, check.*, screen.csv and attractors_<id>.{json,csv,md}.
void add_data_files(const ReportData& data, std::map<std::string, std::string>& files);
/// index.html: summary, contents, baseline, checks, plots, screen.
std::string front_page(const ReportData& data);
/// <id>.html for one section.
std::string section_page(const ReportData& data, const ReportSection& section);
/// diagram_<id>.svg for a section, "" when it has no diagram.
std::string diagram_file(const ReportSection& section);

}  // namespace bitsig::cli
