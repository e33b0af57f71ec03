// SPDX-License-Identifier: MIT
// Every fixed point (x = f(x)) of any size of network, with a SAT solver. Fixed points are
// the same under synchronous and asynchronous updating.
#pragma once

#include <cstdint>

#include "attractor/attractor.hpp"
#include "model/network.hpp"

namespace bitsig {

struct FixedPointOptions {
    std::uint64_t max_solutions = 1'000'000;  // stop (complete = false) after this many
};

/// All fixed points, canonical order. Result.method = "sat".
Result find_fixed_points(const Network& net, const FixedPointOptions& options, const Control& control);

}  // namespace bitsig
