// SPDX-License-Identifier: MIT
// Exact asynchronous response over the whole state space of a step, as bitsets over 2^k.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "core/control.hpp"
#include "model/network.hpp"
#include "response/step.hpp"

namespace bitsig {

/// A start of a step as packed states (bit j = free variable j) with weights summing to 1.
using PackedStart = std::vector<std::pair<std::uint64_t, double>>;

/// What the whole-space method finds, attractors in discovery order.
struct DenseOutcome {
    std::vector<std::vector<std::uint64_t>> attractors;  // packed member states, ascending
    std::vector<std::vector<double>> probability;        // [start][attractor]
    std::vector<std::vector<bool>> reachable;            // [start][attractor]
    std::uint64_t explored_states = 0;                   // states reachable from some start
    std::uint64_t undetermined_states = 0;               // reachable states that can reach several attractors
    double max_error = 0;
};

/// The whole-space layout packs at most this many free variables (2^32 states).
constexpr std::size_t kMaxDenseVariables = 32;

/// Bytes the whole-space method needs for k free variables before absorption: one bitset of
/// 2^k bits per variable (its moves) and a few working sets.
std::uint64_t dense_step_bytes(std::size_t free_vars);

/// The asynchronous response of `reduced` (every variable free, at most kMaxDenseVariables)
/// from `starts`: attractors reachable, and the absorption probabilities of the uniform jump
/// chain. ResourceError (with advice) beyond `memory_budget` bytes.
DenseOutcome explore_dense(const Network& reduced, const std::vector<PackedStart>& starts, const StepLimits& limits,
                           std::uint64_t memory_budget, const Control& control);

}  // namespace bitsig
