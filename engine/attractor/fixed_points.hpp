// SPDX-License-Identifier: MIT
// Every fixed point (x = f(x)) of any size of network: counted and listed from a decision
// diagram of the set (symbolic/), or enumerated by a search with a SAT oracle when the
// diagram would be too large. Fixed points are the same under synchronous and
// asynchronous updating.
#pragma once

#include <cstdint>

#include "attractor/attractor.hpp"
#include "model/network.hpp"

namespace bitsig {

struct FixedPointOptions {
    std::uint64_t max_solutions = 100'000;  // list at most this many (complete = false beyond)
    // Decision-diagram nodes the symbolic method may use before the search takes over
    // (about 30 bytes each); 0 skips it. Off unless asked for (kSymbolicNodes, the CLI's
    // --exact-count): on most BBM models the diagram gives an exact count of any size in
    // well under a second, but on a few (144, 252, 256) BuDDy spends seconds to minutes
    // inside single operations before the budget can stop it.
    static constexpr std::size_t kSymbolicNodes = std::size_t{1} << 22;
    std::size_t symbolic_max_nodes = 0;
    // When the enumeration stops at max_solutions, the exact total may still come from the
    // decision diagram, built meanwhile in a child process (symbolic/background_count.hpp)
    // and given this many seconds from the start. 0 (the default): no child. For single
    // queries; a screen would fork once per condition.
    double background_count_seconds = 0;
};

/// All fixed points, canonical order; with the symbolic method the first max_solutions
/// of them. Result.method = Algorithm::bdd_fixed_points (symbolic; fixed_point_count is the
/// exact total) or Algorithm::sat_fixed_points (enumerated; fixed_point_count is set when the enumeration finished, or
/// when the background count arrived in time).
Result find_fixed_points(const Network& net, const FixedPointOptions& options, const Control& control);

}  // namespace bitsig
