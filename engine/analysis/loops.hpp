// SPDX-License-Identifier: MIT
// The feedback-loop census: elementary circuits of the regulatory graph with their signs
// (positive loops make multistability possible, negative loops oscillation; Thomas 1981).
// Circuits can be exponentially many, and exported models have chains of 10^5 variables,
// so the census is iterative, skips acyclic parts, and stops at a count or a time limit.
#pragma once

#include <cstddef>
#include <vector>

#include "analysis/regulation.hpp"
#include "core/control.hpp"

namespace bitsig {

struct FeedbackLoop {
    std::vector<VarId> vars;       // in loop order, starting at the smallest VarId
    Sign sign = Sign::activation;  // activation = positive loop, inhibition = negative
};

enum class CensusStop { none, count_limit, time_limit };

struct LoopCensus {
    std::size_t positive = 0;
    std::size_t negative = 0;
    std::size_t dual = 0;  // a dual edge makes the loop's sign ambiguous
    bool complete = true;  // false when counting stopped early (see stopped)
    CensusStop stopped = CensusStop::none;
    std::vector<FeedbackLoop> listed;
    std::size_t total() const { return positive + negative + dual; }
};

struct LoopCensusLimits {
    std::size_t max_count = 100'000;  // stop after this many loops (complete = false)
    std::size_t max_listed = 0;       // keep the first this many in `listed`
    double max_seconds = 2.0;         // stop after this long (complete = false); 0: no limit
};

/// Counts the elementary circuits of the functional edges (sign != none), self-loops
/// included, by Johnson's algorithm (1975) run one strongly connected component at a
/// time. Cost O((V + E)(C + 1)) for C circuits found, bounded by `limits`; acyclic parts
/// cost O(V + E) in all. Circuits are found in order of their smallest variable.
/// Honours control's cancellation (throws Interrupted).
LoopCensus feedback_loops(const Network& net, const std::vector<Regulation>& edges, const LoopCensusLimits& limits,
                          const Control& control = {});

}  // namespace bitsig
