// SPDX-License-Identifier: MIT
// `bitsig compare MODEL --base "context=pten_loss" --with "context=pten_loss drug=trastuzumab"`:
// what changes between conditions, side by side: attractors, readouts, and the variables
// whose long-term value differs. The flags become a CompareRequest, engine/query/compare
// answers it, and this file renders the CompareResult as text, JSON, CSV or Markdown.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iomanip>
#include <sstream>

#include "attractor/phenotype.hpp"
#include "common.hpp"
#include "perturb/conditions.hpp"
#include "progress.hpp"
#include "query/compare.hpp"
#include "render.hpp"
#include "text_table.hpp"

namespace bitsig::cli {

namespace {

struct CompareFlags {
    std::string model;
    std::string base;
    std::vector<std::string> with;
    UpdateScheme update = UpdateScheme::synchronous;
    OutputFormat format = OutputFormat::text;
    std::string output;
    bool all_variables = false;
};

std::string value_text(double v) {
    if (v == 1.0) return "1";
    if (v == 0.0) return "0";
    std::ostringstream out;
    out << std::fixed << std::setprecision(2) << v;
    return out.str();
}

// Shortest text that reads back as the same double (CSV cells).
std::string plain_number(double v) { return fmt::format("{}", v); }

std::string attractor_summary(const Result& r) {
    std::size_t fixed = 0, other = 0;
    for (const auto& a : r.attractors) (a.kind == AttractorKind::fixed_point ? fixed : other)++;
    std::string out = std::to_string(fixed) + " fixed point" + (fixed == 1 ? "" : "s");
    if (other)
        out += ", " + std::to_string(other) + (r.update == UpdateScheme::synchronous ? " cycle" : " complex") +
               (other == 1 ? "" : "s");
    if (!r.complete) out += " (not complete)";
    return out;
}

std::string render_json(const Network& net, const CompareResult& r) {
    using nlohmann::json;
    json cols = json::array();
    for (const auto& c : r.columns) {
        json vars = json::object(), ros = json::object();
        for (std::size_t v = 0; v < net.num_vars(); ++v)
            vars[net.name(VarId{static_cast<std::uint32_t>(v)})] = c.variables[v];
        for (std::size_t k = 0; k < r.readout_names.size(); ++k) ros[r.readout_names[k]] = c.readouts[k];
        cols.push_back({{"label", c.label},
                        {"conditions", c.conditions.describe()},
                        {"attractors", c.result.attractors.size()},
                        {"complete", c.result.complete},
                        {"method", to_string(c.result.method)},
                        {"algorithm", algorithm_name(c.result.method)},
                        {"readouts", ros},
                        {"variables", vars},
                        {"other_update_same_readouts", c.other_same_readouts}});
    }
    return dump_json(json{{"model", net.model_name()}, {"update", to_string(r.update)}, {"columns", cols}});
}

// The comparison as rows of one grid, so text, Markdown and CSV show the same cells: the
// conditions and attractors of each column, then the readouts, then the variables (those
// that differ unless all are asked for).
struct CompareGrid {
    std::vector<std::string> labels;
    std::vector<std::vector<std::string>> head, readouts, variables;  // each row: name, then a cell per column
    std::vector<std::string> notes;
};

CompareGrid grid(const Network& net, const CompareResult& r, bool all_variables, bool raw_numbers) {
    CompareGrid g;
    auto row = [&](const std::string& name, auto&& cell) {
        std::vector<std::string> out{name};
        for (const auto& c : r.columns) out.push_back(cell(c));
        return out;
    };
    for (const auto& c : r.columns) g.labels.push_back(c.label);
    g.head.push_back(row("conditions", [](const CompareColumn& c) { return c.conditions.describe(); }));
    g.head.push_back(row("attractors", [&](const CompareColumn& c) {
        return raw_numbers ? std::to_string(c.result.attractors.size()) : attractor_summary(c.result);
    }));
    for (std::size_t k = 0; k < r.readout_names.size(); ++k)
        g.readouts.push_back(row(r.readout_names[k], [&](const CompareColumn& c) {
            return raw_numbers ? plain_number(c.readouts[k]) : readout_word(c.readouts[k]);
        }));
    for (std::uint32_t v = 0; v < net.num_vars(); ++v) {
        if (!all_variables && !r.differs(VarId{v})) continue;
        g.variables.push_back(row(net.name(VarId{v}), [&](const CompareColumn& c) {
            return raw_numbers ? plain_number(c.variables[v]) : value_text(c.variables[v]);
        }));
    }
    for (const auto& c : r.columns)
        if (!c.other_same_readouts)
            g.notes.push_back("under " + to_string(r.other_update) + " updating, '" + c.label +
                              "' reaches different readouts (" + attractor_summary(c.other) + ")");
    return g;
}

TextTable table_of(const std::string& corner, const std::vector<std::string>& labels,
                   const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::string> header{corner};
    header.insert(header.end(), labels.begin(), labels.end());
    TextTable t(header);
    for (const auto& row : rows) t.add(row);
    return t;
}

const char* const kReadoutsTitle = "readouts (share of the long-term behaviour with the readout on)";

std::string render_text(const Network& net, const CompareResult& r, bool all_variables) {
    const CompareGrid g = grid(net, r, all_variables, false);
    std::ostringstream out;
    out << net.model_name() << ": " << to_string(r.update) << " updating\n\n";
    out << table_of("", g.labels, g.head).render();
    if (!g.readouts.empty())
        out << '\n' << kReadoutsTitle << ":\n" << table_of("readout", g.labels, g.readouts).render();
    out << '\n' << (all_variables ? "variables:\n" : "variables that differ:\n");
    if (g.variables.empty())
        out << "  (none)\n";
    else
        out << table_of("variable", g.labels, g.variables).render();
    for (const auto& n : g.notes) out << "note: " << n << '\n';
    return out.str();
}

std::string render_markdown(const Network& net, const CompareResult& r, bool all_variables) {
    const CompareGrid g = grid(net, r, all_variables, false);
    std::ostringstream out;
    out << "# Comparison on " << net.model_name() << " (" << to_string(r.update) << " updating)\n\n";
    out << table_of("", g.labels, g.head).render_markdown();
    if (!g.readouts.empty())
        out << "\n## Readouts\n\nShare of the long-term behaviour with the readout on.\n\n"
            << table_of("readout", g.labels, g.readouts).render_markdown();
    out << "\n## " << (all_variables ? "Variables" : "Variables that differ") << "\n\n";
    if (g.variables.empty())
        out << "(none)\n";
    else
        out << table_of("variable", g.labels, g.variables).render_markdown();
    if (!g.notes.empty()) out << '\n';
    for (const auto& n : g.notes) out << "Note: " << n << "\n\n";
    return out.str();
}

// One row per cell group: section (conditions, attractors, readout, variable), name, then
// a column per compared condition; numbers plain (shares in [0, 1]).
std::string render_csv(const Network& net, const CompareResult& r, bool all_variables) {
    const CompareGrid g = grid(net, r, all_variables, true);
    std::ostringstream out;
    out << "section,name";
    for (const auto& l : g.labels) out << ',' << csv_field(l);
    out << '\n';
    auto rows = [&](const std::string& section, const std::vector<std::vector<std::string>>& rs) {
        for (const auto& row : rs) {
            out << section << ',' << (section == row[0] ? "" : csv_field(row[0]));
            for (std::size_t i = 1; i < row.size(); ++i) out << ',' << csv_field(row[i]);
            out << '\n';
        }
    };
    rows("conditions", {g.head[0]});
    rows("attractors", {g.head[1]});
    rows("readout", g.readouts);
    rows("variable", g.variables);
    return out.str();
}

int run_compare(const CompareFlags& f) {
    Network net = load_model(f.model);
    CompareRequest request;
    request.base = Conditions::parse(f.base);
    for (const auto& w : f.with) request.with.push_back(Conditions::parse(w));
    request.search.update = f.update;
    TerminalProgress progress;
    CompareResult result = compare(net, request, progress.control());
    switch (f.format) {
    case OutputFormat::json:
        emit(f.output, render_json(net, result));
        break;
    case OutputFormat::csv:
        emit(f.output, render_csv(net, result, f.all_variables));
        break;
    case OutputFormat::md:
        emit(f.output, render_markdown(net, result, f.all_variables));
        break;
    case OutputFormat::text:
        emit(f.output, render_text(net, result, f.all_variables));
        break;
    }
    return ok;
}

}  // namespace

void add_compare_command(CLI::App& app, int& exit_code) {
    auto f = std::make_shared<CompareFlags>();
    auto* cmd = app.add_subcommand("compare", "Compare attractors and readouts between conditions, side by side");
    cmd->add_option("MODEL", f->model, "Model file")->required();
    cmd->add_option("--base", f->base, "Base conditions, e.g. \"context=pten_loss\" (empty: input defaults)");
    cmd->add_option("--with", f->with, "Conditions to compare, e.g. \"context=pten_loss drug=trastuzumab\"; repeatable")
        ->required();
    add_update_option(cmd, f->update);
    cmd->add_flag("--all-variables", f->all_variables, "List every variable, not only those that differ");
    add_format_option(cmd, f->format);
    cmd->add_option("-o,--output", f->output, "Write to this file (atomically) instead of stdout");
    cmd->callback([f, &exit_code] { exit_code = run_guarded([&] { return run_compare(*f); }); });
}

}  // namespace bitsig::cli
