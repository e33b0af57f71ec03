// SPDX-License-Identifier: MIT
// Each section is simulated under its own perturbation (the same conditions as its
// attractors; a scenario's `initial` state if it gives one, else MaBoSS's random initial
// states), with one seed for all sections so that the report is reproducible. The chart
// is the one `simulate --svg` draws (svg_chart), inlined in the page and written alone.
#include "report_simulation.hpp"

#include <cstdio>
#include <sstream>

#include "query/check.hpp"
#include "query/simulate.hpp"
#include "report_html.hpp"
#include "svg_chart.hpp"

namespace bitsig::cli {

namespace {

using html::escape;

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

std::string bounds_html(const SimulationCheck& c) {
    std::ostringstream html;
    html << "<h2>Simulated expectations</h2>\n<p>" << c.samples << " trajectories to t = " << num(c.max_time)
         << ", seed " << c.seed << "; a bound fails only when the estimate is more than " << num(c.margin)
         << " standard errors beyond it.</p>\n<table><tr><th>bound</th><th>estimate</th><th>standard error</th>"
            "<th>result</th></tr>\n";
    for (const auto& e : c.expectations)
        html << "<tr><td>P(" << escape(e.name) << ") " << (e.kind == ExpectationKind::at_least ? "&ge; " : "&le; ")
             << num(e.bound) << "</td><td>" << num(e.estimate) << "</td><td>" << num(e.standard_error)
             << "</td><td class=\"" << (e.holds ? "pass" : "FAIL") << "\">" << (e.holds ? "holds" : "FAILS")
             << "</td></tr>\n";
    html << "</table>\n";
    return html.str();
}

// The chart without its XML declaration, to sit inside the page.
std::string inline_svg(const std::string& svg) {
    const auto start = svg.find("<svg");
    return start == std::string::npos ? svg : svg.substr(start);
}

std::string simulation_html(const SimulationResult& r, const std::string& svg_name, const std::string& svg) {
    std::ostringstream html;
    html << "<h2>Probabilities over time</h2>\n<p>Stochastic simulation (MaBoSS semantics, the model's rates): "
         << r.samples << " trajectories to t = " << num(r.options.max_time) << ", windows of "
         << num(r.options.time_tick) << ", seed " << r.options.seed
         << ". Each point is the probability of being on, averaged over its window. Chart alone: <a href=\"" << svg_name
         << "\">" << svg_name << "</a>.</p>\n"
         << "<figure>" << inline_svg(svg) << "</figure>\n";
    html << "<table><tr><th>" << (r.names.size() > r.num_variables ? "readout" : "variable")
         << "</th><th>P(on) at t = " << num(r.options.max_time) << "</th><th>standard error</th></tr>\n";
    const std::size_t first = r.names.size() > r.num_variables ? r.num_variables : 0;
    for (std::size_t i = first; i < r.names.size(); ++i)
        html << "<tr><td>" << escape(r.names[i]) << "</td><td>" << num(r.final_probabilities[i]) << "</td><td>"
             << num(r.final_standard_errors[i]) << "</td></tr>\n";
    html << "</table>\n";
    return html.str();
}

}  // namespace

std::string simulation_overview(const ReportData& data) {
    std::ostringstream html;
    for (const auto& s : data.sections) {
        if (!s.simulation) continue;
        const SimulationResult& r = *s.simulation;
        html << "<h3><a href=\"" << s.id << ".html\">" << escape(s.title) << "</a></h3>\n<figure>"
             << inline_svg(s.simulation_svg) << "<figcaption>" << r.samples
             << " trajectories to t = " << num(r.options.max_time) << ", windows of " << num(r.options.time_tick)
             << ", seed " << r.options.seed << "; final probabilities on the condition's page.</figcaption></figure>\n";
    }
    const std::string charts = html.str();
    if (charts.empty()) return "";
    return "<h2 id=\"simulations\">Probabilities over time</h2>\n<p>Stochastic simulation of each condition (MaBoSS "
           "semantics, the model's rates): the probability of each readout being on, averaged over each window.</p>\n" +
           charts;
}

void add_simulation_parts(ReportData& data, const ReportSimulation& settings, std::map<std::string, std::string>& files,
                          const Control& control) {
    for (auto& s : data.sections) {
        if (s.scenario)
            if (const ScenarioOutcome* check = find_check(data, s.scenario->name); check && check->simulation)
                s.extra_html.push_back(bounds_html(*check->simulation));
        if (!settings.enabled) continue;
        control.check();
        SimulationStart start;
        if (s.scenario) start = scenario_start(*s.scenario);
        SimulationOptions o;
        o.samples = settings.samples;
        o.max_time = settings.max_time;
        o.time_tick = settings.time_tick;
        o.seed = settings.seed;
        o.top_states = 0;
        const SimulationResult& r =
            s.simulation.emplace(simulate_under(*data.net, s.report.perturbation, start, o, control));
        const std::string name = "simulation_" + s.id + ".svg";
        s.simulation_svg = render_svg(readout_chart(r, s.title + ": probabilities over time"));
        files[name] = s.simulation_svg;
        s.extra_html.push_back(simulation_html(r, name, s.simulation_svg));
    }
}

}  // namespace bitsig::cli
