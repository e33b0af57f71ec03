// SPDX-License-Identifier: MIT
// `bitsig draw`: the wiring diagram painted with an attractor (or the long-term behaviour
// over all of them), a diff between two conditions, or the state transition graph.
#include <cmath>
#include <iostream>
#include <limits>

#include "analysis/regulation.hpp"
#include "attractor/phenotype.hpp"
#include "attractor/search.hpp"
#include "attractor/state_graph.hpp"
#include "common.hpp"
#include "conditions.hpp"
#include "progress.hpp"
#include "viz/wiring.hpp"

namespace bitsig::cli {

namespace {

struct DrawFlags {
    std::string model;
    std::string output;
    std::string layout = "auto";
    std::string update = "sync";
    std::size_t attractor = 0;  // 1-based; 0 = all, weighted by basin
    std::vector<std::string> diff;
    bool states = false;
    bool no_drugs = false;
    bool no_readouts = false;
    bool no_legend = false;
    bool plain = false;
    Conditions conditions;
};

bool has_conditions(const Conditions& c) {
    return !c.knockouts.empty() || !c.overexpressions.empty() || !c.fixes.empty() || !c.drugs.empty() ||
           !c.contexts.empty() || !c.cuts.empty() || !c.scenario.empty() || c.free_inputs;
}

// Long-term values of the variables (and, in `readouts`, of the readouts) under `c`.
std::vector<double> values_for(const Network& net, const Conditions& c, const DrawFlags& f, const Control& control,
                               std::string& summary, std::vector<double>* readouts = nullptr) {
    SearchOptions o;
    o.update = f.update == "async" ? UpdateScheme::asynchronous : UpdateScheme::synchronous;
    Result r = find_attractors(apply(net, resolve(net, c)), o, control);
    if (f.attractor > 0) {
        if (f.attractor > r.attractors.size())
            throw InputError(errors::no_such_attractor(f.attractor, r.attractors.size()));
        Result one = r;
        one.attractors = {r.attractors[f.attractor - 1]};
        summary = "attractor " + std::to_string(f.attractor) + " of " + std::to_string(r.attractors.size());
        if (readouts) *readouts = long_term_means(net, one, true);
        return long_term_means(net, one, false);
    }
    summary = std::to_string(r.attractors.size()) + " attractor(s)" +
              (r.attractors.size() > 1 ? ", basin-weighted" : "") + (r.complete ? "" : ", search not complete");
    if (readouts) *readouts = long_term_means(net, r, true);
    return long_term_means(net, r, false);
}

int run_draw(const DrawFlags& f) {
    Network net = load_model(f.model);
    viz::ImageFormat format = viz::image_format_for_path(f.output);
    TerminalProgress progress;
    std::string image;
    if (f.states) {
        Perturbation p = resolve(net, f.conditions);
        UpdateScheme u = f.update == "async" ? UpdateScheme::asynchronous : UpdateScheme::synchronous;
        StateGraph g = build_state_graph(apply(net, p), u, progress.control());
        image = viz::render_state_graph(net, g, format,
                                        net.model_name() + ": " + to_string(u) + " state transition graph, " +
                                            f.conditions.describe(),
                                        f.layout == "auto" ? "dot" : f.layout, progress.control());
    } else {
        viz::WiringStyle style;
        style.show_drugs = !f.no_drugs;
        style.show_readouts = !f.no_readouts;
        style.legend = !f.no_legend;
        if (!f.diff.empty()) {
            if (f.diff.size() != 2) throw InputError(errors::diff_needs_two());
            Conditions a = Conditions::parse(f.diff[0]), b = Conditions::parse(f.diff[1]);
            std::string sa, sb;
            style.baseline = values_for(net, a, f, progress.control(), sa);
            style.values = values_for(net, b, f, progress.control(), sb, &style.readout_values);
            style.only_active_agents = true;
            style.baseline_label = a.describe();
            style.values_label = b.describe();
            Perturbation pb = resolve(net, b);
            style.active_drugs = pb.drugs;
            style.active_contexts = pb.contexts;
            style.title = net.model_name() + ": " + a.describe() + " → " + b.describe() + " (" + f.update + ")";
        } else if (!f.plain && (has_conditions(f.conditions) || f.attractor > 0 || !net.readouts().empty())) {
            std::string summary;
            style.values = values_for(net, f.conditions, f, progress.control(), summary, &style.readout_values);
            style.only_active_agents = true;
            Perturbation p = resolve(net, f.conditions);
            style.held = Subspace(net.num_vars());
            for (const auto& fx : p.fixes) style.held.fix(fx.var.index, fx.value);
            style.active_drugs = p.drugs;
            style.active_contexts = p.contexts;
            style.title = net.model_name() + ": " + f.conditions.describe() + " (" + f.update + ", " + summary + ")";
        }
        std::string layout = viz::wiring_layout(net, style, f.layout);
        if (f.layout == "auto" && layout != "dot")
            std::cerr << "note: " << count_text(net.num_vars()) << " variables: laying out with " << layout << " ("
                      << count_text(regulations(net).size()) << " regulations; dot would take minutes above "
                      << viz::kDotNodeLimit << " nodes or " << viz::kDotEdgeLimit
                      << " regulations; --layout dot forces it)\n";
        progress.control().report(0.0, "laying out the diagram (" + layout + ")");
        image = viz::render_wiring(net, style, format, layout, progress.control());
    }
    emit(f.output, image);
    return ok;
}

}  // namespace

void add_draw_command(CLI::App& app, int& exit_code) {
    auto f = std::make_shared<DrawFlags>();
    auto* cmd =
        app.add_subcommand("draw", "Draw the wiring diagram (painted with attractor values) or the state graph");
    cmd->add_option("MODEL", f->model, "Model file")->required();
    cmd->add_option("-o,--output", f->output, "Image file: .svg, .png, .pdf or .dot")->required();
    cmd->add_option("--layout", f->layout,
                    "Graphviz layout engine: auto (dot, or sfdp above " + std::to_string(viz::kDotNodeLimit) +
                        " nodes or " + std::to_string(viz::kDotEdgeLimit) +
                        " regulations), dot, neato, sfdp, fdp, circo, twopi");
    add_update_option(cmd, f->update);
    cmd->add_option("--attractor", f->attractor, "Paint this attractor (1-based) instead of the basin-weighted mean");
    cmd->add_option("--diff", f->diff,
                    "Two condition lists: colour variables by how they change from the first to the second")
        ->expected(2);
    cmd->add_flag("--states", f->states, "Draw the state transition graph (at most 10 free variables after reduction)");
    cmd->add_flag("--plain", f->plain, "Wiring only, no attractor values");
    cmd->add_flag("--no-drugs", f->no_drugs, "Leave drugs and contexts out");
    cmd->add_flag("--no-readouts", f->no_readouts, "Leave readouts out");
    cmd->add_flag("--no-legend", f->no_legend, "Leave the legend out");
    add_condition_flags(cmd, f->conditions);
    cmd->callback([f, &exit_code] { exit_code = run_guarded([&] { return run_draw(*f); }); });
}

}  // namespace bitsig::cli
