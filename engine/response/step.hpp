// SPDX-License-Identifier: MIT
// One step of a response, exactly: from groups of starting states, where does the network
// of this step take them, and with which probability?
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "attractor/attractor.hpp"
#include "model/network.hpp"

namespace bitsig {

/// Where one start of a step begins: states weighted uniformly (a state listed twice
/// counts twice). Full states of the network; the step's held variables are overwritten.
struct StartGroup {
    std::vector<State> states;
};

/// How an exact asynchronous step lays out its states: automatic chooses the whole space
/// (bitsets over 2^k, response/dense.hpp) when it fits and the reachable set is not small,
/// else the reachable states numbered as met, with an edge list (synchronous: always that),
/// and beyond what fits, decision diagrams (symbolic).
enum class StepLayout { automatic, whole_space, reachable, symbolic };

struct StepLimits {
    StepLayout layout = StepLayout::automatic;
    std::uint64_t reachable_first = std::uint64_t{1} << 16;  // automatic: states explored before switching
    std::uint64_t max_states = 0;  // explored states before ResourceError (0: from available memory)
    double memory_fraction = 0.5;  // of MemAvailable, when max_states is 0
    double tolerance = 1e-12;      // per transient component: unabsorbed share left
    std::uint64_t max_relaxations = std::uint64_t{1} << 31;  // Gauss-Seidel work before giving up
    // Beyond the explicit methods (automatic layout): symbolic reachability (decision
    // diagrams) with probabilities estimated by walks where they are not exact.
    bool symbolic = true;
    std::uint64_t symbolic_after = std::uint64_t{1} << 18;  // reachable states listed before switching
    std::size_t symbolic_max_nodes = std::size_t{1} << 23;
    double symbolic_seconds = 10;
    std::uint64_t samples = 10000;  // walks per start, where estimates are needed
    std::uint64_t seed = 1;
    std::uint64_t max_walk = 1000000;
};

struct StepOutcome {
    std::vector<Attractor> attractors;                // reached from some group; canonical, sorted, every state listed
    std::vector<std::vector<double>> probability;     // [group][attractor]
    std::vector<std::vector<bool>> reachable;         // [group][attractor]: a path exists
    std::uint64_t explored_states = 0;                // reachable states of the step's space
    std::size_t free_variables = 0;                   // variables the step does not hold
    double max_error = 0;                             // every probability is within this of the exact value
    bool whole_space = false;                         // explored over the whole space (bitsets)
    bool symbolic = false;                            // by decision diagrams
    bool probabilities_exact = true;                  // false: estimated by walks (symbolic)
    std::vector<std::vector<double>> standard_error;  // [group][attractor] when estimated
    std::uint64_t undetermined_walks = 0;
    std::string note;  // how the step was answered, when worth saying
};

/// Bytes one explored state costs (for memory guards and advice).
std::uint64_t step_bytes_per_state(UpdateScheme update);

/// Explores every state reachable from the groups in `perturbed` (held variables take their
/// values first) and returns the terminal components reached. Asynchronous: absorption
/// probabilities of the uniform jump chain; synchronous: the share of each group's states
/// whose trajectory ends in each attractor. Needs at most 64 free variables; ResourceError
/// (with advice) when the reachable set would not fit in memory.
StepOutcome explore_step(const Network& perturbed, UpdateScheme update, const std::vector<StartGroup>& groups,
                         const StepLimits& limits, const Control& control);

}  // namespace bitsig
