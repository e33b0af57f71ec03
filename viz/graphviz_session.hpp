// SPDX-License-Identifier: MIT
// The one place that talks to libcgraph/libgvc: graphs whose object IDs follow creation
// order (so output never depends on heap addresses), and layouts run in a child process
// (so Ctrl-C stops them at once and no layout leaves state behind for the next one).
#pragma once

#include <memory>
#include <string>

#include <graphviz/cgraph.h>

#include "core/control.hpp"

namespace bitsig::viz {

enum class ImageFormat;

namespace detail {

struct GraphDeleter {
    void operator()(Agraph_t* g) const { agclose(g); }
};
using GraphHandle = std::unique_ptr<Agraph_t, GraphDeleter>;

/// A new directed root graph with the creation-order ID discipline.
GraphHandle open_graph(const std::string& name);

/// Sets a string attribute on a graph, node or edge (declaring it with an empty default).
void set(void* obj, const std::string& key, const std::string& value);

/// Throws InputError unless `layout` is one of Graphviz's layout engines.
void check_layout(const std::string& layout);

/// Lays `g` out with `layout` and renders it; `control` is polled while Graphviz works
/// (Interrupted when cancelled, the layout is killed). Throws runtime_error when Graphviz fails.
std::string layout_and_render(Agraph_t* g, ImageFormat format, const std::string& layout, const Control& control);

}  // namespace detail
}  // namespace bitsig::viz
