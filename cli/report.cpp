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
#include "attractor/phenotype.hpp"
#include "attractor/search.hpp"
#include "common.hpp"
#include "conditions.hpp"
#include "io/output_folder.hpp"
#include "io/source.hpp"
#include "progress.hpp"
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
    std::string screen_goal;
    std::string screen_base;
    std::string screen_drugs = "all";
    std::size_t screen_max_size = 2;
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

// Attractors and the diagram of every section.
void analyse_sections(const Network& net, const SearchOptions& options, bool diagrams, const Control& control,
                      std::vector<ReportSection>& sections) {
    for (auto& s : sections) {
        control.check();
        Perturbation p = resolve(net, s.conditions);
        s.report.net = &net;
        s.report.perturbation = p;
        s.report.conditions = s.conditions.describe();
        s.report.result = find_attractors(apply(net, p), options, control);
        if (!diagrams) continue;
        viz::WiringStyle style;
        style.values = long_term_means(net, s.report.result, false);
        style.readout_values = long_term_means(net, s.report.result, true);
        style.held.assign(net.num_vars(), -1);
        for (const auto& fx : p.fixes) style.held[fx.var.index] = fx.value ? 1 : 0;
        style.active_drugs = p.drugs;
        style.active_contexts = p.contexts;
        style.only_active_agents = true;
        style.title = s.title;
        s.diagram_svg = viz::render_wiring(net, style, viz::ImageFormat::svg, "auto", control);
    }
}

std::optional<ReportScreen> run_report_screen(const Network& net, const ReportFlags& f, const SearchOptions& options,
                                              const Control& control) {
    if (f.screen_goal.empty()) return std::nullopt;
    ReportScreen screen{Goal::parse(net, f.screen_goal), Conditions::parse(f.screen_base), {}, {}, {}};
    std::vector<Candidate> candidates;
    std::vector<std::string> listed;
    if (f.screen_drugs != "all") {
        std::stringstream in(f.screen_drugs);
        for (std::string item; std::getline(in, item, ',');)
            if (!item.empty()) listed.push_back(item);
    }
    for (auto& c : drug_candidates(net, listed))
        if (std::find(screen.base.drugs.begin(), screen.base.drugs.end(), c.label) == screen.base.drugs.end())
            candidates.push_back(c);
    ScreenOptions so;
    so.max_size = f.screen_max_size;
    screen.entries = run_screen(net, screen.base, candidates, screen.goal, so, options, control);
    mark_redundant(screen);
    return screen;
}

int run_report(const ReportFlags& f) {
    Network net = load_model(f.model);
    TerminalProgress progress;
    SearchOptions options;
    options.update = f.update == "async" ? UpdateScheme::asynchronous : UpdateScheme::synchronous;

    ReportData data;
    data.net = &net;
    data.update = f.update;
    // Conditions: the baseline, then the chosen scenarios.
    data.sections.push_back({"baseline", "Baseline (input defaults)", Conditions{}, {}, {}, nullptr, {}});
    std::vector<std::string> names = f.scenarios;
    if (f.all_scenarios)
        for (const auto& s : net.scenarios()) names.push_back(s.name);
    for (const auto& n : names) {
        ReportSection s{"scenario_" + slug(n), "Scenario " + n, Conditions{}, {}, {}, nullptr, {}};
        s.conditions.scenario = n;
        for (const auto& sc : net.scenarios())
            if (sc.name == n) s.scenario = &sc;
        data.sections.push_back(s);
    }
    analyse_sections(net, options, !f.no_diagrams, progress.control(), data.sections);
    std::vector<const Scenario*> all;
    for (const auto& s : net.scenarios()) all.push_back(&s);
    data.checks = check_scenarios(net, all, SearchOptions{}, progress.control());
    data.screen = run_report_screen(net, f, options, progress.control());
    data.model_facts_html = model_facts(net);

    std::map<std::string, std::string> files;
    add_simulation_parts(data, f.simulation, files, progress.control());
    add_data_files(data, files);
    files["index.html"] = front_page(data);
    for (const auto& s : data.sections) {
        files[s.id + ".html"] = section_page(data, s);
        if (!s.diagram_svg.empty()) files["diagram_" + s.id + ".svg"] = diagram_file(s);
    }
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
    cmd->add_option("--screen-goal", f->screen_goal,
                    "Also screen drugs for this goal, e.g. \"Proliferation=0,Apoptosis=1\"");
    cmd->add_option("--screen-base", f->screen_base,
                    "Conditions the screen adds drugs to, e.g. \"context=pten_loss drug=trastuzumab\"");
    cmd->add_option("--screen-drugs", f->screen_drugs, "Candidate drugs: 'all' or a comma-separated list");
    cmd->add_option("--screen-max-size", f->screen_max_size, "Largest drug combination in the screen");
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
