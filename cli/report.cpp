// SPDX-License-Identifier: MIT
// `bitsig report MODEL -o DIR`: static HTML pages (inline SVG and CSS, no scripts or network
// access): a front page with the model, a table of the conditions with their verdicts, the
// scenario checks, plots and the optional screen; one page per condition with its diagram
// (also written alone, full size); the same data as JSON, CSV and Markdown files. This file
// runs the analyses (report_model.hpp holds the result); report_files.cpp and
// report_pages.cpp write it. Files are written through write_owned_folder, atomically.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "analysis/loops.hpp"
#include "analysis/regulation.hpp"
#include "attractor/search.hpp"
#include "common.hpp"
#include "conditions.hpp"
#include "io/output_folder.hpp"
#include "io/source.hpp"
#include "progress.hpp"
#include "query/condition_attractors.hpp"
#include "query/screen.hpp"
#include "render.hpp"
#include "report_html.hpp"
#include "report_model.hpp"
#include "report_simulation.hpp"
#include "viz/wiring.hpp"

namespace bitsig::cli {

namespace {

namespace fs = std::filesystem;

struct ReportFlags {
    std::string model;
    std::string output;
    std::vector<std::string> scenarios;
    bool all_scenarios = false;
    std::string update = "sync";
    ScreenAsk screen;  // used when screen.goal is set; drugs default to all
    std::string screen_base;
    bool no_diagrams = false;
    ReportSimulation simulation;
};

std::string slug(const std::string& s) {
    std::string out;
    for (char c : s) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return out;
}

// The Model section's facts: size, regulations, feedback loops, readouts, drugs, contexts.
std::string model_facts(const Network& net) {
    auto edges = regulations(net);
    auto loops = feedback_loops(net, edges, LoopCensusLimits{}, interruptible());
    std::size_t inputs = 0;
    for (std::uint32_t v = 0; v < net.num_vars(); ++v) inputs += net.is_input(VarId{v});
    std::ostringstream html;
    html << "<table><tr><th>variables</th><td>" << net.num_vars() << "</td></tr><tr><th>inputs</th><td>" << inputs
         << "</td></tr><tr><th>regulations</th><td>" << edges.size() << "</td></tr><tr><th>feedback loops</th><td>"
         << (loops.complete ? "" : "at least ") << loops.total() << " (" << loops.positive << " positive, "
         << loops.negative << " negative, " << loops.dual << " dual)</td></tr><tr><th>readouts</th><td>";
    for (const auto& r : net.readouts())
        html << "<code>" << html::escape(r.name) << " = " << html::escape(to_string(r.rule, net.names())) << "</code> ";
    html << "</td></tr><tr><th>drugs</th><td>";
    for (const auto& d : net.drugs()) html << html::escape(d.name) << ' ';
    html << "</td></tr><tr><th>contexts</th><td>";
    for (const auto& c : net.contexts()) html << html::escape(c.name) << ' ';
    html << "</td></tr></table>\n";
    return html.str();
}

// Attractors (one engine call for all sections) and the diagram of every section.
void analyse_sections(const Network& net, const SearchOptions& options, bool diagrams, const Control& control,
                      std::vector<ReportSection>& sections) {
    std::vector<Conditions> conditions;
    for (const auto& s : sections) conditions.push_back(s.conditions);
    std::vector<ConditionAttractors> answers = attractors_under(net, conditions, options, control);
    for (std::size_t i = 0; i < sections.size(); ++i) {
        ReportSection& s = sections[i];
        ConditionAttractors& a = answers[i];
        s.report.net = &net;
        s.report.perturbation = a.perturbation;
        s.report.conditions = s.conditions.describe();
        s.report.result = std::move(a.result);
        if (!diagrams) continue;
        control.check();
        const Perturbation& p = s.report.perturbation;
        viz::WiringStyle style;
        style.values = std::move(a.variable_means);
        style.readout_values = std::move(a.readout_means);
        style.held = Subspace(net.num_vars());
        for (const auto& fx : p.fixes) style.held.fix(fx.var.index, fx.value);
        style.active_drugs = p.drugs;
        style.active_contexts = p.contexts;
        style.only_active_agents = true;
        style.title = s.title;
        s.diagram_svg = viz::render_wiring(net, style, viz::ImageFormat::svg, "auto", control);
    }
}

// The baseline, then the chosen scenarios, each with its own page.
std::vector<ReportSection> report_sections(const Network& net, const ReportFlags& f) {
    std::vector<ReportSection> sections;
    sections.push_back({"baseline", "Baseline (input defaults)", Conditions{}, {}, {}, nullptr, {}, {}, {}});
    std::vector<std::string> names = f.scenarios;
    if (f.all_scenarios)
        for (const auto& s : net.scenarios()) names.push_back(s.name);
    for (const auto& n : names) {
        ReportSection s{"scenario_" + slug(n), "Scenario " + n, Conditions{}, {}, {}, nullptr, {}, {}, {}};
        s.conditions.scenario = n;
        for (const auto& sc : net.scenarios())
            if (sc.name == n) s.scenario = &sc;
        sections.push_back(s);
    }
    return sections;
}

// Every file of the report, by name.
std::map<std::string, std::string> report_files(const ReportData& data) {
    std::map<std::string, std::string> files;
    add_data_files(data, files);
    files["index.html"] = front_page(data);
    for (const auto& s : data.sections) {
        files[s.id + ".html"] = section_page(data, s);
        if (!s.diagram_svg.empty()) files["diagram_" + s.id + ".svg"] = diagram_file(s);
    }
    return files;
}

int run_report(const ReportFlags& f) {
    Network net = load_model(f.model);
    TerminalProgress progress;
    SearchOptions options;
    options.update = f.update == "async" ? UpdateScheme::asynchronous : UpdateScheme::synchronous;

    ReportData data;
    data.net = &net;
    data.update = f.update;
    data.sections = report_sections(net, f);
    if (!f.screen.goal.empty()) {
        // The same question, validation and table as `bitsig screen` (query/screen); first,
        // so that a mistyped drug stops the report before any other work.
        data.screen_ask = f.screen;
        data.screen_ask.base = Conditions::parse(f.screen_base);
        data.screen_ask.update = f.update;
        data.screen = screen(net, screen_request(data.screen_ask), progress.control());
    }
    analyse_sections(net, options, !f.no_diagrams, progress.control(), data.sections);
    std::vector<const Scenario*> all;
    for (const auto& s : net.scenarios()) all.push_back(&s);
    data.checks = check_scenarios(net, all, SearchOptions{}, progress.control());
    data.model_facts_html = model_facts(net);

    // The simulation adds to the sections' pages (so before report_files) and its own charts.
    std::map<std::string, std::string> simulation_files;
    add_simulation_parts(data, f.simulation, simulation_files, progress.control());
    std::map<std::string, std::string> files = report_files(data);
    files.merge(simulation_files);
    // Only our own files, each replaced atomically.
    write_owned_folder(f.output, files, [&] { progress.control().check(); });
    const fs::path target(f.output);
    std::cerr << "report written: " << (target / "index.html").string() << " (open it in a browser)\n";
    return ok;
}

}  // namespace

void add_report_command(CLI::App& app, int& exit_code) {
    auto f = std::make_shared<ReportFlags>();
    auto* cmd =
        app.add_subcommand("report", "Write a self-contained HTML report (plus JSON, CSV, Markdown) to a folder");
    cmd->add_option("MODEL", f->model, "Model file")->required();
    cmd->add_option("-o,--output", f->output, "Report folder (created or replaced)")->required();
    cmd->add_option("--scenario", f->scenarios, "Include this scenario's attractors; repeatable");
    cmd->add_flag("--all-scenarios", f->all_scenarios, "Include every scenario's attractors");
    add_update_option(cmd, f->update);
    f->screen.drugs = "all";
    cmd->add_option("--screen-goal", f->screen.goal,
                    "Also screen drugs for this goal, e.g. \"Proliferation=0,Apoptosis=1\"");
    cmd->add_option("--screen-base", f->screen_base,
                    "Conditions the screen adds drugs to, e.g. \"context=pten_loss drug=trastuzumab\"");
    cmd->add_option("--screen-drugs", f->screen.drugs, "Candidate drugs: 'all' or a comma-separated list");
    cmd->add_option("--screen-max-size", f->screen.max_size, "Largest drug combination in the screen")
        ->check(CLI::Range(1, 6));
    cmd->add_option("--screen-top", f->screen.top,
                    "Screen rows shown (and re-checked under the other update scheme), as screen's --top");
    cmd->add_flag("--no-diagrams", f->no_diagrams, "Leave the diagrams out (smaller, faster)");
    cmd->add_flag("--simulate", f->simulation.enabled,
                  "Also simulate every section (MaBoSS semantics): readouts over time and at the end");
    cmd->add_option("--simulate-samples", f->simulation.samples, "Trajectories per section with --simulate")
        ->capture_default_str();
    cmd->add_option("--simulate-max-time", f->simulation.max_time, "Simulated time with --simulate")
        ->capture_default_str();
    cmd->callback([f, &exit_code] { exit_code = run_guarded([&] { return run_report(*f); }); });
}

}  // namespace bitsig::cli
