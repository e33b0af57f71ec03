// SPDX-License-Identifier: MIT
// Wiring and state-graph diagrams. Nodes and edges are styled through a Painter (one style
// table, the legend drawn from what was used); Graphviz is driven through
// graphviz_session (deterministic IDs, interruptible layouts in a child process).
//
// Layout: `dot` (hierarchical, Gansner et al. 1993) reads best for signalling cascades
// but its crossing minimisation does not scale; above kDotNodeLimit nodes (or kDotEdgeLimit
// regulations) `auto` uses
// `sfdp` (multilevel force-directed, Hu 2005), which lays out hundreds of nodes in seconds.
// With dot, edges that run side by side are concentrated (merged into one spline until they
// part) and YAML modules are not drawn as clusters: a cluster pulls its members into one
// box, so every regulation between pathways has to leave the box and cross the drawing,
// and Graphviz cannot concentrate edges in a graph with module clusters (it crashes). On
// the flagship (trastuzumab + PTEN loss) this cuts the total edge length of the dot layout
// from 58,900 points (two module clusters, no concentration) to 40,200, and the edge
// crossings from 277 to 198 (counted on the splines' control polygons, tests/cli/report.sh).
// Modules stay in the tooltips.
#include "viz/wiring.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "analysis/regulation.hpp"
#include "viz/graphviz_session.hpp"
#include "viz/paint.hpp"

