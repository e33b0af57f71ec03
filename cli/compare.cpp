// SPDX-License-Identifier: MIT
// `bitsig compare MODEL --base "context=pten_loss" --with "context=pten_loss drug=trastuzumab"`:
// what changes between conditions, side by side: attractors, readouts, and the variables
// whose long-term value differs. Values are averaged over attractor states and weighted
// by basin when basins are known, so "0.50" means on in half of the long-term behaviour.
#include <nlohmann/json.hpp>

#include <iomanip>
#include <sstream>

#include "attractor/phenotype.hpp"
#include "common.hpp"
#include "perturb/conditions.hpp"
#include "progress.hpp"
#include "query/check.hpp"
#include "render.hpp"

namespace bitsig::cli {

namespace {

struct CompareFlags {
    std::string model;
    std::string base;
    std::vector<std::string> with;
    std::string update = "sync";
    std::string format = "text";
    std::string output;
    bool all_variables = false;
};

struct Column {
    std::string label;
    Conditions conditions;
    Result result;
    Result other;                   // the other update scheme, to report disagreements
    std::vector<double> variables;  // long-term mean of each variable
    std::vector<double> readouts;
};

std::string value_text(double v) {
    if (v == 1.0) return "1";
    if (v == 0.0) return "0";
    std::ostringstream out;
    out << std::fixed << std::setprecision(2) << v;
    return out.str();
}

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

int run_compare(const CompareFlags& f) {
    Network net = load_model(f.model);
    std::vector<Column> columns;
    columns.push_back({"base", Conditions::parse(f.base), {}, {}, {}, {}});
    for (std::size_t i = 0; i < f.with.size(); ++i)
        columns.push_back({f.with.size() == 1 ? "with" : "with " + std::to_string(i + 1),
                           Conditions::parse(f.with[i]),
                           {},
                           {},
                           {},
                           {}});
    SearchOptions o;
    o.update =
        (f.update == "async" || f.update == "asynchronous") ? UpdateScheme::asynchronous : UpdateScheme::synchronous;
    SearchOptions other = o;
    other.update = o.update == UpdateScheme::synchronous ? UpdateScheme::asynchronous : UpdateScheme::synchronous;
    TerminalProgress progress;
    std::vector<std::string> readout_names;
    for (const auto& r : net.readouts()) readout_names.push_back(r.name);
    for (auto& c : columns) {
        Network perturbed = apply(net, resolve(net, c.conditions));
        c.result = find_attractors(perturbed, o, progress.control());
        c.other = find_attractors(perturbed, other, progress.control());
        c.variables = long_term_means(net, c.result, false);
        c.readouts = long_term_means(net, c.result, true);
    }

    if (f.format == "json") {
        using nlohmann::json;
        json cols = json::array();
        for (const auto& c : columns) {
            json vars = json::object(), ros = json::object();
            for (std::size_t v = 0; v < net.num_vars(); ++v)
                vars[net.name(VarId{static_cast<std::uint32_t>(v)})] = c.variables[v];
            for (std::size_t k = 0; k < readout_names.size(); ++k) ros[readout_names[k]] = c.readouts[k];
            cols.push_back({{"label", c.label},
                            {"conditions", c.conditions.describe()},
                            {"attractors", c.result.attractors.size()},
                            {"complete", c.result.complete},
                            {"method", to_string(c.result.method)},
                            {"algorithm", algorithm_name(c.result.method)},
                            {"readouts", ros},
                            {"variables", vars},
                            {"other_update_same_readouts", phenotype_signature(net, c.result, readout_names) ==
                                                               phenotype_signature(net, c.other, readout_names)}});
        }
        emit(f.output,
             dump_json(json{{"model", net.model_name()}, {"update", to_string(o.update)}, {"columns", cols}}));
        return ok;
    }

    std::ostringstream out;
    std::size_t name_w = 14;
    for (const auto& n : net.names()) name_w = std::max(name_w, n.size());
    for (const auto& n : readout_names) name_w = std::max(name_w, n.size());
    std::size_t col_w = 10;
    for (const auto& c : columns)
        col_w = std::max({col_w, c.conditions.describe().size(), attractor_summary(c.result).size()});
    col_w = std::min<std::size_t>(col_w, 48);
    auto row = [&](const std::string& name, const std::vector<std::string>& cells) {
        out << std::left << std::setw(static_cast<int>(name_w + 2)) << name;
        for (const auto& cell : cells) out << std::setw(static_cast<int>(col_w + 2)) << cell;
        out << '\n';
    };
    out << net.model_name() << ": " << to_string(o.update) << " updating\n\n";
    std::vector<std::string> cells;
    for (const auto& c : columns) cells.push_back(c.label);
    row("", cells);
    cells.clear();
    for (const auto& c : columns) cells.push_back(c.conditions.describe());
    row("conditions", cells);
    cells.clear();
    for (const auto& c : columns) cells.push_back(attractor_summary(c.result));
    row("attractors", cells);
    if (!readout_names.empty()) {
        out << "\nreadouts (share of the long-term behaviour with the readout on):\n";
        for (std::size_t k = 0; k < readout_names.size(); ++k) {
            cells.clear();
            for (const auto& c : columns) cells.push_back(readout_word(c.readouts[k]));
            row(readout_names[k], cells);
        }
    }
    out << '\n' << (f.all_variables ? "variables:\n" : "variables that differ:\n");
    std::size_t differing = 0;
    for (std::size_t v = 0; v < net.num_vars(); ++v) {
        bool differs = false;
        for (const auto& c : columns) differs = differs || c.variables[v] != columns[0].variables[v];
        if (!differs && !f.all_variables) continue;
        differing += differs;
        cells.clear();
        for (const auto& c : columns) cells.push_back(value_text(c.variables[v]));
        row(net.name(VarId{static_cast<std::uint32_t>(v)}), cells);
    }
    if (differing == 0 && !f.all_variables) out << "  (none)\n";
    for (const auto& c : columns)
        if (phenotype_signature(net, c.result, readout_names) != phenotype_signature(net, c.other, readout_names))
            out << "note: under " << to_string(other.update) << " updating, '" << c.label
                << "' reaches different readouts (" << attractor_summary(c.other) << ")\n";
    emit(f.output, out.str());
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
    cmd->add_option("--format", f->format, "Output format")->check(CLI::IsMember({"text", "json"}));
    cmd->add_option("-o,--output", f->output, "Write to this file (atomically) instead of stdout");
    cmd->callback([f, &exit_code] { exit_code = run_guarded([&] { return run_compare(*f); }); });
}

}  // namespace bitsig::cli
