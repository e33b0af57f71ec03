// SPDX-License-Identifier: MIT
// Wiring diagrams of a network with Graphviz (libcgraph builds the graph, libgvc lays it
// out and renders). The only place that knows about Graphviz.
#pragma once

#include <string>

#include "model/network.hpp"

namespace bitsig::viz {

enum class ImageFormat { dot, svg, png, pdf };

/// The format named by a file's extension; throws InputError for anything else.
ImageFormat image_format_for_path(const std::string& path);

/// Renders the signed regulatory graph: activation arrows, inhibition tees, dual diamonds,
/// inputs as boxes, YAML modules as clusters. Returns the file's bytes.
std::string render_wiring(const Network& net, ImageFormat format, const std::string& layout = "dot");

}  // namespace bitsig::viz
