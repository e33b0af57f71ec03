// SPDX-License-Identifier: MIT
// The brute-force trap-space oracle: every one of the 3^n subspaces, checked against the
// rules' values on all 2^n states computed by the reference evaluator (expr/eval), never
// by the compiled program or the solver. For n <= 13.
#pragma once

#include <vector>

#include "model/network.hpp"
#include "state/subspace.hpp"

namespace bitsig::oracle {

/// Every trap space (the whole space included), in plain string order.
std::vector<Subspace> trap_spaces(const Network& net);
/// Trap spaces containing no other trap space.
std::vector<Subspace> minimal_trap_spaces(const Network& net);
/// Trap spaces other than the whole space contained in no other such trap space.
std::vector<Subspace> maximal_trap_spaces(const Network& net);

}  // namespace bitsig::oracle
