// SPDX-License-Identifier: MIT
// Shrinking a network before a search.
//
// A Projection drops variables whose value is known and rewrites the other rules with
// those values substituted; states of the small network expand back to full states.
// - project_constants: drops only variables with a constant rule (perturbed or declared
//   constant). Exact for everything, basins included: those variables hold their value
//   in every state of the searched space, as in BoolNet.
// - percolate: repeats that to a fixed point (a variable whose rule becomes constant once
//   others are substituted is dropped too). Attractors are preserved under both update
//   schemes (such a variable takes its value and keeps it before any attractor is
//   reached), but basin sizes then count states of the reduced space.
#pragma once

#include <vector>

#include "model/network.hpp"
#include "state/state.hpp"
#include "state/subspace.hpp"

namespace bitsig {

struct Projection {
    Network reduced;          // only the kept variables, in original order
    std::vector<VarId> kept;  // reduced variable i is original kept[i]
    Subspace values;          // the removed variables fixed at their values; kept ones free
    std::size_t original_size = 0;

    /// A full state from a state of the reduced network.
    State expand(const State& reduced_state) const;
    /// A full trap-space summary ("01*...") from one over the reduced network: the
    /// projected-out variables show their constant value.
    std::string expand_space(const std::string& reduced_space) const;
};

Projection project_constants(const Network& net);
Projection percolate(const Network& net);

}  // namespace bitsig
