// SPDX-License-Identifier: MIT
// The brute-force oracle: the slowest, plainest possible answers, used to check every fast
// method. It enumerates 2^n states with std::vector<bool> and the reference evaluator
// (expr/eval), never the compiled program, and builds the state graph explicitly.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "attractor/attractor.hpp"
#include "model/network.hpp"

namespace bitsig::oracle {

/// A random network of n variables, each rule over up to k regulators built from random
/// and/or/xor/not, with some inputs and constants; deterministic in `seed`.
Network random_network(std::size_t n, std::size_t k, std::uint64_t seed);

/// Synchronous attractors with basin sizes over all 2^n states (n <= 16).
std::vector<Attractor> synchronous_attractors(const Network& net);

/// Asynchronous attractors (terminal SCCs of the explicit state graph), n <= 14.
std::vector<Attractor> asynchronous_attractors(const Network& net);

/// Every state x with f(x) = x.
std::vector<State> fixed_points(const Network& net);

}  // namespace bitsig::oracle
