// SPDX-License-Identifier: MIT
// Strongly connected components of a plain adjacency-list graph. Iterative on purpose:
// regulatory graphs of exported models have chains of hundreds of thousands of variables,
// deeper than any call stack.
#pragma once

#include <cstdint>
#include <vector>

namespace bitsig {

/// Strongly connected components of the graph `out` (out[v] = successors of v) in
/// topological order, sources first, by Tarjan's algorithm with an explicit stack:
/// component[v] is v's component index in that order. Cost O(V + E).
std::vector<std::uint32_t> topological_components(const std::vector<std::vector<std::uint32_t>>& out);

}  // namespace bitsig