namespace bitsig::viz {

namespace {

using detail::Border;
using detail::Fill;
using detail::Line;
using detail::Painter;
using detail::set;
using detail::Shape;

Agnode_t* node(Agraph_t* g, const std::string& name) { return agnode(g, const_cast<char*>(name.c_str()), 1); }

Fill value_fill(double v) {
    if (std::isnan(v)) return Fill::unknown;
    if (v <= 0.0) return Fill::off;
    if (v >= 1.0) return Fill::on;
    return Fill::partly_on;
}

Fill diff_fill(double before, double after) {
    if (std::isnan(before) || std::isnan(after)) return Fill::unknown;
    double d = after - before;
    if (d > 0) return before <= 0.0 && after >= 1.0 ? Fill::gained : Fill::gained_partly;
    if (d < 0) return before >= 1.0 && after <= 0.0 ? Fill::lost : Fill::lost_partly;
    return before >= 1.0 ? Fill::same_on : before <= 0.0 ? Fill::same_off : Fill::same_partly;
}

std::string percent(double v) {
    std::ostringstream out;
    out << static_cast<int>(std::lround(v * 100)) << "%";
    return out.str();
}

std::size_t wiring_nodes(const Network& net, const WiringStyle& style) {
    std::size_t n = net.num_vars();
    if (style.show_readouts) n += net.readouts().size();
    if (style.show_drugs)
        n += style.only_active_agents ? style.active_drugs.size() + style.active_contexts.size()
                                      : net.drugs().size() + net.contexts().size();
    return n;
}

}  // namespace

ImageFormat image_format_for_path(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    if (ext == ".dot" || ext == ".gv") return ImageFormat::dot;
    if (ext == ".svg") return ImageFormat::svg;
    if (ext == ".png") return ImageFormat::png;
    if (ext == ".pdf") return ImageFormat::pdf;
    throw InputError(errors::unknown_expected("image format", ext, {".svg", ".png", ".pdf", ".dot"}, path));
}

std::string wiring_layout(const Network& net, const WiringStyle& style, const std::string& requested) {
    if (requested != "auto") {
        detail::check_layout(requested);
        return requested;
    }
    return wiring_nodes(net, style) > kDotNodeLimit || regulations(net).size() > kDotEdgeLimit ? "sfdp" : "dot";
}

namespace {

// The phases of a wiring diagram, in drawing order: graph settings, variables, regulations,
// drugs and contexts, readouts, legend.
struct WiringBuild {
    const Network& net;
    const WiringStyle& style;
    Agraph_t* g;
    Painter paint;
    std::vector<Agnode_t*> nodes;  // per variable
};

void set_up_graph(WiringBuild& b, const std::string& layout) {
    set(b.g, "fontname", detail::kFont);
    set(b.g, "label", b.style.title.empty() ? b.net.model_name() : b.style.title);
    set(b.g, "labelloc", "t");
    set(b.g, "fontsize", "18");
    if (layout == "dot") {
        set(b.g, "newrank", "true");
        set(b.g, "nodesep", "0.25");
        set(b.g, "ranksep", "0.45");
        set(b.g, "concentrate", "true");
    } else {
        set(b.g, "overlap", "prism");
        set(b.g, "outputorder", "edgesfirst");
    }
}

void add_variables(WiringBuild& b) {
    const WiringStyle& style = b.style;
    const bool coloured = !style.values.empty();
    const bool diff = coloured && !style.baseline.empty();
    b.nodes.resize(b.net.num_vars());
    for (std::uint32_t i = 0; i < b.net.num_vars(); ++i) {
        const Variable& var = b.net.variable(VarId{i});
        Agnode_t* n = node(b.g, "v_" + var.name);
        std::string label = var.name;
        std::optional<Fill> fill;
        if (coloured) {
            double v = style.values[i];
            fill = diff ? diff_fill(style.baseline[i], v) : value_fill(v);
            if (diff && !std::isnan(v) && style.baseline[i] != v)
                label += "\n" + percent(style.baseline[i]) + " → " + percent(v);
            else if (!std::isnan(v) && v > 0 && v < 1)
                label += "\n" + percent(v) + " on";
        }
        Border border = Border::none;
        if (i < style.held.size() && style.held.is_fixed(i)) {
            border = style.held.value(i) ? Border::held_on : Border::held_off;
            label += style.held.value(i) ? "\n(held on)" : "\n(held off)";
        }
        b.paint.node(n, b.net.is_input(VarId{i}) ? Shape::input : Shape::variable, fill, border);
        std::string tooltip = var.description;
        if (!var.module.empty()) tooltip = "[" + var.module + "] " + tooltip;
        if (!tooltip.empty()) set(n, "tooltip", tooltip);
        set(n, "label", label);
        b.nodes[i] = n;
    }
}

void add_regulations(WiringBuild& b) {
    for (const auto& r : regulations(b.net)) {
        if (r.sign == Sign::none) continue;
        Agedge_t* e = agedge(b.g, b.nodes[r.regulator.index], b.nodes[r.target.index], nullptr, 1);
        b.paint.edge(e, r.sign == Sign::activation   ? Line::activates
                        : r.sign == Sign::inhibition ? Line::inhibits
                                                     : Line::dual);
    }
}

void add_agents(WiringBuild& b) {
    const WiringStyle& style = b.style;
    auto add_agent = [&](const std::string& id, const std::string& name, const std::vector<Fix>& sets, bool active,
                         Shape applied, Shape idle) {
        if (style.only_active_agents && !active) return;
        Agnode_t* n = node(b.g, id);
        set(n, "label", name);
        b.paint.node(n, active ? applied : idle);
        for (const auto& f : sets) {
            Agedge_t* e = agedge(b.g, n, b.nodes[f.var.index], nullptr, 1);
            b.paint.edge(e, !active ? Line::idle_sets : f.value ? Line::sets_on : Line::sets_off);
        }
    };
    auto applied = [](const std::vector<std::string>& list, const std::string& name) {
        return std::find(list.begin(), list.end(), name) != list.end();
    };
    for (const auto& d : b.net.drugs())
        add_agent("drug_" + d.name, d.name, d.sets, applied(style.active_drugs, d.name), Shape::drug_applied,
                  Shape::drug_idle);
    for (const auto& c : b.net.contexts())
        add_agent("context_" + c.name, c.name, c.sets, applied(style.active_contexts, c.name), Shape::context_applied,
                  Shape::context_idle);
}

void add_readouts(WiringBuild& b) {
    for (std::size_t k = 0; k < b.net.readouts().size(); ++k) {
        const Readout& r = b.net.readouts()[k];
        Agnode_t* n = node(b.g, "readout_" + r.name);
        std::optional<Fill> fill;
        std::string label = r.name;
        if (k < b.style.readout_values.size() && !std::isnan(b.style.readout_values[k])) {
            double v = b.style.readout_values[k];
            fill = value_fill(v);
            label += v > 0 && v < 1 ? "\n" + percent(v) + " on" : v >= 1 ? "\nON" : "\nOFF";
        }
        b.paint.node(n, Shape::readout, fill);
        set(n, "label", label);
        if (!r.description.empty()) set(n, "tooltip", r.description);
        for (auto v : r.rule.support()) b.paint.edge(agedge(b.g, b.nodes[v.index], n, nullptr, 1), Line::readout_input);
    }
}

}  // namespace

std::string render_wiring(const Network& net, const WiringStyle& style, ImageFormat format,
                          const std::string& requested, const Control& control) {
    const std::string layout = wiring_layout(net, style, requested);
    detail::GraphHandle graph = detail::open_graph("wiring");
    WiringBuild build{net, style, graph.get(), Painter{}, {}};
    set_up_graph(build, layout);
    add_variables(build);
    add_regulations(build);
    if (style.show_drugs) add_agents(build);
    if (style.show_readouts) add_readouts(build);
    if (style.legend) build.paint.legend(build.g);
    return detail::layout_and_render(build.g, format, layout, control);
}

std::string render_state_graph(const Network& net, const StateGraph& graph, ImageFormat format,
                               const std::string& title, const std::string& layout, const Control& control) {
    static const char* palette[] = {"#a5d6a7", "#90caf9", "#ffcc80", "#ce93d8", "#80cbc4",
                                    "#f48fb1", "#e6ee9c", "#bcaaa4", "#b0bec5", "#ffab91"};
    detail::GraphHandle handle = detail::open_graph("states");
    Agraph_t* g = handle.get();
    set(g, "labelloc", "t");
    set(g, "fontname", detail::kFont);
    // Label states by the variables that vary, in model order, so labels stay short.
    std::vector<std::size_t> varying;
    for (std::size_t v = 0; v < net.num_vars(); ++v) {
        bool differs = false;
        for (const auto& s : graph.states) differs = differs || s.get(v) != graph.states.front().get(v);
        if (differs) varying.push_back(v);
    }
    std::string header;
    for (auto v : varying) header += (header.empty() ? "" : " ") + net.name(VarId{static_cast<std::uint32_t>(v)});
    set(g, "label", title + "\nstate labels: " + (header.empty() ? std::string("(no free variable)") : header));
    std::vector<Agnode_t*> nodes;
    for (std::size_t i = 0; i < graph.states.size(); ++i) {
        std::string label;
        for (auto v : varying) label += graph.states[i].get(v) ? '1' : '0';
        Agnode_t* n = node(g, "s" + std::to_string(i));
        set(n, "label", label.empty() ? "·" : label);
        set(n, "fontname", "Courier");
        set(n, "shape", "box");
        set(n, "style", "filled,rounded");
        int basin = graph.basin[i];
        set(n, "fillcolor", basin >= 0 ? palette[basin % 10] : "#ffffff");
        if (graph.attractor[i] >= 0) {
            set(n, "penwidth", "3");
            set(n, "color", "#212121");
            set(n, "shape", "doubleoctagon");
        }
        nodes.push_back(n);
    }
    for (auto [from, to] : graph.edges) {
        Agedge_t* e = agedge(g, nodes[from], nodes[to], nullptr, 1);
        if (graph.attractor[from] >= 0 && graph.attractor[to] >= 0)
            set(e, "penwidth", "2");
        else
            set(e, "color", "#757575");
    }
    return detail::layout_and_render(g, format, layout, control);
}

}  // namespace bitsig::viz
