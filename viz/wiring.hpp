// SPDX-License-Identifier: MIT
// Diagrams with Graphviz (libcgraph builds graphs, libgvc lays out and renders). viz/ is
// the only Graphviz user; it reads engine types and is never read by the engine.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "attractor/state_graph.hpp"
#include "core/control.hpp"
#include "model/network.hpp"

namespace bitsig::viz {

enum class ImageFormat { dot, svg, png, pdf };

/// The format named by a file's extension; throws InputError for anything else.
ImageFormat image_format_for_path(const std::string& path);

/// What to paint on a wiring diagram. Empty vectors mean "not shown".
struct WiringStyle {
    std::string title;
    std::vector<double> values;          // per variable: long-term fraction on (0..1); NaN = unknown
    std::vector<double> readout_values;  // per readout, as values
    std::vector<double> baseline;        // with values: colour by change from these (a diff)
    Subspace held;                       // variables held on or off (knocked out) by the conditions
    std::vector<std::string> active_drugs;
    std::vector<std::string> active_contexts;
    std::string baseline_label = "A";
    std::string values_label = "B";
    bool show_drugs = true;           // drugs and contexts as their own shapes
    bool only_active_agents = false;  // draw only the drugs/contexts that are applied
    bool show_readouts = true;        // readouts as their own shapes
    bool legend = true;
};

/// Above this many nodes `auto` lays a wiring diagram out with sfdp: dot's crossing
/// minimisation grows far faster than linearly (minutes at ~250 variables).
inline constexpr std::size_t kDotNodeLimit = 150;
/// The same above this many regulations: dense models are slow with dot well below the
/// node limit (BBM 039, 136 variables and 319 regulations: over a minute; 041, 302: 3 s).
inline constexpr std::size_t kDotEdgeLimit = 300;

/// The layout engine for `requested` ("auto" picks dot or sfdp by nodes and regulations); InputError
/// for an unknown name.
std::string wiring_layout(const Network& net, const WiringStyle& style, const std::string& requested);

/// The signed regulatory graph: activation arrows, inhibition tees, dual edges dashed with
/// diamonds; inputs as boxes; YAML modules as clusters; drugs and contexts as their own
/// shapes with edges to the variables they set; readouts as double octagons. The legend
/// lists exactly the styles used. `control` is polled during the layout (Ctrl-C).
std::string render_wiring(const Network& net, const WiringStyle& style, ImageFormat format,
                          const std::string& layout = "auto", const Control& control = {});

/// A state transition graph: attractor states highlighted, states coloured by basin.
std::string render_state_graph(const Network& net, const StateGraph& graph, ImageFormat format,
                               const std::string& title, const std::string& layout = "dot",
                               const Control& control = {});

}  // namespace bitsig::viz
