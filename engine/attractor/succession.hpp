// SPDX-License-Identifier: MIT
// Complete asynchronous attractors of networks beyond exhaustive size, by a succession
// diagram of trap spaces (Rozum et al. 2021; Trinh et al. 2023).
#pragma once

#include <cstddef>
#include <cstdint>

#include "attractor/attractor.hpp"
#include "model/network.hpp"

namespace bitsig {

struct SuccessionOptions {
    std::size_t max_nodes = 5000;       // diagram nodes expanded before giving up
    double max_seconds = 30;            // the whole walk, before giving up (0: no limit)
    std::size_t exhaustive_limit = 12;  // a node with at most this many free variables is searched state by state
    std::size_t max_children = 2000;    // maximal trap spaces of one node before giving up
    std::size_t max_diagram_nodes = std::size_t{1} << 22;  // decision-diagram nodes per symbolic search
    std::uint64_t max_listed_states = 4096;                // states listed per complex attractor
    // Attractor candidates (attractor/candidates.hpp) decide a node before any decision
    // diagram; past max_candidates of them the node's whole space is searched instead.
    bool use_candidates = true;
    std::size_t max_candidates = 1000;
    bool wiring_order = true;        // decision-diagram levels by the wiring (symbolic/async_graph.hpp)
    std::size_t walk_rounds = 1024;  // longest random walk thinning the candidates (rounds of every variable)
};

/// Every asynchronous attractor of `net` (best already percolated), with complete = true
/// only when the walk finished: then no attractor is missing. Otherwise the attractors
/// found so far (each exact), complete = false, timed_out when Control's deadline passed,
/// and a note saying which budget stopped it. Method: Algorithm::succession_diagram.
Result succession_attractors(const Network& net, const SuccessionOptions& options, const Control& control);

}  // namespace bitsig
