// SPDX-License-Identifier: MIT
// The style tables. Colours: off is pale grey and on is green; anything in between (a
// cycle that switches the node, or a mean over attractors weighted by their basins) is
// amber so that it reads as "mixed" rather than "half green". Diffs use orange for gains
// and blue for losses, strong for a full switch and pale for a partial one.
#include "viz/paint.hpp"

#include <string>
#include <vector>

#include "viz/graphviz_session.hpp"

namespace bitsig::viz::detail {

namespace {

struct ShapeStyle {
    const char* shape;
    const char* style;
    const char* plain_fill;
    const char* penwidth;
    const char* label;
};

const ShapeStyle& shape_style(Shape s) {
    static const ShapeStyle table[] = {
        {"ellipse", "filled", "#e3f2fd", "1", "variable"},
        {"box", "filled,rounded", "#fff8e1", "1", "input (keeps its value)"},
        {"doubleoctagon", "filled", "#fff59d", "1", "readout (phenotype)"},
        {"cds", "filled", "#ce93d8", "2.5", "drug (applied)"},
        {"cds", "filled", "#ffffff", "1", "drug (not applied)"},
        {"note", "filled", "#bcaaa4", "2.5", "context (applied)"},
        {"note", "filled", "#ffffff", "1", "context (not applied)"},
    };
    return table[static_cast<int>(s)];
}

struct FillStyle {
    const char* colour;
    const char* label;
};

const FillStyle& fill_style(Fill f) {
    static const FillStyle table[] = {
        {"#e8e8e8", "off"},
        {"#66bb6a", "on"},
        {"#ffd54f", "partly on (cycles, or on in some attractors)"},
        {"#ffffff", "unknown"},
        {"#ef6c00", "gained (off → on)"},
        {"#ffb74d", "partly gained"},
        {"#1e88e5", "lost (on → off)"},
        {"#90caf9", "partly lost"},
        {"#dcedc8", "unchanged, on"},
        {"#f5f5f5", "unchanged, off"},
        {"#fff3c4", "unchanged, partly on"},
    };
    return table[static_cast<int>(f)];
}

struct BorderStyle {
    const char* colour;
    const char* label;
};

const BorderStyle& border_style(Border b) {
    static const BorderStyle table[] = {
        {"#000000", ""},
        {"#2e7d32", "held on by the conditions (thick green border)"},
        {"#c62828", "held off by the conditions (thick red border)"},
    };
    return table[static_cast<int>(b)];
}

struct LineStyle {
    const char* arrowhead;
    const char* colour;
    const char* style;
    const char* label;
};

const LineStyle& line_style(Line l) {
    static const LineStyle table[] = {
        {"normal", "#2e7d32", "solid", "activates"},
        {"tee", "#c62828", "solid", "inhibits"},
        {"odiamond", "#616161", "dashed", "dual (sign depends on the state)"},
        {"normal", "#6a1b9a", "bold", "drug/context sets on"},
        {"tee", "#4e342e", "bold", "drug/context sets off"},
        {"normal", "#9e9e9e", "dotted", "would set (not applied)"},
        {"vee", "#9e9e9e", "dashed", "read by a readout"},
    };
    return table[static_cast<int>(l)];
}

void apply_shape(Agnode_t* n, Shape s, const std::string& fill) {
    const ShapeStyle& st = shape_style(s);
    set(n, "shape", st.shape);
    set(n, "style", st.style);
    set(n, "fillcolor", fill);
    set(n, "penwidth", st.penwidth);
    set(n, "fontname", s == Shape::readout ? std::string(kFont) + "-Bold" : kFont);
    set(n, "fontsize", kFontSize);
}

}  // namespace

std::string Painter::colour(Fill fill) { return fill_style(fill).colour; }

void Painter::node(Agnode_t* n, Shape shape, std::optional<Fill> fill, Border border) {
    shapes_.insert(shape);
    if (fill)
        fills_.insert(*fill);
    else
        plain_shapes_.insert(shape);
    apply_shape(n, shape, fill ? fill_style(*fill).colour : shape_style(shape).plain_fill);
    if (border != Border::none) {
        borders_.insert(border);
        set(n, "penwidth", "3");
        set(n, "color", border_style(border).colour);
    }
}

void Painter::edge(Agedge_t* e, Line line) {
    lines_.insert(line);
    const LineStyle& st = line_style(line);
    set(e, "arrowhead", st.arrowhead);
    set(e, "color", st.colour);
    set(e, "style", st.style);
}

void Painter::legend(Agraph_t* root) const {
    Agraph_t* g = agsubg(root, const_cast<char*>("cluster_legend"), 1);
    set(g, "label", "legend");
    set(g, "fontname", kFont);
    set(g, "fontsize", kFontSize);
    set(g, "style", "rounded");
    set(g, "color", "#9e9e9e");
    // Entries hang in columns of five, joined by invisible edges so `dot` stacks them.
    std::vector<std::pair<Agnode_t*, Agnode_t*>> entries;  // top and bottom node of each
    int count = 0;
    auto add_node = [&](const std::string& label) {
        Agnode_t* n = agnode(g, const_cast<char*>(("legend_" + std::to_string(count++)).c_str()), 1);
        set(n, "label", label);
        entries.push_back({n, n});
        return n;
    };
    for (Shape s : shapes_) {
        Agnode_t* n = add_node(shape_style(s).label);
        // A painted shape is explained by its outline only; its fill has its own entry.
        apply_shape(n, s, plain_shapes_.count(s) ? shape_style(s).plain_fill : "#ffffff");
    }
    for (Fill f : fills_) {
        Agnode_t* n = add_node(fill_style(f).label);
        apply_shape(n, Shape::variable, fill_style(f).colour);
        set(n, "shape", "box");
    }
    for (Border b : borders_) {
        Agnode_t* n = add_node(border_style(b).label);
        apply_shape(n, Shape::variable, "#ffffff");
        set(n, "penwidth", "3");
        set(n, "color", border_style(b).colour);
    }
    for (Line l : lines_) {
        Agnode_t* a = agnode(g, const_cast<char*>(("legend_" + std::to_string(count++)).c_str()), 1);
        Agnode_t* b = agnode(g, const_cast<char*>(("legend_" + std::to_string(count++)).c_str()), 1);
        for (Agnode_t* x : {a, b}) {
            set(x, "shape", "point");
            set(x, "width", "0.05");
            set(x, "label", "");
        }
        // Both ends on one rank: dot draws the sample edge sideways, one row tall.
        Agraph_t* row = agsubg(g, const_cast<char*>(("legend_row_" + std::to_string(count)).c_str()), 1);
        set(row, "rank", "same");
        agsubnode(row, a, 1);
        agsubnode(row, b, 1);
        Agedge_t* e = agedge(g, a, b, nullptr, 1);
        const LineStyle& st = line_style(l);
        set(e, "arrowhead", st.arrowhead);
        set(e, "color", st.colour);
        set(e, "style", st.style);
        set(e, "label", std::string("  ") + st.label);
        set(e, "fontname", kFont);
        set(e, "fontsize", kFontSize);
        entries.push_back({a, b});
    }
    for (std::size_t i = 1; i < entries.size(); ++i) {
        if (i % 5 == 0) continue;
        Agedge_t* e = agedge(g, entries[i - 1].second, entries[i].first, nullptr, 1);
        set(e, "style", "invis");
    }
}

}  // namespace bitsig::viz::detail
