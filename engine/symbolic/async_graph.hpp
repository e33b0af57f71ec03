// SPDX-License-Identifier: MIT
// The asynchronous state graph of a network over decision diagrams (BuDDy): sets of states,
// their successors and predecessors, under one budgeted Session. Only engine/symbolic/*.cpp
// include this header (it exposes BuDDy's types).
#pragma once

#include <bdd.h>

#include <cstdint>
#include <vector>

#include "core/control.hpp"
#include "model/network.hpp"
#include "state/state.hpp"
#include "state/subspace.hpp"
#include "symbolic/bdd.hpp"
#include "symbolic/rule_diagram.hpp"  // guarded

namespace bitsig::symbolic {

/// Diagram variable v is network variable v, at level v unless an order is given (order[l]
/// = the network variable at level l). Every operation runs under the Session's node and
/// time budget and throws OverBudget past it; tick() also polls Control (Interrupted).
class AsyncGraph {
public:
    AsyncGraph(const Network& net, std::size_t max_nodes, double max_seconds, const Control& control,
               const std::vector<std::uint32_t>& order = {});

    std::size_t variables() const { return k_; }
    /// The state whose variable v is bit v of `s` (at most 64 variables).
    bdd cube(std::uint64_t s) const;
    bdd cube(const State& s) const;
    /// The states of a subspace.
    bdd cube(const Subspace& s) const;
    /// Every state reachable from x (x included).
    bdd forward(bdd x);
    /// Like forward, but returns as soon as the set reached meets `stop` (then only part
    /// of the reachable set, which meets `stop`).
    bdd forward_until(bdd x, const bdd& stop);
    /// Every state of `within` that reaches x through states of `within` (x included).
    bdd backward(bdd x, const bdd& within);
    /// The attractor (terminal strongly connected component) reached from `pivot` (Xie and
    /// Beerel 2000): the pivot's forward set when every state of it reaches the pivot back;
    /// otherwise the forward states that cannot are closed and hold one, and
    /// `pivot_in(rest)` picks the next pivot among them.
    template <class Pivot, class PivotIn>
    bdd attractor_from(Pivot pivot, PivotIn pivot_in) {
        for (;;) {
            bdd c = cube(pivot);
            bdd ahead = forward(c);
            bdd back = backward(c, ahead);
            bdd rest = guarded([&] { return ahead & !back; });
            if (rest == bddfalse) return ahead;
            pivot = pivot_in(rest);
        }
    }
    /// The number of states of x.
    double count(const bdd& x) const;
    /// The diagram of x_v = value.
    bdd literal(std::size_t v, bool value) const;
    /// Whether the diagrams follow the network's order (level v = variable v).
    bool in_model_order() const { return identity_; }
    /// True when state `s` is in f.
    bool has(const bdd& f, const State& s) const;
    /// Some state of f (f not empty); variables the path skips are 0.
    State any_state(const bdd& f) const;
    /// Polls Control and the Session's budget between two operations.
    void tick();

private:
    bdd flip(const bdd& x, std::size_t v);

    Session session_;  // first: every diagram below is released before it ends
    std::size_t k_;
    const Control& control_;
    std::vector<int> level_;          // level_[v]: the diagram variable of network variable v
    std::vector<std::uint32_t> var_;  // its inverse
    bool identity_ = true;
    std::vector<bdd> moves_;  // moves_[v]: the states where v disagrees with its rule
};

/// A breadth-first order of the regulatory graph (edges both ways, low degree first, after
/// Cuthill and McKee 1969): variables that read each other sit at nearby levels, which
/// keeps the diagrams of their joint moves small.
std::vector<std::uint32_t> wiring_order(const Network& net);

/// True when state `s` (bit v = variable v) is in f.
bool contains(const bdd& f, std::uint64_t s);
bool contains(const bdd& f, const State& s);
/// Some state of f (f not empty); variables the path skips are 0.
State some_state(const bdd& f, std::size_t variables);

}  // namespace bitsig::symbolic
