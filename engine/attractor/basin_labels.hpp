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

/// shared: walks of all of Control's threads over one table, labels in its top bit (at most
/// 2^31 states, else bitmaps); cycles start at their smallest state. in_place: one walk at a
/// time, marks in two spare bits of each entry (at most 2^30 states, else bitmaps); bitmaps:
/// one walk at a time, marks in two bitmaps beside the table (any size). The serial two
/// (the methods before) start each cycle where the walk from its basin's smallest state
/// enters it, and are kept for larger spaces and for comparison.
enum class Labelling { shared, in_place, bitmaps };

/// What the table holds afterwards: each state's attractor, or anything (the caller wants
/// only cycles and basins, and the shared labelling saves its last pass over the table).
enum class TableAfter { labels, anything };

/// Bytes the labelling of `total` states allocates beside the table: two bitmaps beyond
/// 2^31 states, where the shared labelling has no spare bit (plus a few words per attractor).
std::uint64_t labelling_bytes(std::uint64_t total);

/// Labels the functional graph succ[0..total): every state gets the attractor its
/// trajectory ends in, written over its successor (succ[x] becomes a label). Cycles come
/// out in the order of their basin's smallest state (the order a walk from state 0 up meets
/// them), the same for any number of threads.
BasinLabels label_synchronous_basins(Successors& succ, std::uint64_t total, const Control& control,
                                     Labelling how = Labelling::shared, TableAfter after = TableAfter::labels);

}  // namespace bitsig
