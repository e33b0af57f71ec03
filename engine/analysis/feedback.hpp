// SPDX-License-Identifier: MIT
// Decision variables for fixed-point searches: variables whose values determine a fixed
// point, found from the regulatory graph alone.
#pragma once

#include <cstdint>
#include <vector>

#include "model/network.hpp"

namespace bitsig {

/// Inputs plus a greedy feedback vertex set of the other variables (every cycle of the
/// regulatory graph, self-loops included, passes through one), ordered so that regulators
/// come first, strongly connected components stay together, and each input comes just
/// before the first component that reads it. In a fixed point these values determine all
/// the others: the rest of the graph is acyclic.
std::vector<std::uint32_t> decision_variables(const Network& net);

/// A negative feedback vertex set, found greedily and then pruned: variables such that
/// every negative cycle of the signed regulatory graph (a dual edge counts as both signs)
/// passes through one of them. Sorted. Without negative cycles the asynchronous
/// attractors are fixed points (Richard 2010); see attractor/candidates.hpp for its use.
std::vector<std::uint32_t> negative_feedback_vertex_set(const Network& net);

}  // namespace bitsig
