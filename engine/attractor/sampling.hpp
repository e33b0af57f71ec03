// SPDX-License-Identifier: MIT
// Attractors by simulation, for networks too large for any exact method: many random
// trajectories run together, 64 per machine word. Results are never complete.
#pragma once

#include <cstdint>

#include "attractor/attractor.hpp"
#include "model/network.hpp"

namespace bitsig {

struct SamplingOptions {
    std::uint64_t samples = 4096;                // trajectories (rounded up to a multiple of 64)
    std::uint64_t steps = 1000;                  // steps each trajectory takes before it is examined
    std::uint64_t seed = 1;                      // random seed: same seed, same answer
    std::uint64_t max_attractor_states = 50000;  // explore at most this many states to close an attractor
};

/// Attractors reached from random initial states. Each attractor's `samples` counts the
/// trajectories that ended in it; result.complete is false.
Result sample_attractors(const Network& net, UpdateScheme update, const SamplingOptions& options,
                         const Control& control);

}  // namespace bitsig
