// SPDX-License-Identifier: MIT
// `bitsig report MODEL -o DIR`: a self-contained HTML page (inline SVG and CSS, no scripts
// or network access) with the model summary, attractors and readouts per condition with
// their diagrams, the scenario check table and, optionally, a screen ranking; plus the
// same data as JSON, CSV and Markdown files. The folder is built under a temporary name
// and renamed into place, so an interrupted run leaves no half-written report.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <random>
#include <sstream>

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
};

std::string escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

// Graphviz SVG starts with an XML declaration and a DOCTYPE; inline SVG must not.
std::string inline_svg(const std::string& svg) {
    auto start = svg.find("<svg");
    return start == std::string::npos ? std::string() : svg.substr(start);
}

std::string percent(double x) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(1) << 100 * x << "%";
    return out.str();
}

std::string slug(const std::string& s) {
    std::string out;
    for (char c : s) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return out;
}

struct ConditionSection {
    std::string id;
    std::string title;
    Conditions conditions;
    AttractorReport report;
    std::string svg;
};

const char* kStyle = R"(body{font-family:Helvetica,Arial,sans-serif;margin:2em auto;max-width:1200px;color:#222;line-height:1.4}
h1{margin-bottom:0}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:1em 0;font-size:.9em}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}
th{background:#f3f3f3}td.on{background:#c8e6c9}td.off{background:#eeeeee}td.osc{background:#ffe082}
td.pass{background:#c8e6c9}td.FAIL{background:#ffcdd2}td.known{background:#fff9c4}
.diagram{overflow:auto;border:1px solid #ddd;margin:1em 0;max-height:900px}.diagram svg{max-width:none}
code{background:#f5f5f5;padding:0 .2em}.desc{white-space:pre-line}.note{color:#555;font-size:.9em}nav a{margin-right:1em})";

std::string readout_cell(double v) {
    std::string cls = v == 1.0 ? "on" : v == 0.0 ? "off" : "osc";
    return "<td class=\"" + cls + "\">" + escape(readout_word(v)) + "</td>";
}

int run_report(const ReportFlags& f) {
    Network net = load_model(f.model);
    TerminalProgress progress;
    SearchOptions options;
    options.update = f.update == "async" ? UpdateScheme::asynchronous : UpdateScheme::synchronous;

    // Conditions: the baseline, then the chosen scenarios.
    std::vector<ConditionSection> sections;
    sections.push_back({"baseline", "Baseline (input defaults)", Conditions{}, {}, {}});
    std::vector<std::string> names = f.scenarios;
    if (f.all_scenarios)
        for (const auto& s : net.scenarios()) names.push_back(s.name);
    for (const auto& n : names) {
        Conditions c;
        c.scenario = n;
        sections.push_back({"scenario_" + slug(n), "Scenario " + n, c, {}, {}});
    }
    for (auto& s : sections) {
        progress.control().check();
        Perturbation p = resolve(net, s.conditions);
        s.report.net = &net;
        s.report.perturbation = p;
        s.report.conditions = s.conditions.describe();
        s.report.result = find_attractors(apply(net, p), options, progress.control());
        if (!f.no_diagrams) {
            viz::WiringStyle style;
            style.values = long_term_means(net, s.report.result, false);
            style.readout_values = long_term_means(net, s.report.result, true);
            style.held.assign(net.num_vars(), -1);
            for (const auto& fx : p.fixes) style.held[fx.var.index] = fx.value ? 1 : 0;
            style.active_drugs = p.drugs;
            style.active_contexts = p.contexts;
            style.only_active_agents = true;
            style.title = s.title;
            s.svg = inline_svg(viz::render_wiring(net, style, viz::ImageFormat::svg, "auto", progress.control()));
        }
    }
    std::vector<const Scenario*> all;
    for (const auto& s : net.scenarios()) all.push_back(&s);
    std::vector<ScenarioOutcome> checks = check_scenarios(net, all, SearchOptions{}, progress.control());

    std::vector<ScreenEntry> screen;
    Conditions screen_base;
    std::optional<Goal> goal;
    if (!f.screen_goal.empty()) {
        goal = Goal::parse(net, f.screen_goal);
        screen_base = Conditions::parse(f.screen_base);
        std::vector<Candidate> candidates;
        std::vector<std::string> listed;
        if (f.screen_drugs != "all") {
            std::stringstream in(f.screen_drugs);
            for (std::string item; std::getline(in, item, ',');)
                if (!item.empty()) listed.push_back(item);
        }
        for (auto& c : drug_candidates(net, listed))
            if (std::find(screen_base.drugs.begin(), screen_base.drugs.end(), c.label) == screen_base.drugs.end())
                candidates.push_back(c);
        ScreenOptions so;
        so.max_size = f.screen_max_size;
        screen = run_screen(net, screen_base, candidates, *goal, so, options, progress.control());
    }

    // ---- files ----
    std::map<std::string, std::string> files;
    nlohmann::json summary;
    summary["model"] = net.model_name();
    summary["update"] = f.update;
    nlohmann::json conds = nlohmann::json::array();
    for (const auto& s : sections) {
        conds.push_back({{"id", s.id}, {"title", s.title}, {"result", to_json(s.report)}});
        files["attractors_" + s.id + ".json"] = render(s.report, "json");
        files["attractors_" + s.id + ".csv"] = render(s.report, "csv");
        files["attractors_" + s.id + ".md"] = render(s.report, "md");
    }
    summary["conditions"] = conds;
    if (!checks.empty()) {
        summary["check"] = nlohmann::json::parse(render_check(net, checks, "json"));
        files["check.csv"] = render_check(net, checks, "csv");
        files["check.md"] = render_check(net, checks, "md");
    }
    if (goal) {
        std::ostringstream csv;
        csv << "rank,added,goal_share,attractors\n";
        nlohmann::json rows = nlohmann::json::array();
        for (std::size_t i = 0; i < screen.size(); ++i) {
            std::string added;
            for (const auto& m : screen[i].members) added += (added.empty() ? "" : "+") + m;
            double share = screen[i].basin_fraction.value_or(screen[i].attractor_fraction);
            csv << i << ',' << added << ',' << share << ',' << screen[i].attractors << '\n';
            rows.push_back({{"added", screen[i].members}, {"goal_share", share}, {"attractors", screen[i].attractors}});
        }
        files["screen.csv"] = csv.str();
        summary["screen"] = {{"base", screen_base.describe()}, {"goal", goal->describe()}, {"entries", rows}};
    }
    files["report.json"] = dump_json(summary);

    std::ostringstream md;
    md << "# " << net.model_name() << "\n\n" << net.description() << "\n\n";
    for (const auto& s : sections) md << render(s.report, "md") << "\n";
    if (!checks.empty()) md << render_check(net, checks, "md") << "\n";
    files["report.md"] = md.str();

    // ---- HTML ----
    std::ostringstream html;
    auto edges = regulations(net);
    auto loops = feedback_loops(net, edges, LoopCensusLimits{}, interruptible());
    std::size_t inputs = 0;
    for (std::uint32_t v = 0; v < net.num_vars(); ++v) inputs += net.is_input(VarId{v});
    html << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" << escape(net.model_name())
         << " — bitsig report</title><style>" << kStyle << "</style></head><body>\n";
    html << "<h1>" << escape(net.model_name()) << "</h1>\n<p class=\"note\">bitsig " << BITSIG_VERSION << " report, "
         << escape(to_string(options.update)) << " updating. Data files: <a href=\"report.json\">report.json</a>, "
         << "<a href=\"report.md\">report.md</a>" << (checks.empty() ? "" : ", <a href=\"check.csv\">check.csv</a>")
         << (goal ? ", <a href=\"screen.csv\">screen.csv</a>" : "") << ".</p>\n<nav>";
    for (const auto& s : sections) html << "<a href=\"#" << s.id << "\">" << escape(s.title) << "</a>";
    if (!checks.empty()) html << "<a href=\"#check\">Scenario checks</a>";
    if (goal) html << "<a href=\"#screen\">Screen</a>";
    html << "</nav>\n<h2 id=\"model\">Model</h2>\n<p class=\"desc\">" << escape(net.description()) << "</p>\n";
    html << "<table><tr><th>variables</th><td>" << net.num_vars() << "</td></tr><tr><th>inputs</th><td>" << inputs
         << "</td></tr><tr><th>regulations</th><td>" << edges.size() << "</td></tr><tr><th>feedback loops</th><td>"
         << (loops.complete ? "" : "at least ") << loops.total() << " (" << loops.positive << " positive, "
         << loops.negative << " negative, " << loops.dual << " dual)</td></tr><tr><th>readouts</th><td>";
    for (const auto& r : net.readouts()) html << "<code>" << escape(r.name) << " = " << escape(to_string(r.rule, net.names())) << "</code> ";
    html << "</td></tr><tr><th>drugs</th><td>";
    for (const auto& d : net.drugs()) html << escape(d.name) << ' ';
    html << "</td></tr><tr><th>contexts</th><td>";
    for (const auto& c : net.contexts()) html << escape(c.name) << ' ';
    html << "</td></tr></table>\n";
    for (const auto& s : sections) {
        const Result& r = s.report.result;
        html << "<h2 id=\"" << s.id << "\">" << escape(s.title) << "</h2>\n<p>Conditions: " << escape(s.report.conditions)
             << ". " << r.attractors.size() << " attractor(s), method " << escape(r.method) << ", "
             << (r.complete ? "complete" : "<b>not complete</b>") << ".</p>\n";
        for (const auto& n : r.notes) html << "<p class=\"note\">" << escape(n) << "</p>\n";
        std::uint64_t basin_total = 0;
        for (const auto& a : r.attractors) basin_total += a.basin_size.value_or(0);
        html << "<table><tr><th>#</th><th>kind</th><th>states</th><th>basin</th>";
        for (const auto& ro : net.readouts()) html << "<th>" << escape(ro.name) << "</th>";
        html << "</tr>\n";
        for (std::size_t i = 0; i < r.attractors.size(); ++i) {
            const Attractor& a = r.attractors[i];
            html << "<tr><td>" << i + 1 << "</td><td>" << to_string(a.kind) << "</td><td>" << a.size << "</td><td>"
                 << (a.basin_size && basin_total ? percent(static_cast<double>(*a.basin_size) / static_cast<double>(basin_total)) : "")
                 << "</td>";
            for (double v : readout_values(net, a)) html << readout_cell(v);
            html << "</tr>\n";
        }
        html << "</table>\n";
        if (!s.svg.empty()) html << "<div class=\"diagram\">" << s.svg << "</div>\n";
    }
    if (!checks.empty()) {
        html << "<h2 id=\"check\">Scenario checks</h2>\n<table><tr><th>scenario</th><th>claim</th><th>expected</th>"
                "<th>synchronous</th><th>asynchronous</th><th>result</th></tr>\n";
        std::size_t pass = 0, counted = 0;
        for (const auto& o : checks) {
            std::string expected, got_sync, got_async;
            for (const auto& e : o.scenario->expect) expected += e.name + "=" + (e.value ? "1 " : "0 ");
            for (const auto& sc : o.schemes) {
                std::string& got = sc.update == UpdateScheme::synchronous ? got_sync : got_async;
                for (const auto& e : sc.expectations) {
                    std::set<double> distinct(e.values.begin(), e.values.end());
                    got += e.name + "=";
                    bool first = true;
                    for (double v : distinct) {
                        got += (first ? "" : "|") + readout_word(v);
                        first = false;
                    }
                    got += e.holds ? " " : "! ";
                }
            }
            std::string cls = o.verdict == Verdict::pass || o.verdict == Verdict::unexpected_pass ? "pass"
                              : o.verdict == Verdict::fail                                          ? "FAIL"
                                                                                                     : "known";
            if (o.verdict != Verdict::no_expectation) ++counted;
            if (cls == "pass") ++pass;
            html << "<tr><td>" << escape(o.name) << "</td><td>" << escape(o.scenario->claim) << "</td><td>"
                 << escape(expected) << "</td><td>" << escape(got_sync) << "</td><td>" << escape(got_async)
                 << "</td><td class=\"" << cls << "\">" << escape(to_string(o.verdict))
                 << (o.scenario->known_disagreement.empty() ? "" : ": " + escape(o.scenario->known_disagreement))
                 << "</td></tr>\n";
        }
        html << "</table>\n<p>Reproduced " << pass << " of " << counted << " scenarios with expectations.</p>\n";
    }
    if (goal) {
        html << "<h2 id=\"screen\">Screen</h2>\n<p>Added to " << escape(screen_base.describe()) << "; goal "
             << escape(goal->describe()) << ".</p>\n<table><tr><th>rank</th><th>added</th><th>goal share</th><th>attractors</th>";
        for (const auto& ro : net.readouts()) html << "<th>" << escape(ro.name) << "</th>";
        html << "</tr>\n";
        for (std::size_t i = 0; i < screen.size() && i <= 40; ++i) {
            std::string added;
            for (const auto& m : screen[i].members) added += (added.empty() ? "" : " + ") + m;
            html << "<tr><td>" << (i == 0 ? "-" : std::to_string(i)) << "</td><td>" << escape(added.empty() ? "(base alone)" : added)
                 << "</td><td>" << percent(screen[i].basin_fraction.value_or(screen[i].attractor_fraction)) << "</td><td>"
                 << screen[i].attractors << "</td>";
            for (double v : screen[i].readouts) html << "<td>" << percent(v) << "</td>";
            html << "</tr>\n";
        }
        html << "</table>\n";
    }
    html << "</body></html>\n";
    files["index.html"] = html.str();

    // ---- write: only our own files, each replaced atomically ----
    write_owned_folder(f.output, files, [&] { progress.control().check(); });
    const fs::path target(f.output);
    std::cerr << "report written: " << (target / "index.html").string() << " (open it in a browser)\n";
    return ok;
}

}  // namespace

void add_report_command(CLI::App& app, int& exit_code) {
    auto f = std::make_shared<ReportFlags>();
    auto* cmd = app.add_subcommand("report", "Write a self-contained HTML report (plus JSON, CSV, Markdown) to a folder");
    cmd->add_option("MODEL", f->model, "Model file")->required();
    cmd->add_option("-o,--output", f->output, "Report folder (created or replaced)")->required();
    cmd->add_option("--scenario", f->scenarios, "Include this scenario's attractors; repeatable");
    cmd->add_flag("--all-scenarios", f->all_scenarios, "Include every scenario's attractors");
    cmd->add_option("--update", f->update, "Update scheme")->check(CLI::IsMember({"sync", "async"}));
    cmd->add_option("--screen-goal", f->screen_goal, "Also screen drugs for this goal, e.g. \"Proliferation=0,Apoptosis=1\"");
    cmd->add_option("--screen-base", f->screen_base, "Conditions the screen adds drugs to, e.g. \"context=pten_loss drug=trastuzumab\"");
    cmd->add_option("--screen-drugs", f->screen_drugs, "Candidate drugs: 'all' or a comma-separated list");
    cmd->add_option("--screen-max-size", f->screen_max_size, "Largest drug combination in the screen");
    cmd->add_flag("--no-diagrams", f->no_diagrams, "Leave the diagrams out (smaller, faster)");
    cmd->callback([f, &exit_code] { exit_code = run_guarded([&] { return run_report(*f); }); });
}

}  // namespace bitsig::cli
