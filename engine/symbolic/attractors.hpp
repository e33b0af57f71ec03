// SPDX-License-Identifier: MIT
// Asynchronous attractors of a whole network over decision diagrams (BuDDy), for spaces too
// large to lay out state by state, optionally only those outside given trap spaces (the
// motif-avoidant attractors of a succession diagram's node).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/control.hpp"
#include "model/network.hpp"
#include "state/state.hpp"
#include "state/subspace.hpp"

namespace bitsig {

struct SymbolicAttractorOptions {
    std::size_t max_nodes = std::size_t{1} << 22;  // nodes created or alive before giving up
    double max_seconds = 20;                       // diagram work before giving up (0: none)
    std::uint64_t max_listed_states = 4096;        // states listed per attractor; larger ones are summarized
    std::uint64_t seed = 1;                        // pivot walks
    bool wiring_order = false;                     // diagram levels in wiring_order (async_graph.hpp), not model order
};

struct SymbolicAttractor {
    std::vector<State> states;  // every state, or the max_listed_states smallest (string order)
    double size = 0;            // number of states
    bool truncated = false;     // states lists only part of it
    Subspace space;             // the smallest subspace holding it
};

struct SymbolicAttractors {
    bool finished = false;                      // every attractor asked for is listed
    std::string stopped;                        // why not
    std::vector<SymbolicAttractor> attractors;  // each exact, even when not finished
    double unresolved_states = 0;               // states outside `avoid` that cannot reach it
};

/// The asynchronous attractors of `net` (every variable free, any number of them) that lie
/// in no subspace of `avoid`, each of which must be a trap space of `net` (an attractor
/// meeting one lies inside it). Exact: first every state that can reach `avoid` is
/// removed; what is left is closed under the moves and holds exactly the attractors asked
/// for, which forward and backward reachability then separate. finished is false when the
/// diagrams grew past the node or time budget; Control is polled (Interrupted).
SymbolicAttractors symbolic_async_attractors(const Network& net, const std::vector<Subspace>& avoid,
                                             const SymbolicAttractorOptions& options, const Control& control);

/// The asynchronous attractors of `net` outside the trap spaces `avoid` that hold a state
/// of `candidates`: all of them when every such attractor holds one (attractor/candidates.hpp).
/// Per candidate, one forward reachability that stops as soon as it meets `avoid` (then
/// the candidate is in no such attractor), else the attractor it reaches; no search over
/// the whole space. finished and stopped as for symbolic_async_attractors.
SymbolicAttractors symbolic_candidate_attractors(const Network& net, const std::vector<State>& candidates,
                                                 const std::vector<Subspace>& avoid,
                                                 const SymbolicAttractorOptions& options, const Control& control);

}  // namespace bitsig
