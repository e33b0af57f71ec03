// SPDX-License-Identifier: MIT
// Small graphs only: the exhaustive searches give attractors; successors come from the
// same bit-parallel table, and basins are found by walking (synchronous) or by backward
// reachability from each attractor (asynchronous: a state reaching several attractors
// belongs to no single basin).
#include "attractor/state_graph.hpp"

#include <bit>
#include <map>

#include "analysis/reduce.hpp"
#include "attractor/exhaustive.hpp"
#include "core/error.hpp"

namespace bitsig {

StateGraph build_state_graph(const Network& net, UpdateScheme update, const Control& control) {
    Projection p = percolate(net);
    std::size_t k = p.kept.size();
    if (k > kMaxStateGraphVars) throw ResourceError(errors::state_graph_too_large(k, kMaxStateGraphVars));
    StateGraph g;
    std::uint64_t total = std::uint64_t{1} << k;
    Successors table = successor_table(p.reduced, update == UpdateScheme::asynchronous, control);
    for (std::uint64_t x = 0; x < total; ++x) g.states.push_back(p.expand(State::from_index(x, k)));
    for (std::uint64_t x = 0; x < total; ++x) {
        if (update == UpdateScheme::synchronous) {
            g.edges.push_back({static_cast<std::uint32_t>(x), table[x]});
        } else {
            for (std::size_t i = 0; i < k; ++i)
                if ((table[x] >> i) & 1)
                    g.edges.push_back({static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(x ^ (1u << i))});
        }
    }
    ExhaustiveOptions o;
    g.result = update == UpdateScheme::synchronous ? exhaustive_synchronous(p.reduced, o, control)
                                                   : exhaustive_asynchronous(p.reduced, o, control);
    g.attractor.assign(total, -1);
    g.basin.assign(total, -1);
    for (std::size_t a = 0; a < g.result.attractors.size(); ++a)
        for (const auto& s : g.result.attractors[a].states) g.attractor[s.index()] = static_cast<int>(a);
    // Basins: the set of attractors reachable from each state, by fixpoint iteration.
    std::vector<std::vector<std::uint32_t>> succ(total);
    for (auto [from, to] : g.edges) succ[from].push_back(to);
    std::vector<std::uint64_t> reach(total, 0);  // bit a: attractor a reachable (first 64)
    for (std::uint64_t x = 0; x < total; ++x)
        if (g.attractor[x] >= 0 && g.attractor[x] < 64) reach[x] = std::uint64_t{1} << g.attractor[x];
    for (bool changed = true; changed;) {
        changed = false;
        for (std::uint64_t x = 0; x < total; ++x)
            for (auto y : succ[x])
                if ((reach[x] | reach[y]) != reach[x]) {
                    reach[x] |= reach[y];
                    changed = true;
                }
    }
    for (std::uint64_t x = 0; x < total; ++x)
        if (reach[x] != 0 && (reach[x] & (reach[x] - 1)) == 0)
            g.basin[x] = static_cast<int>(std::countr_zero(reach[x]));
    for (auto& a : g.result.attractors)
        for (auto& s : a.states) s = p.expand(s);
    return g;
}

}  // namespace bitsig
