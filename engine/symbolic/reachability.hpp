// SPDX-License-Identifier: MIT
// Asynchronous reachability, attractors and absorption over decision diagrams (BuDDy), for
// spaces too large to lay out state by state.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/control.hpp"
#include "model/network.hpp"

namespace bitsig {

struct SymbolicReachOptions {
    std::size_t max_nodes = std::size_t{1} << 23;                 // nodes created or alive before giving up
    double max_seconds = 20;                                      // diagram work before giving up (0: none)
    std::uint64_t max_attractor_states = std::uint64_t{1} << 20;  // listed in all
    std::uint64_t samples = 10000;                                // walks per start needing estimates
    std::uint64_t seed = 1;
    std::uint64_t max_walk = 1000000;  // moves before a walk is counted as undetermined
};

/// Starts as packed states (bit j = variable j of the network) with weights summing to 1.
using WeightedStates = std::vector<std::pair<std::uint64_t, double>>;

struct SymbolicReach {
    bool finished = false;                               // within budget; otherwise only `stopped` is meaningful
    std::string stopped;                                 // why it stopped
    std::vector<std::vector<std::uint64_t>> attractors;  // packed members, ascending
    std::vector<std::vector<double>> probability;        // [start][attractor]
    std::vector<std::vector<double>> standard_error;     // [start][attractor], 0 where exact
    std::vector<std::vector<bool>> reachable;            // [start][attractor]
    bool probabilities_exact = true;                     // every start lies wholly in basins of single attractors
    std::uint64_t undetermined_walks = 0;                // walks that did not settle within max_walk moves
    double reachable_states = 0;                         // size of the reachable set
    std::size_t nodes = 0;                               // largest diagram of the reachable set or a basin
};

/// The asynchronous response of `net` (at most 64 variables, all free) from `starts`:
/// every attractor reachable is found exactly, by forward and backward reachability on
/// diagrams. A start whose states each reach one attractor only gets exact probabilities;
/// the others are estimated by random walks until they enter a state that can reach a
/// single attractor (binomial standard errors). finished is false when the diagrams grew
/// past the node or time budget.
SymbolicReach symbolic_async_reach(const Network& net, const std::vector<WeightedStates>& starts,
                                   const SymbolicReachOptions& options, const Control& control);

}  // namespace bitsig
