// SPDX-License-Identifier: MIT
// The moves of variable v are the states where v disagrees with its rule, M_v = x_v xor f_v;
// the successors of X through v are flip_v(X & M_v) and its predecessors M_v & flip_v(X),
// where flip_v exchanges the two cofactors of x_v. Reachability applies the moves one
// variable at a time and reuses each result at once (chaining, Roig et al. 1995), until
// nothing changes.
#include "symbolic/async_graph.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

#include "symbolic/rule_diagram.hpp"

namespace bitsig::symbolic {

AsyncGraph::AsyncGraph(const Network& net, std::size_t max_nodes, double max_seconds, const Control& control,
                       const std::vector<std::uint32_t>& order)
    : session_(net.num_vars(), max_nodes, max_seconds), k_(net.num_vars()), control_(control) {
    level_.resize(k_);
    var_.resize(k_);
    for (std::uint32_t l = 0; l < k_; ++l) {
        var_[l] = order.empty() ? l : order[l];
        level_[var_[l]] = static_cast<int>(l);
        identity_ = identity_ && var_[l] == l;
    }
    std::vector<bdd> variables;
    for (std::uint32_t u = 0; u < k_; ++u) variables.push_back(bdd_ithvar(level_[u]));
    for (std::uint32_t v = 0; v < k_; ++v) {
        bdd f = rule_diagram(net.rule(VarId{v}), variables);
        bdd x = bdd_ithvar(level_[v]);
        moves_.push_back(guarded([&] { return x ^ f; }));
    }
}

bdd AsyncGraph::literal(std::size_t v, bool value) const {
    return value ? bdd_ithvar(level_[v]) : bdd_nithvar(level_[v]);
}

bdd AsyncGraph::cube(std::uint64_t s) const {
    bdd c = bddtrue;
    for (std::size_t l = k_; l-- > 0;) {
        bdd lit = literal(var_[l], (s >> var_[l]) & 1);
        c = guarded([&] { return c & lit; });
    }
    return c;
}

bdd AsyncGraph::cube(const State& s) const { return cube(Subspace::of_state(s)); }

bdd AsyncGraph::cube(const Subspace& s) const {
    bdd c = bddtrue;
    for (std::size_t l = k_; l-- > 0;) {
        const std::size_t v = var_[l];
        if (!s.is_fixed(v)) continue;
        bdd lit = literal(v, s.value(v));
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
    bdd high = literal(v, true), low = literal(v, false);
    bdd zero = guarded([&] { return bdd_restrict(x, low); });
    bdd one = guarded([&] { return bdd_restrict(x, high); });
    return guarded([&] { return bdd_ite(high, zero, one); });
}

bool AsyncGraph::has(const bdd& f, const State& s) const {
    int r = f.id();
    while (r > 1) r = s.get(var_[static_cast<std::size_t>(bdd_var(r))]) ? bdd_high(r) : bdd_low(r);
    return r == 1;
}

State AsyncGraph::any_state(const bdd& f) const {
    State s(k_);
    int r = f.id();
    while (r > 1) {
        if (bdd_low(r) != 0) {
            r = bdd_low(r);
        } else {
            s.set(var_[static_cast<std::size_t>(bdd_var(r))], true);
            r = bdd_high(r);
        }
    }
    return s;
}

std::vector<std::uint32_t> wiring_order(const Network& net) {
    const auto n = static_cast<std::uint32_t>(net.num_vars());
    std::vector<std::vector<std::uint32_t>> next(n);
    for (std::uint32_t v = 0; v < n; ++v)
        for (VarId u : net.regulators(VarId{v}))
            if (u.index != v) {
                next[v].push_back(u.index);
                next[u.index].push_back(v);
            }
    for (auto& list : next) {
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
    }
    for (auto& list : next)
        std::stable_sort(list.begin(), list.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return next[a].size() < next[b].size(); });
    std::vector<std::uint32_t> by_degree(n), order;
    std::iota(by_degree.begin(), by_degree.end(), 0u);
    std::stable_sort(by_degree.begin(), by_degree.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return next[a].size() < next[b].size(); });
    std::vector<char> placed(n, 0);
    for (auto root : by_degree) {
        if (placed[root]) continue;
        placed[root] = 1;
        order.push_back(root);
        for (std::size_t head = order.size() - 1; head < order.size(); ++head)
            for (auto w : next[order[head]])
                if (!placed[w]) {
                    placed[w] = 1;
                    order.push_back(w);
                }
    }
    return order;
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
