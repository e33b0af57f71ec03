// SPDX-License-Identifier: MIT
// The moves of variable v are the states where v disagrees with its rule, M_v = x_v xor f_v;
// the successors of X through v are flip_v(X & M_v) and its predecessors M_v & flip_v(X),
// where flip_v exchanges the two cofactors of x_v. Reachability applies the moves one
// variable at a time and reuses each result at once (chaining, Roig et al. 1995), until
// nothing changes.
#include "symbolic/async_graph.hpp"

#include <cmath>
#include <utility>

#include "symbolic/rule_diagram.hpp"

namespace bitsig::symbolic {

AsyncGraph::AsyncGraph(const Network& net, std::size_t max_nodes, double max_seconds, const Control& control)
    : session_(net.num_vars(), max_nodes, max_seconds), k_(net.num_vars()), control_(control) {
    std::vector<bdd> variables;
    for (std::uint32_t u = 0; u < k_; ++u) variables.push_back(bdd_ithvar(static_cast<int>(u)));
    for (std::uint32_t v = 0; v < k_; ++v) {
        bdd f = rule_diagram(net.rule(VarId{v}), variables);
        bdd x = bdd_ithvar(static_cast<int>(v));
        moves_.push_back(guarded([&] { return x ^ f; }));
    }
}

bdd AsyncGraph::cube(std::uint64_t s) const {
    bdd c = bddtrue;
    for (std::size_t v = k_; v-- > 0;) {
        bdd lit = (s >> v) & 1 ? bdd_ithvar(static_cast<int>(v)) : bdd_nithvar(static_cast<int>(v));
        c = guarded([&] { return c & lit; });
    }
    return c;
}

bdd AsyncGraph::cube(const State& s) const { return cube(Subspace::of_state(s)); }

bdd AsyncGraph::cube(const Subspace& s) const {
    bdd c = bddtrue;
    for (std::size_t v = k_; v-- > 0;) {
        if (!s.is_fixed(v)) continue;
        bdd lit = s.value(v) ? bdd_ithvar(static_cast<int>(v)) : bdd_nithvar(static_cast<int>(v));
        c = guarded([&] { return c & lit; });
    }
    return c;
}

bdd AsyncGraph::forward(bdd x) { return forward_until(std::move(x), bddfalse); }

bdd AsyncGraph::forward_until(bdd x, const bdd& stop) {
    const bool stopping = stop != bddfalse;
    for (;;) {
        bdd before = x;
        for (std::size_t v = 0; v < k_; ++v) {
            bdd movers = guarded([&] { return x & moves_[v]; });
            if (movers == bddfalse) continue;
            bdd next = flip(movers, v);
            x = guarded([&] { return x | next; });
            if (stopping && guarded([&] { return next & stop; }) != bddfalse) return x;
        }
        tick();
        if (x == before) return x;
    }
}

bdd AsyncGraph::backward(bdd x, const bdd& within) {
    for (;;) {
        bdd before = x;
        for (std::size_t v = 0; v < k_; ++v) {
            bdd from = flip(x, v);
            bdd movers = guarded([&] { return from & moves_[v]; });
            bdd inside = guarded([&] { return movers & within; });
            x = guarded([&] { return x | inside; });
        }
        tick();
        if (x == before) return x;
    }
}

double AsyncGraph::count(const bdd& x) const {
    return std::ldexp(bdd_satcount(x), -(bdd_varnum() - static_cast<int>(k_)));
}

void AsyncGraph::tick() {
    control_.check();
    if (session_.exhausted()) throw OverBudget{};
}

bdd AsyncGraph::flip(const bdd& x, std::size_t v) {
    bdd high = bdd_ithvar(static_cast<int>(v)), low = bdd_nithvar(static_cast<int>(v));
    bdd zero = guarded([&] { return bdd_restrict(x, low); });
    bdd one = guarded([&] { return bdd_restrict(x, high); });
    return guarded([&] { return bdd_ite(high, zero, one); });
}

bool contains(const bdd& f, std::uint64_t s) {
    int r = f.id();
    while (r > 1) r = (s >> bdd_var(r)) & 1 ? bdd_high(r) : bdd_low(r);
    return r == 1;
}

bool contains(const bdd& f, const State& s) {
    int r = f.id();
    while (r > 1) r = s.get(static_cast<std::size_t>(bdd_var(r))) ? bdd_high(r) : bdd_low(r);
    return r == 1;
}

State some_state(const bdd& f, std::size_t variables) {
    State s(variables);
    int r = f.id();
    while (r > 1) {
        if (bdd_low(r) != 0) {
            r = bdd_low(r);
        } else {
            s.set(static_cast<std::size_t>(bdd_var(r)), true);
            r = bdd_high(r);
        }
    }
    return s;
}

}  // namespace bitsig::symbolic
