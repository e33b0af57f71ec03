// SPDX-License-Identifier: MIT
// Terminal strongly connected components of the asynchronous state graph over decision
// diagrams, by forward and backward reachability only (Xie and Beerel 2000): from a pivot
// p, the forward set F is an attractor when every state of F reaches p back; otherwise the
// states of F that cannot reach p are closed under the moves and hold an attractor, and a
// pivot is taken there. Each attractor's basin is removed and the search goes on in what is
// left, which stays closed (a state that cannot reach an attractor has no successor that
// can), until nothing is left. Pivots come from a short random walk, which usually lands
// in an attractor at once and saves the inner iterations.
//
// With trap spaces to avoid (the children of a succession-diagram node; Rozum et al. 2021,
// Trinh et al. 2023), the search starts from the states that cannot reach any of them:
// that set is closed, and an attractor outside every trap space lies in it, since an
// attractor that reaches a trap space lies inside it. When it is empty, which is the
// common case, one backward reachability proves there is no motif-avoidant attractor.
#include "symbolic/attractors.hpp"

#include <algorithm>
#include <random>

#include "symbolic/async_graph.hpp"
#include "symbolic/rule_diagram.hpp"

namespace bitsig {

namespace {

using symbolic::guarded;
using symbolic::OverBudget;

// A random asynchronous walk: at each step a random variable takes its rule's value.
State walk(const Network& net, const State& from, std::size_t steps, std::mt19937_64& rng) {
    const std::size_t k = net.num_vars();
    if (k == 0) return from;
    std::vector<bool> x = from.to_bools();
    for (std::size_t t = 0; t < steps; ++t) {
        const std::size_t v = rng() % k;
        x[v] = evaluate(net.rule(VarId{static_cast<std::uint32_t>(v)}), x);
    }
    State s(k);
    for (std::size_t v = 0; v < k; ++v) s.set(v, x[v]);
    return s;
}

// Pivots for attractor_from: a state reached by a random walk from the set, long enough
// (8 steps per variable) to land in a terminal component most of the time, which keeps
// the pivot's forward set small. One generator per search, so a seed gives one answer.
class Pivots {
public:
    Pivots(const Network& net, std::uint64_t seed) : net_(net), rng_(seed), steps_(8 * net.num_vars() + 64) {}
    State operator()(const symbolic::AsyncGraph& graph, const bdd& set) {
        return walk(net_, graph.any_state(set), steps_, rng_);
    }

private:
    const Network& net_;
    std::mt19937_64 rng_;
    std::size_t steps_;
};

symbolic::AsyncGraph open_graph(const Network& net, const SymbolicAttractorOptions& o, const Control& control) {
    return symbolic::AsyncGraph(net, o.max_nodes, o.max_seconds, control,
                                o.wiring_order ? symbolic::wiring_order(net) : std::vector<std::uint32_t>{});
}

// Appends up to `limit` states of the diagram rooted at r, in string order (variable 0
// first, 0 before 1).
void list_states(int r, std::size_t level, State& prefix, std::vector<State>& out, std::uint64_t limit) {
    if (r == 0 || out.size() >= limit) return;
    if (level == prefix.size()) {
        out.push_back(prefix);
        return;
    }
    const bool skipped = r == 1 || static_cast<std::size_t>(bdd_var(r)) > level;
    for (bool value : {false, true}) {
        prefix.set(level, value);
        list_states(skipped ? r : (value ? bdd_high(r) : bdd_low(r)), level + 1, prefix, out, limit);
    }
    prefix.set(level, false);
}

// The same in any order of the diagram's levels: variable by variable in model order, each
// value's part of the set by a restriction (a diagram operation per listed state and
// variable, so only for orders other than the model's).
void list_states(const bdd& f, std::size_t v, State& prefix, std::vector<State>& out, std::uint64_t limit,
                 const symbolic::AsyncGraph& graph) {
    if (f == bddfalse || out.size() >= limit) return;
    if (v == prefix.size()) {
        out.push_back(prefix);
        return;
    }
    for (bool value : {false, true}) {
        bdd lit = graph.literal(v, value);
        bdd part = guarded([&] { return bdd_restrict(f, lit); });
        prefix.set(v, value);
        list_states(part, v + 1, prefix, out, limit, graph);
    }
    prefix.set(v, false);
}

SymbolicAttractor describe(const bdd& attractor, const symbolic::AsyncGraph& graph, std::uint64_t limit) {
    const std::size_t k = graph.variables();
    SymbolicAttractor a;
    a.size = graph.count(attractor);
    State prefix(k);
    if (graph.in_model_order())
        list_states(attractor.id(), 0, prefix, a.states, limit);
    else
        list_states(attractor, 0, prefix, a.states, limit, graph);
    a.truncated = static_cast<double>(a.states.size()) < a.size;
    a.space = Subspace(k);
    for (std::size_t v = 0; v < k; ++v) {
        bdd one = graph.literal(v, true);
        bdd with_one = guarded([&] { return attractor & one; });
        bdd with_zero = guarded([&] { return attractor & !one; });
        if (with_one == bddfalse) a.space.fix(v, false);
        if (with_zero == bddfalse) a.space.fix(v, true);
    }
    return a;
}

std::string over_budget(const SymbolicAttractorOptions& o) {
    return "the decision diagrams grew past the budget of " + std::to_string(o.max_nodes) + " nodes or " +
           std::to_string(static_cast<long>(o.max_seconds)) + " s";
}

bdd union_of(const symbolic::AsyncGraph& graph, const std::vector<Subspace>& spaces) {
    bdd target = bddfalse;
    for (const auto& s : spaces) {
        bdd c = graph.cube(s);
        target = guarded([&] { return target | c; });
    }
    return target;
}

}  // namespace

SymbolicAttractors symbolic_async_attractors(const Network& net, const std::vector<Subspace>& avoid,
                                             const SymbolicAttractorOptions& o, const Control& control) {
    SymbolicAttractors out;
    Pivots pivots(net, o.seed);
    try {
        // Every diagram below is a local of this block, released before the graph's
        // session ends, on every way out.
        symbolic::AsyncGraph graph = open_graph(net, o, control);
        auto pivot_in = [&](const bdd& x) { return pivots(graph, x); };
        control.report(-1, "symbolic attractor search");
        bdd target = union_of(graph, avoid);
        bdd remaining = bddtrue;
        if (target != bddfalse) {
            bdd reaching = graph.backward(target, bddtrue);
            remaining = guarded([&] { return !reaching; });
        }
        out.unresolved_states = graph.count(remaining);
        while (remaining != bddfalse) {
            bdd attractor = graph.attractor_from(pivot_in(remaining), pivot_in);
            out.attractors.push_back(describe(attractor, graph, o.max_listed_states));
            bdd basin = graph.backward(attractor, remaining);
            remaining = guarded([&] { return remaining & !basin; });
            graph.tick();
        }
        out.finished = true;
    } catch (const OverBudget&) {
        out.stopped = over_budget(o);
    }
    return out;
}

SymbolicAttractors symbolic_candidate_attractors(const Network& net, const std::vector<State>& candidates,
                                                 const std::vector<Subspace>& avoid, const SymbolicAttractorOptions& o,
                                                 const Control& control) {
    SymbolicAttractors out;
    Pivots pivots(net, o.seed);
    try {
        symbolic::AsyncGraph graph = open_graph(net, o, control);
        auto pivot_in = [&](const bdd& x) { return pivots(graph, x); };
        control.report(-1, "symbolic check of attractor candidates");
        const bdd target = union_of(graph, avoid);
        std::vector<bdd> found;
        for (const State& c : candidates) {
            graph.tick();
            if (std::any_of(found.begin(), found.end(), [&](const bdd& a) { return graph.has(a, c); })) continue;
            bdd start = graph.cube(c);
            bdd ahead = graph.forward_until(start, target);
            if (guarded([&] { return ahead & target; }) != bddfalse) continue;  // it leaves for a trap space
            // `ahead` is closed and outside `avoid`: the attractor is ahead itself when the
            // candidate is in it, else one inside it (Xie and Beerel 2000).
            bdd back = graph.backward(start, ahead);
            bdd rest = guarded([&] { return ahead & !back; });
            bdd attractor = ahead;
            if (rest != bddfalse) {
                attractor = graph.attractor_from(pivot_in(rest), pivot_in);
                if (std::find(found.begin(), found.end(), attractor) != found.end()) continue;
            }
            found.push_back(attractor);
            out.attractors.push_back(describe(attractor, graph, o.max_listed_states));
        }
        found.clear();
        out.finished = true;
    } catch (const OverBudget&) {
        out.stopped = over_budget(o);
    }
    return out;
}

}  // namespace bitsig
