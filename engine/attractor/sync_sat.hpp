// SPDX-License-Identifier: MIT
// Synchronous attractors (fixed points and cycles) of large networks with SAT.
#pragma once

#include <cstddef>

#include "attractor/attractor.hpp"
#include "model/network.hpp"

namespace bitsig {

struct SyncSatOptions {
    std::size_t max_cycle_length = 0;     // 0: no bound; otherwise only cycles up to this length (complete = false)
    std::size_t max_attractors = 100000;  // stop (complete = false) after this many
    std::size_t max_unrolling = 4096;     // give up proving completeness beyond this many steps
    // Bit-parallel simulation before the solver: at most this many steps of 256 random
    // trajectories each (0: none; the search stays complete, the solver does all the work).
    std::size_t sample_steps = std::size_t{1} << 16;
    // After sampling, look for every cycle up to this length with shallow unrollings (0:
    // none) before the deep one that proves completeness: the attractors with basins too
    // small for sampling are mostly short cycles, and each costs the deep unrolling a hard
    // satisfiable call. The cost grows about 1.5x per length on BoolNet's N = 100 networks.
    std::size_t short_cycles = 16;
};

/// Synchronous attractors. With max_cycle_length = 0 the search is complete when it
/// proves that every state reaches a found attractor. Result.method = Algorithm::sat_cycles.
Result find_sync_attractors_sat(const Network& net, const SyncSatOptions& options, const Control& control);

}  // namespace bitsig
