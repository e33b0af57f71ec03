// SPDX-License-Identifier: MIT
// The response oracle: where do start states go when the network changes, computed over the
// whole explicit state graph with the reference evaluator, and absorption probabilities by
// dense Gaussian elimination (or, for large transient sets, long power iteration) rather
// than by the engine's component-by-component Gauss-Seidel.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/network.hpp"
#include "state/state.hpp"

namespace bitsig::oracle {

/// An attractor named by its states as strings, sorted.
using AttractorKey = std::vector<std::string>;
using Distribution = std::map<AttractorKey, double>;

/// For each group of start states (weighted uniformly), the probability of ending in each
/// attractor of the last network, running the networks in turn (held variables, i.e.
/// constant rules, are set when a step begins; a step starts uniformly over the states of
/// the attractor the previous one reached). At most 12 variables.
std::vector<Distribution> response(const std::vector<Network>& steps, const std::vector<std::vector<State>>& groups,
                                   bool synchronous);

}  // namespace bitsig::oracle
