// SPDX-License-Identifier: MIT
// Orders for attractor lists: bitsig's canonical order, or BoolNet's, so that a list can be
// compared line by line with what BoolNet's getAttractors prints.
#pragma once

#include <cstdint>
#include <vector>

#include "attractor/attractor.hpp"
#include "model/network.hpp"

namespace bitsig {

enum class AttractorOrder {
    file,     // canonical (see attractor.hpp): by first state, states in string order
    boolnet,  // BoolNet: by length, then as its exhaustive search meets them
};

/// BoolNet's integer code of a state: 32-bit words, variable 0 the lowest bit of word 0;
/// returns the words, word 0 first (BoolNet compares them in that order).
std::vector<std::uint32_t> boolnet_code(const State& s);

/// Reorders `result` (found on `searched`, the network the search ran on) in `order`.
/// BoolNet order rotates each cycle to start at its smallest code, sorts the states of a
/// complex attractor by code, and sorts attractors by size; attractors of one size come in
/// the order BoolNet's exhaustive synchronous search finds them, i.e. by the smallest code
/// in their basin. That needs a walk from every state up to the last such minimum, done
/// for synchronous results (fixed-point searches too) of at most 29 variables (BoolNet's
/// exhaustive limit) within a budget of 2^20 visited states; otherwise, and for asynchronous
/// results, ties are broken by the first state's code and a note says so. Checks `control`
/// during the walk.
void order_attractors(Result& result, const Network& searched, AttractorOrder order, const Control& control);

}  // namespace bitsig
