// SPDX-License-Identifier: MIT
// Attractors and basins of a synchronous state graph given as a successor table.
#pragma once

#include <cstdint>
#include <vector>

#include "attractor/exhaustive.hpp"
#include "core/control.hpp"

namespace bitsig {

struct BasinLabels {
    std::vector<std::vector<std::uint32_t>> cycles;  // attractor i: its states in successor order
    std::vector<std::uint64_t> basin;                // states whose trajectory ends in cycle i
};

/// in_place: walks marked in two spare bits of each entry (at most 2^30 states, else
/// bitmaps); bitmaps: marked in two bitmaps beside the table (any size; the method
/// before, kept for larger spaces and for comparison).
enum class Labelling { in_place, bitmaps };

/// Labels the functional graph succ[0..total): every state gets the attractor its
/// trajectory ends in, written over its successor (succ[x] becomes a label). Cycles come
/// out in the order their first state is met from state 0 up.
BasinLabels label_synchronous_basins(Successors& succ, std::uint64_t total, const Control& control,
                                     Labelling how = Labelling::in_place);

}  // namespace bitsig
