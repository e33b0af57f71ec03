// SPDX-License-Identifier: MIT
// Diagram construction. Graphviz objects are owned by RAII handles so that every path,
// a layout error included, releases them. Graphviz's C API takes non-const char*, hence
// CStr, which hands it a mutable copy for the duration of one call.
#include "viz/wiring.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>

#include "analysis/regulation.hpp"

namespace bitsig::viz {

namespace {

struct ContextDeleter {
    void operator()(GVC_t* c) const { gvFreeContext(c); }
};
struct GraphDeleter {
    void operator()(Agraph_t* g) const { agclose(g); }
};
using ContextHandle = std::unique_ptr<GVC_t, ContextDeleter>;
using GraphHandle = std::unique_ptr<Agraph_t, GraphDeleter>;

// One Graphviz context for the whole process. Graphviz's text-layout (pango) plugin keeps
// a pointer to the last font name, which is owned by the context; freeing the context
// between two diagrams makes the next layout read freed memory (seen under
// AddressSanitizer with Graphviz 2.42 when `report` draws several diagrams).
GVC_t* shared_context() {
    static ContextHandle context(gvContext());
    return context.get();
}

class CStr {
public:
    explicit CStr(std::string s) : s_(std::move(s)) {}
    operator char*() { return s_.data(); }

private:
    std::string s_;
};

void set(void* obj, const std::string& key, const std::string& value) {
    agsafeset(obj, CStr(key), CStr(value), CStr(""));
}

// Frees the layout even when rendering throws.
class LayoutGuard {
public:
    LayoutGuard(GVC_t* c, Agraph_t* g) : c_(c), g_(g) {}
    ~LayoutGuard() { gvFreeLayout(c_, g_); }
    LayoutGuard(const LayoutGuard&) = delete;
    LayoutGuard& operator=(const LayoutGuard&) = delete;

private:
    GVC_t* c_;
    Agraph_t* g_;
};

const char* format_name(ImageFormat f) {
    switch (f) {
    case ImageFormat::dot: return "dot";
    case ImageFormat::svg: return "svg";
    case ImageFormat::png: return "png";
    case ImageFormat::pdf: return "pdf";
    }
    return "dot";
}

// Graphviz refuses unknown layout engines late and vaguely; check the name first.
void check_layout(const std::string& layout) {
    static const char* known[] = {"dot", "neato", "sfdp", "fdp", "circo", "twopi"};
    for (const char* k : known)
        if (layout == k) return;
    Diagnostic d;
    d.message = "unknown layout '" + layout + "': expected dot, neato, sfdp, fdp, circo or twopi";
    throw InputError(d);
}

std::string render(GVC_t* gvc, Agraph_t* g, ImageFormat format, const std::string& layout) {
    check_layout(layout);
    if (gvLayout(gvc, g, CStr(layout)) != 0)
        throw std::runtime_error("graphviz could not lay out the graph with '" + layout + "'");
    LayoutGuard guard(gvc, g);
    char* data = nullptr;
    unsigned int length = 0;
    // DOT output keeps the computed positions, so the file opens the same way elsewhere.
    if (gvRenderData(gvc, g, CStr(format_name(format)), &data, &length) != 0 || data == nullptr)
        throw std::runtime_error(std::string("graphviz could not render ") + format_name(format) +
                                 " (is the graphviz package with its plugins installed?)");
    std::string out(data, length);
    gvFreeRenderData(data);
    return out;
}

// Off is pale grey, on is green, values in between blend through amber so oscillation
// stands out rather than reading as "half green".
std::string value_colour(double v) {
    if (std::isnan(v)) return "#ffffff";
    if (v <= 0.0) return "#e8e8e8";
    if (v >= 1.0) return "#66bb6a";
    return "#ffd54f";
}

std::string diff_colour(double before, double after) {
    if (std::isnan(before) || std::isnan(after)) return "#ffffff";
    double d = after - before;
    if (d > 0) return d >= 1.0 ? "#ef6c00" : "#ffb74d";   // gained
    if (d < 0) return d <= -1.0 ? "#1e88e5" : "#90caf9";  // lost
    return before >= 1.0 ? "#dcedc8" : "#f5f5f5";          // unchanged
}

std::string percent(double v) {
    std::ostringstream out;
    out << static_cast<int>(std::lround(v * 100)) << "%";
    return out.str();
}

void legend_node(Agraph_t* legend, const std::string& id, const std::string& label, const std::string& fill,
                 const std::string& shape = "box") {
    Agnode_t* n = agnode(legend, CStr(id), 1);
    set(n, "label", label);
    set(n, "shape", shape);
    set(n, "style", "filled");
    set(n, "fillcolor", fill);
    set(n, "fontsize", "10");
}

}  // namespace

ImageFormat image_format_for_path(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    if (ext == ".dot" || ext == ".gv") return ImageFormat::dot;
    if (ext == ".svg") return ImageFormat::svg;
    if (ext == ".png") return ImageFormat::png;
    if (ext == ".pdf") return ImageFormat::pdf;
    Diagnostic d;
    d.where.file = path;
    d.message = "unknown image format '" + ext + "': expected .svg, .png, .pdf or .dot";
    throw InputError(d);
}

std::string render_wiring(const Network& net, const WiringStyle& style, ImageFormat format, const std::string& layout) {
    GVC_t* gvc = shared_context();
    GraphHandle graph(agopen(CStr("wiring"), Agdirected, nullptr));
    Agraph_t* g = graph.get();
    set(g, "fontname", "Helvetica");
    set(g, "label", style.title.empty() ? net.model_name() : style.title);
    set(g, "labelloc", "t");
    set(g, "fontsize", "18");
    set(g, "newrank", "true");
    set(g, "nodesep", "0.25");
    set(g, "ranksep", "0.45");
    bool coloured = !style.values.empty();
    bool diff = coloured && !style.baseline.empty();

    std::map<std::string, Agraph_t*> clusters;
    std::vector<Agnode_t*> nodes(net.num_vars());
    for (std::uint32_t i = 0; i < net.num_vars(); ++i) {
        const Variable& var = net.variable(VarId{i});
        Agraph_t* parent = g;
        if (!var.module.empty()) {
            auto& sub = clusters[var.module];
            if (!sub) {
                sub = agsubg(g, CStr("cluster_" + var.module), 1);
                set(sub, "label", var.module);
                set(sub, "style", "rounded,filled");
                set(sub, "fillcolor", "#fafafa");
                set(sub, "color", "#bdbdbd");
                set(sub, "fontname", "Helvetica");
            }
            parent = sub;
        }
        Agnode_t* n = agnode(parent, CStr("v_" + var.name), 1);
        std::string label = var.name;
        std::string fill = net.is_input(VarId{i}) ? "#fff8e1" : "#e3f2fd";
        if (coloured) {
            double v = style.values[i];
            fill = diff ? diff_colour(style.baseline[i], v) : value_colour(v);
            if (diff && !std::isnan(v) && style.baseline[i] != v)
                label += "\n" + percent(style.baseline[i]) + " → " + percent(v);
            else if (!std::isnan(v) && v > 0 && v < 1)
                label += "\n" + percent(v) + " on";
        }
        set(n, "fontname", "Helvetica");
        set(n, "shape", net.is_input(VarId{i}) ? "box" : "ellipse");
        set(n, "style", net.is_input(VarId{i}) ? "filled,rounded" : "filled");
        set(n, "fillcolor", fill);
        if (!style.held.empty() && style.held[i] >= 0) {
            set(n, "penwidth", "3");
            set(n, "color", style.held[i] ? "#2e7d32" : "#c62828");
            label += style.held[i] ? "\n(held on)" : "\n(held off)";
        }
        if (!var.description.empty()) set(n, "tooltip", var.description);
        set(n, "label", label);
        nodes[i] = n;
    }
    for (const auto& r : regulations(net)) {
        if (r.sign == Sign::none) continue;
        Agedge_t* e = agedge(g, nodes[r.regulator.index], nodes[r.target.index], nullptr, 1);
        switch (r.sign) {
        case Sign::activation:
            set(e, "arrowhead", "normal");
            set(e, "color", "#2e7d32");
            break;
        case Sign::inhibition:
            set(e, "arrowhead", "tee");
            set(e, "color", "#c62828");
            break;
        default:
            set(e, "arrowhead", "odiamond");
            set(e, "color", "#616161");
            set(e, "style", "dashed");
        }
    }
    if (style.show_drugs) {
        auto add_agent = [&](const std::string& id, const std::string& name, const std::vector<Fix>& sets,
                             bool active, const std::string& shape, const std::string& on_fill) {
            if (style.only_active_agents && !active) return;
            Agnode_t* n = agnode(g, CStr(id), 1);
            set(n, "label", name);
            set(n, "shape", shape);
            set(n, "style", "filled");
            set(n, "fontname", "Helvetica");
            set(n, "fontsize", "10");
            set(n, "fillcolor", active ? on_fill : "#ffffff");
            set(n, "penwidth", active ? "2.5" : "1");
            for (const auto& f : sets) {
                Agedge_t* e = agedge(g, n, nodes[f.var.index], nullptr, 1);
                set(e, "style", active ? "bold" : "dotted");
                set(e, "color", f.value ? "#6a1b9a" : "#4e342e");
                set(e, "arrowhead", f.value ? "normal" : "tee");
            }
        };
        for (const auto& d : net.drugs()) {
            bool active = std::find(style.active_drugs.begin(), style.active_drugs.end(), d.name) != style.active_drugs.end();
            add_agent("drug_" + d.name, d.name, d.sets, active, "cds", "#ce93d8");
        }
        for (const auto& c : net.contexts()) {
            bool active =
                std::find(style.active_contexts.begin(), style.active_contexts.end(), c.name) != style.active_contexts.end();
            add_agent("context_" + c.name, c.name, c.sets, active, "note", "#bcaaa4");
        }
    }
    if (style.show_readouts) {
        for (std::size_t k = 0; k < net.readouts().size(); ++k) {
            const Readout& r = net.readouts()[k];
            Agnode_t* n = agnode(g, CStr("readout_" + r.name), 1);
            set(n, "label", r.name);
            set(n, "shape", "doubleoctagon");
            set(n, "style", "filled");
            set(n, "fontname", "Helvetica-Bold");
            std::string fill = "#fff59d";
            if (k < style.readout_values.size() && !std::isnan(style.readout_values[k])) {
                double v = style.readout_values[k];
                fill = value_colour(v);
                set(n, "label", r.name + (v > 0 && v < 1 ? "\n" + percent(v) + " on" : v >= 1 ? "\nON" : "\nOFF"));
            }
            set(n, "fillcolor", fill);
            if (!r.description.empty()) set(n, "tooltip", r.description);
            for (auto v : r.rule.support()) {
                Agedge_t* e = agedge(g, nodes[v.index], n, nullptr, 1);
                set(e, "style", "dashed");
                set(e, "color", "#9e9e9e");
                set(e, "arrowhead", "vee");
            }
        }
    }
    if (style.legend) {
        Agraph_t* legend = agsubg(g, CStr("cluster_legend"), 1);
        set(legend, "label", "legend");
        set(legend, "fontname", "Helvetica");
        set(legend, "style", "rounded");
        set(legend, "color", "#9e9e9e");
        if (diff) {
            legend_node(legend, "legend_gain", "gained (off → on)", "#ef6c00");
            legend_node(legend, "legend_loss", "lost (on → off)", "#1e88e5");
            legend_node(legend, "legend_part", "partly changed", "#ffb74d");
            legend_node(legend, "legend_same", "unchanged", "#f5f5f5");
        } else if (coloured) {
            legend_node(legend, "legend_on", "on", "#66bb6a");
            legend_node(legend, "legend_off", "off", "#e8e8e8");
            legend_node(legend, "legend_osc", "oscillating", "#ffd54f");
        }
        legend_node(legend, "legend_input", "input", "#fff8e1");
        Agnode_t* a = agnode(legend, CStr("legend_a"), 1);
        Agnode_t* b = agnode(legend, CStr("legend_b"), 1);
        Agnode_t* c = agnode(legend, CStr("legend_c"), 1);
        for (Agnode_t* x : {a, b, c}) {
            set(x, "shape", "point");
            set(x, "width", "0.05");
        }
        Agedge_t* act = agedge(legend, a, b, CStr("act"), 1);
        set(act, "label", "activates");
        set(act, "color", "#2e7d32");
        set(act, "fontsize", "10");
        Agedge_t* inh = agedge(legend, b, c, CStr("inh"), 1);
        set(inh, "label", "inhibits");
        set(inh, "arrowhead", "tee");
        set(inh, "color", "#c62828");
        set(inh, "fontsize", "10");
    }
    return render(gvc, g, format, layout);
}

std::string render_state_graph(const Network& net, const StateGraph& graph, ImageFormat format, const std::string& title,
                               const std::string& layout) {
    static const char* palette[] = {"#a5d6a7", "#90caf9", "#ffcc80", "#ce93d8", "#80cbc4",
                                    "#f48fb1", "#e6ee9c", "#bcaaa4", "#b0bec5", "#ffab91"};
    GVC_t* gvc = shared_context();
    GraphHandle handle(agopen(CStr("states"), Agdirected, nullptr));
    Agraph_t* g = handle.get();
    set(g, "label", title);
    set(g, "labelloc", "t");
    set(g, "fontname", "Helvetica");
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
        Agnode_t* n = agnode(g, CStr("s" + std::to_string(i)), 1);
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
        if (graph.attractor[from] >= 0 && graph.attractor[to] >= 0) set(e, "penwidth", "2");
        else set(e, "color", "#757575");
    }
    return render(gvc, g, format, layout);
}

}  // namespace bitsig::viz
