// SPDX-License-Identifier: MIT
// The report's pages. The front page stays small (one diagram, the baseline's) however many
// scenarios are included: every condition gets its own page with its expectation, verdict,
// actual drugs and contexts, attractors and diagram, and the front page lists them in one
// table with their verdicts.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "attractor/phenotype.hpp"
#include "report_html.hpp"
#include "report_model.hpp"
#include "report_simulation.hpp"
#include "svg_plots.hpp"

namespace bitsig::cli {

namespace {

using html::escape;

std::string expectation_text(const Scenario& s) {
    std::string out;
    for (const auto& e : s.expect) out += (out.empty() ? "" : ", ") + bitsig::expectation_text(e);
    if (s.simulation)
        for (const auto& e : s.simulation->expect)
            out += (out.empty() ? "simulated " : ", simulated ") + bitsig::expectation_text(e);
    if (s.has_history()) out += " (with history)";
    return out.empty() ? "none" : out;
}

std::string list_or_none(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
    return out.empty() ? "none" : out;
}

// Which scheme a scenario's heatmap row shows: synchronous when it was checked so.
const SchemeOutcome* shown_scheme(const ScenarioOutcome& o) {
    for (const auto& s : o.schemes)
        if (s.update == UpdateScheme::synchronous) return &s;
    return o.schemes.empty() ? nullptr : &o.schemes.front();
}

std::string heatmap(const ReportData& data) {
    const Network& net = *data.net;
    Heatmap map;
    map.title = "Scenarios × readouts: reached vs expected";
    for (const auto& r : net.readouts()) map.columns.push_back(r.name);
    for (const auto& o : data.checks)
        for (const auto& e : o.scenario->expect)
            if (std::find(map.columns.begin(), map.columns.end(), e.name) == map.columns.end())
                map.columns.push_back(e.name);
    for (const auto& o : data.checks) {
        const SchemeOutcome* scheme = shown_scheme(o);
        if (!scheme) continue;
        map.rows.push_back(o.name);
        map.row_links.push_back(scenario_page(data, o.name));
        std::vector<double> readouts = long_term_means(net, scheme->result, true);
        std::vector<double> vars = long_term_means(net, scheme->result, false);
        std::vector<HeatmapCell> row;
        for (const auto& column : map.columns) {
            HeatmapCell cell;
            for (std::size_t k = 0; k < net.readouts().size(); ++k)
                if (net.readouts()[k].name == column && k < readouts.size()) cell.reached = readouts[k];
            if (!cell.reached)
                if (auto v = net.find(column); v && v->index < vars.size()) cell.reached = vars[v->index];
            if (cell.reached && std::isnan(*cell.reached)) cell.reached.reset();
            for (const auto& e : scheme->expectations)
                if (e.name == column) {
                    cell.expected = e.expected;
                    cell.holds = e.holds;
                }
            cell.tooltip = o.name + ", " + column + ": reached " +
                           (cell.reached ? readout_word(*cell.reached) : std::string("?")) +
                           (cell.expected ? std::string(", expected ") + (*cell.expected ? "ON" : "OFF") : "") + " (" +
                           to_string(scheme->update) + ")";
            row.push_back(cell);
        }
        map.cells.push_back(row);
    }
    return map.rows.empty() ? std::string() : "<div class=\"plot\">" + heatmap_svg(map) + "</div>\n";
}

std::string screen_section(const ReportData& data) {
    const Network& net = *data.net;
    const ScreenResult& screen = *data.screen;
    std::vector<std::string> because;
    for (const auto& e : screen.entries) because.push_back(e.redundant_because);
    std::ostringstream html;
    const std::uint64_t total = screen.conditions == 0 ? 0 : screen.conditions - 1;
    const std::uint64_t redundant = screen.redundant;
    html << "<h2 id=\"screen\">Screen</h2>\n<p>Drugs and pairs added to " << escape(screen.base.describe()) << "; goal "
         << escape(screen.goal.describe()) << ". " << count_text(total) << " combinations were evaluated; "
         << count_text(redundant)
         << " of them are <em>redundant</em>: a part of the combination alone reaches the same goal share.</p>\n";

    BarChart chart;
    chart.title = "Goal share of the best non-redundant combinations";
    chart.axis_label = "share of the long-term behaviour (basin-weighted) where " + screen.goal.describe();
    chart.series_names = {"single drug", "combination", "base alone"};
    // Redundant combinations would crowd out the informative bars; the table lists them.
    for (std::size_t i = 0, bars = 0; i < screen.entries.size() && bars < 16; ++i) {
        if (!because[i].empty()) continue;
        chart.labels.push_back(combination_label(screen.entries[i]));
        chart.values.push_back(screen.entries[i].goal_share());
        chart.series.push_back(i == 0 ? 2 : screen.entries[i].members.size() == 1 ? 0 : 1);
        ++bars;
    }
    html << "<div class=\"plot\">" << bar_chart_svg(chart) << "</div>\n";

    auto header = [&] {
        std::string h = "<table><tr><th>rank</th><th>added</th><th>goal share</th><th>attractors</th>";
        for (const auto& ro : net.readouts()) h += "<th>" + escape(ro.name) + "</th>";
        return h + "</tr>\n";
    };
    auto row = [&](std::size_t i) {
        const ScreenEntry& e = screen.entries[i];
        std::ostringstream r;
        r << "<tr" << (because[i].empty() ? "" : " class=\"redundant\"") << "><td>"
          << (i == 0 ? std::string("-") : count_text(i)) << "</td><td>" << escape(combination_label(e))
          << (because[i].empty() ? "" : " <em>(redundant: " + escape(because[i]) + " alone does as well)</em>")
          << "</td><td>" << html::percent(e.goal_share()) << "</td><td>" << count_text(e.attractors)
          << (e.complete ? "" : "+") << "</td>";
        for (double v : e.readouts) r << "<td>" << html::percent(v) << "</td>";
        r << "</tr>\n";
        return r.str();
    };
    // The main table: the base, then the best non-redundant combinations.
    std::size_t shown = 0;
    std::string main = header() + (screen.entries.empty() ? "" : row(0));
    std::string folded;
    std::size_t folded_count = 0;
    for (std::size_t i = 1; i < screen.entries.size(); ++i) {
        if (!because[i].empty()) {
            folded += row(i);
            ++folded_count;
        } else if (shown < data.screen_ask.top) {
            main += row(i);
            ++shown;
        }
    }
    html << "<p>Top " << count_text(shown) << " of " << count_text(total - redundant)
         << " non-redundant combinations, by goal share.</p>\n"
         << main << "</table>\n";
    if (folded_count)
        html << "<details><summary>" << count_text(folded_count)
             << " redundant combinations (a part alone does as well)</summary>\n"
             << header() << folded << "</table></details>\n";
    html << "<p class=\"note\">All " << count_text(total) << " rows: <a href=\"screen.csv\">screen.csv</a>.</p>\n";
    return html.str();
}

std::string contents_table(const ReportData& data) {
    std::ostringstream html;
    html << "<table><tr><th>condition</th><th>claim</th><th>verdict</th><th>attractors</th><th>description</th></tr>\n";
    for (const auto& s : data.sections) {
        const ScenarioOutcome* check = s.scenario ? find_check(data, s.scenario->name) : nullptr;
        html << "<tr><td><a href=\"" << s.id << ".html\">" << escape(s.scenario ? s.scenario->name : s.title)
             << "</a></td><td>" << escape(s.scenario ? s.scenario->claim : "") << "</td>";
        if (check)
            html << "<td class=\"" << html::verdict_class(check->verdict) << "\">" << escape(to_string(check->verdict))
                 << "</td>";
        else
            html << "<td></td>";
        html << "<td>" << count_text(s.report.result.attractors.size()) << "</td><td>"
             << escape(s.scenario ? s.scenario->description : s.report.conditions) << "</td></tr>\n";
    }
    html << "</table>\n";
    return html.str();
}

std::string check_table(const ReportData& data) {
    std::ostringstream html;
    html << "<h2 id=\"check\">Scenario checks</h2>\n<table><tr><th>scenario</th><th>claim</th><th>expected</th>"
            "<th>synchronous</th><th>asynchronous</th><th>result</th></tr>\n";
    std::size_t pass = 0, counted = 0;
    for (const auto& o : data.checks) {
        std::string got_sync, got_async;
        for (const auto& sc : o.schemes)
            (sc.update == UpdateScheme::synchronous ? got_sync : got_async) = html::reached_text(sc);
        std::string cls = html::verdict_class(o.verdict);
        if (o.verdict != Verdict::no_expectation) ++counted;
        if (cls == "pass") ++pass;
        std::string page = scenario_page(data, o.name);
        std::string name = page.empty() ? escape(o.name) : "<a href=\"" + page + "\">" + escape(o.name) + "</a>";
        html << "<tr><td>" << name << "</td><td>" << escape(o.scenario->claim) << "</td><td>"
             << escape(expectation_text(*o.scenario)) << "</td><td>" << escape(got_sync) << "</td><td>"
             << escape(got_async) << "</td><td class=\"" << cls << "\">" << escape(to_string(o.verdict))
             << (o.scenario->known_disagreement.empty() ? "" : ": " + escape(o.scenario->known_disagreement))
             << "</td></tr>\n";
    }
    html << "</table>\n<p>Reproduced " << pass << " of " << counted << " scenarios with expectations.</p>\n";
    return html.str();
}

}  // namespace

std::string diagram_file(const ReportSection& section) { return section.diagram_svg; }

std::string front_page(const ReportData& data) {
    const Network& net = *data.net;
    const std::string simulated = simulation_overview(data);
    std::ostringstream html;
    html << html::page_open(net.model_name() + " — bitsig report");
    html << "<h1>" << escape(net.model_name()) << "</h1>\n<p class=\"note\">bitsig " << BITSIG_VERSION << " report, "
         << (data.update == "async" ? "asynchronous" : "synchronous")
         << " updating. Data files: <a href=\"report.json\">report.json</a>, <a href=\"report.md\">report.md</a>"
         << (data.checks.empty() ? "" : ", <a href=\"check.csv\">check.csv</a>")
         << (data.screen ? ", <a href=\"screen.csv\">screen.csv</a>" : "") << ".</p>\n<nav><a href=\"#model\">Model</a>"
         << "<a href=\"#contents\">Conditions</a>"
         << (data.checks.empty() ? "" : "<a href=\"#check\">Scenario checks</a>")
         << (data.checks.empty() ? "" : "<a href=\"#plots\">Plots</a>")
         << (data.screen ? "<a href=\"#screen\">Screen</a>" : "")
         << (simulated.empty() ? "" : "<a href=\"#simulations\">Probabilities over time</a>") << "</nav>\n";
    html << "<h2 id=\"model\">Model</h2>\n" << html::description(net.description()) << data.model_facts_html;
    html << "<h2 id=\"contents\">Conditions</h2>\n<p>Each condition has its own page with its attractors, diagram "
            "and data files.</p>\n"
         << contents_table(data);
    if (!data.sections.empty() && data.sections.front().id == "baseline") {
        const ReportSection& base = data.sections.front();
        html << "<h2 id=\"baseline\">" << escape(base.title) << "</h2>\n"
             << html::attractor_table(net, base.report.result) << html::diagram(base);
    }
    if (!data.checks.empty()) {
        html << check_table(data);
        html << "<h2 id=\"plots\">Plots</h2>\n" << heatmap(data);
    }
    if (data.screen) html << screen_section(data);
    html << simulated << html::page_close();
    return html.str();
}

std::string section_page(const ReportData& data, const ReportSection& s) {
    const Network& net = *data.net;
    const Result& r = s.report.result;
    std::ostringstream html;
    html << html::page_open(s.title + " — " + net.model_name());
    html << "<p class=\"note\"><a href=\"index.html\">← " << escape(net.model_name()) << " report</a></p>\n<h1 id=\""
         << s.id << "\">" << escape(s.title) << "</h1>\n";
    if (s.scenario) {
        const Scenario& sc = *s.scenario;
        html << "<p>" << escape(sc.description) << "</p>\n<table>"
             << "<tr><th>claim</th><td>" << escape(sc.claim) << "</td></tr>"
             << "<tr><th>expectation</th><td>" << escape(expectation_text(sc)) << "</td></tr>";
        if (const ScenarioOutcome* check = find_check(data, sc.name)) {
            html << "<tr><th>verdict</th><td class=\"" << html::verdict_class(check->verdict) << "\">"
                 << escape(to_string(check->verdict))
                 << (sc.known_disagreement.empty() ? "" : ": " + escape(sc.known_disagreement)) << "</td></tr>";
            for (const auto& scheme : check->schemes)
                html << "<tr><th>reached (" << escape(to_string(scheme.update)) << ")</th><td>"
                     << escape(html::reached_text(scheme)) << "</td></tr>";
        }
        html << "</table>\n";
    }
    html << "<table><tr><th>drugs</th><td>" << escape(list_or_none(s.report.perturbation.drugs)) << "</td></tr>"
         << "<tr><th>contexts</th><td>" << escape(list_or_none(s.report.perturbation.contexts)) << "</td></tr>"
         << "<tr><th>all conditions</th><td>" << escape(s.report.conditions) << "</td></tr></table>\n";
    for (const auto& extra : s.extra_html) html << extra << "\n";
    html << "<h2>Attractors</h2>\n<p>" << count_text(r.attractors.size()) << " attractor(s), method "
         << escape(to_string(r.method)) << ", " << (r.complete ? "complete" : "<b>not complete</b>")
         << ". Data: <a href=\"attractors_" << s.id << ".json\">JSON</a>, <a href=\"attractors_" << s.id
         << ".csv\">CSV</a>, <a href=\"attractors_" << s.id << ".md\">Markdown</a>.</p>\n";
    for (const auto& n : r.notes) html << "<p class=\"note\">" << escape(group_thousands(n)) << "</p>\n";
    html << html::attractor_table(net, r) << html::diagram(s) << html::page_close();
    return html.str();
}

}  // namespace bitsig::cli
