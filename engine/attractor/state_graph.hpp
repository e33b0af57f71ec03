// SPDX-License-Identifier: MIT
// The explicit state transition graph of a small network, for pictures and teaching.
#pragma once

#include <cstdint>
#include <vector>

#include "attractor/attractor.hpp"
#include "model/network.hpp"

namespace bitsig {

struct StateGraph {
    std::vector<State> states;                                   // every state of the searched space (full states)
    std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;  // transitions, by index into states
    std::vector<int> attractor;  // per state: index of the attractor it belongs to, or -1
    std::vector<int> basin;      // per state: the attractor it reaches (-1 when several, asynchronous)
    Result result;               // the attractors, canonical order
};

/// Maximum free variables (after percolation) for which a state graph is built.
constexpr std::size_t kMaxStateGraphVars = 10;

/// Builds the graph of `net` (already perturbed): percolates held values, then enumerates
/// the remaining 2^k states (k <= kMaxStateGraphVars; ResourceError otherwise).
StateGraph build_state_graph(const Network& net, UpdateScheme update, const Control& control);

}  // namespace bitsig
