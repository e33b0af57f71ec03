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

/// Labels the functional graph succ[0..total): every state gets the attractor its
/// trajectory ends in, written over its successor (succ[x] becomes a label). Runs on
/// control.thread_count() threads from `parallel_from` states on (serially below: small
/// spaces take microseconds); cycles come out in no particular order.
BasinLabels label_synchronous_basins(Successors& succ, std::uint64_t total, const Control& control,
                                     std::uint64_t parallel_from = std::uint64_t{1} << 18);

}  // namespace bitsig
