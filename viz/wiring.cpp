// SPDX-License-Identifier: MIT
// Wiring diagram. Graphviz objects are owned by RAII handles so that every path, including
// a layout error, releases them. Graphviz's C API takes non-const char*, hence the small
// `c()` helper that hands it a mutable copy.
#include "viz/wiring.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <filesystem>
#include <map>
#include <memory>

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

// Owns a mutable copy of a string for the duration of one Graphviz call.
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

std::string render_wiring(const Network& net, ImageFormat format, const std::string& layout) {
    ContextHandle gvc(gvContext());
    GraphHandle graph(agopen(CStr(net.model_name().empty() ? "network" : net.model_name()), Agdirected, nullptr));
    Agraph_t* g = graph.get();
    set(g, "rankdir", "TB");
    set(g, "fontname", "Helvetica");
    set(g, "label", net.model_name());
    set(g, "labelloc", "t");

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
                set(sub, "fillcolor", "#f4f4f4");
                set(sub, "color", "#bbbbbb");
            }
            parent = sub;
        }
        Agnode_t* n = agnode(parent, CStr(var.name), 1);
        set(n, "fontname", "Helvetica");
        set(n, "shape", net.is_input(VarId{i}) ? "box" : "ellipse");
        set(n, "style", "filled");
        set(n, "fillcolor", net.is_input(VarId{i}) ? "#fff3c4" : "#dceeff");
        nodes[i] = n;
    }
    for (const auto& r : regulations(net)) {
        if (r.sign == Sign::none) continue;
        Agedge_t* e = agedge(g, nodes[r.regulator.index], nodes[r.target.index], nullptr, 1);
        switch (r.sign) {
        case Sign::activation:
            set(e, "arrowhead", "normal");
            set(e, "color", "#2a7a2a");
            break;
        case Sign::inhibition:
            set(e, "arrowhead", "tee");
            set(e, "color", "#b02020");
            break;
        default:
            set(e, "arrowhead", "odiamond");
            set(e, "color", "#555555");
            set(e, "style", "dashed");
        }
    }

    if (format == ImageFormat::dot) {
        // Unlaid-out DOT keeps the file small and lets users choose their own layout.
        char* data = nullptr;
        unsigned int length = 0;
        if (gvLayout(gvc.get(), g, CStr(layout)) != 0)
            throw std::runtime_error("graphviz could not lay out the graph with '" + layout + "'");
        LayoutGuard guard(gvc.get(), g);
        if (gvRenderData(gvc.get(), g, CStr("canon"), &data, &length) != 0 || data == nullptr)
            throw std::runtime_error("graphviz could not write DOT");
        std::string out(data, length);
        gvFreeRenderData(data);
        return out;
    }
    if (gvLayout(gvc.get(), g, CStr(layout)) != 0)
        throw std::runtime_error("graphviz could not lay out the graph with '" + layout + "'");
    LayoutGuard guard(gvc.get(), g);
    char* data = nullptr;
    unsigned int length = 0;
    if (gvRenderData(gvc.get(), g, CStr(format_name(format)), &data, &length) != 0 || data == nullptr)
        throw std::runtime_error(std::string("graphviz could not render ") + format_name(format) +
                                 " (is the graphviz package with its plugins installed?)");
    std::string out(data, length);
    gvFreeRenderData(data);
    return out;
}

}  // namespace bitsig::viz
