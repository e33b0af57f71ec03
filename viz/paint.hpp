// SPDX-License-Identifier: MIT
// One table of the styles a wiring diagram paints with. Nodes and edges are styled only
// through a Painter, which remembers which entries it used; the legend is drawn from that
// record, so it shows exactly what the diagram shows, in the diagram's own font.
#pragma once

#include <optional>
#include <set>
#include <string>

#include <graphviz/cgraph.h>

namespace bitsig::viz::detail {

/// What a node is (its outline): one legend entry each.
enum class Shape { variable, input, readout, drug_applied, drug_idle, context_applied, context_idle };
/// What a node's long-term value is (its fill): one legend entry each.
enum class Fill {
    off,
    on,
    partly_on,
    unknown,
    gained,
    gained_partly,
    lost,
    lost_partly,
    same_on,
    same_off,
    same_partly
};
/// A border that marks a variable the conditions hold fixed.
enum class Border { none, held_on, held_off };
/// What an edge means.
enum class Line { activates, inhibits, dual, sets_on, sets_off, idle_sets, readout_input };

/// The font of every label, legend included.
inline constexpr const char* kFont = "Helvetica";
inline constexpr const char* kFontSize = "14";

class Painter {
public:
    /// Styles `n` as `shape`; with no fill, the shape's own unpainted colour.
    void node(Agnode_t* n, Shape shape, std::optional<Fill> fill = std::nullopt, Border border = Border::none);
    void edge(Agedge_t* e, Line line);
    /// Adds a legend cluster to `root` listing every entry used so far, in table order.
    void legend(Agraph_t* root) const;
    /// The fill's colour (for callers that paint outside Graphviz, e.g. tests).
    static std::string colour(Fill fill);

private:
    std::set<Shape> shapes_;
    std::set<Shape> plain_shapes_;  // shapes drawn with their own unpainted colour
    std::set<Fill> fills_;
    std::set<Border> borders_;
    std::set<Line> lines_;
};

}  // namespace bitsig::viz::detail
