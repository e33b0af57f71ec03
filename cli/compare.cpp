// SPDX-License-Identifier: MIT
// `bitsig compare MODEL --base "context=pten_loss" --with "context=pten_loss drug=trastuzumab"`:
// what changes between conditions, side by side: attractors, readouts, and the variables
// whose long-term value differs. The flags become a CompareRequest, engine/query/compare
// answers it, and this file renders the CompareResult as text or JSON.
#include <nlohmann/json.hpp>

#include <iomanip>
#include <sstream>

#include "attractor/phenotype.hpp"
#include "common.hpp"
#include "perturb/conditions.hpp"
#include "progress.hpp"
#include "query/compare.hpp"
#include "render.hpp"

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

std::string render_text(const Network& net, const CompareResult& r, bool all_variables) {
    std::ostringstream out;
    std::size_t name_w = 14;
    for (const auto& n : net.names()) name_w = std::max(name_w, n.size());
    for (const auto& n : r.readout_names) name_w = std::max(name_w, n.size());
    std::size_t col_w = 10;
    for (const auto& c : r.columns)
        col_w = std::max({col_w, c.conditions.describe().size(), attractor_summary(c.result).size()});
    col_w = std::min<std::size_t>(col_w, 48);
    auto row = [&](const std::string& name, const std::vector<std::string>& cells) {
        out << std::left << std::setw(static_cast<int>(name_w + 2)) << name;
        for (const auto& cell : cells) out << std::setw(static_cast<int>(col_w + 2)) << cell;
        out << '\n';
    };
    auto cells_of = [&](auto&& cell) {
        std::vector<std::string> cells;
        for (const auto& c : r.columns) cells.push_back(cell(c));
        return cells;
    };
    out << net.model_name() << ": " << to_string(r.update) << " updating\n\n";
    row("", cells_of([](const CompareColumn& c) { return c.label; }));
    row("conditions", cells_of([](const CompareColumn& c) { return c.conditions.describe(); }));
    row("attractors", cells_of([](const CompareColumn& c) { return attractor_summary(c.result); }));
    if (!r.readout_names.empty()) {
        out << "\nreadouts (share of the long-term behaviour with the readout on):\n";
        for (std::size_t k = 0; k < r.readout_names.size(); ++k)
            row(r.readout_names[k], cells_of([k](const CompareColumn& c) { return readout_word(c.readouts[k]); }));
    }
    out << '\n' << (all_variables ? "variables:\n" : "variables that differ:\n");
    std::size_t differing = 0;
    for (std::uint32_t v = 0; v < net.num_vars(); ++v) {
        bool differs = r.differs(VarId{v});
        if (!differs && !all_variables) continue;
        differing += differs;
        row(net.name(VarId{v}), cells_of([v](const CompareColumn& c) { return value_text(c.variables[v]); }));
    }
    if (differing == 0 && !all_variables) out << "  (none)\n";
    for (const auto& c : r.columns)
        if (!c.other_same_readouts)
            out << "note: under " << to_string(r.other_update) << " updating, '" << c.label
                << "' reaches different readouts (" << attractor_summary(c.other) << ")\n";
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
    emit(f.output,
         f.format == OutputFormat::json ? render_json(net, result) : render_text(net, result, f.all_variables));
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
    add_format_option(cmd, f->format, {OutputFormat::text, OutputFormat::json});
    cmd->add_option("-o,--output", f->output, "Write to this file (atomically) instead of stdout");
    cmd->callback([f, &exit_code] { exit_code = run_guarded([&] { return run_compare(*f); }); });
}

}  // namespace bitsig::cli
