// SPDX-License-Identifier: MIT
// One-state successors, the plain semantics: used by result checkers and SAT-based
// searches to walk trajectories. Fast paths use Program on bit-sliced blocks instead.
#pragma once

#include <vector>

#include "model/network.hpp"
#include "state/state.hpp"

namespace bitsig {

/// The synchronous successor: every variable takes its rule's value.
State step_synchronous(const Network& net, const State& s);

/// Asynchronous successors: for each variable whose rule disagrees with it, s with that
/// variable flipped (general asynchronous semantics). Empty for a fixed point.
std::vector<State> successors_asynchronous(const Network& net, const State& s);

}  // namespace bitsig
