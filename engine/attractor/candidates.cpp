// SPDX-License-Identifier: MIT
// Attractor candidates from a negative feedback vertex set (Trinh, Hiraishi and Benhamou
// 2022, as used by biobalm: Trinh, Benhamou, Pastva and Siegel 2024; the code is our own).
//
// The theorem: let U be a negative feedback vertex set of the signed regulatory graph and
// give each u in U a retained value r_u. Remove from the asynchronous state graph every
// move of a variable u in U away from r_u. Each attractor A of the full graph holds a
// fixed point of the reduced one (A is closed under the reduced moves too, so it holds an
// attractor of the reduced graph, the graph of the network whose rule for u is x_u | f_u
// for r_u = 1 and x_u & f_u for r_u = 0, and Trinh et al. prove, from Richard's theorem on
// negative cycles (Richard 2010), that those attractors are fixed points). Those fixed
// points are the states where every variable outside U agrees with its rule and each u in
// U either sits at r_u or agrees with its rule. They are enumerated here with CaDiCaL (Tseitin encoding of the rules,
// one blocking clause per solution), with a clause per trap space to avoid: an attractor
// outside those meets none of them.
//
// Candidates that are not in an attractor of interest are then dropped by random walks
// (the "simulation" step of biobalm): entering an avoided trap space, or reaching another
// candidate (which keeps the attractor covered), is proof enough; what survives goes to
// the exact symbolic check (symbolic/attractors.hpp).
#include "attractor/candidates.hpp"

#include <algorithm>
#include <numeric>
#include <random>
#include <unordered_set>

#include "sat/cnf.hpp"
#include "sat/solver.hpp"

namespace bitsig {

namespace {

// The share of inputs on which `rule` is true, estimated on random inputs (exact enough for
// a heuristic, and cheap for rules over dozens of regulators).
double true_share(const Expr& rule, std::size_t num_vars, std::mt19937_64& rng) {
    const std::vector<VarId> support = rule.support();
    std::vector<bool> x(num_vars, false);
    constexpr int samples = 256;
    int ones = 0;
    for (int i = 0; i < samples; ++i) {
        for (VarId v : support) x[v.index] = (rng() & 1) != 0;
        ones += evaluate(rule, x);
    }
    return static_cast<double>(ones) / samples;
}

}  // namespace

std::vector<bool> retained_values(const Network& net, const std::vector<std::uint32_t>& nfvs,
                                  const std::vector<Subspace>& avoid) {
    std::vector<bool> out(nfvs.size(), false), set(nfvs.size(), false);
    if (!avoid.empty()) {
        std::size_t best = 0, best_shared = SIZE_MAX;
        for (std::size_t i = 0; i < avoid.size(); ++i) {
            std::size_t shared = 0;
            for (auto u : nfvs) shared += avoid[i].is_fixed(u);
            if (shared < best_shared) {
                best = i;
                best_shared = shared;
            }
        }
        for (std::size_t j = 0; j < nfvs.size(); ++j)
            if (avoid[best].is_fixed(nfvs[j])) {
                out[j] = avoid[best].value(nfvs[j]);
                set[j] = true;
            }
    }
    std::mt19937_64 rng(7);
    for (std::size_t j = 0; j < nfvs.size(); ++j)
        if (!set[j]) out[j] = true_share(net.rule(VarId{nfvs[j]}), net.num_vars(), rng) > 0.5;
    return out;
}

std::optional<std::vector<State>> attractor_candidates(const Network& net, const std::vector<std::uint32_t>& nfvs,
                                                       const std::vector<bool>& retained,
                                                       const std::vector<Subspace>& avoid, std::size_t limit,
                                                       const Control& control) {
    const std::size_t k = net.num_vars();
    std::vector<int> retained_of(k, -1);  // -1: outside the set; else the retained value
    for (std::size_t j = 0; j < nfvs.size(); ++j) retained_of[nfvs[j]] = retained[j] ? 1 : 0;
    sat::Solver solver;
    solver.set_terminator([&control] { return control.cancelled(); });
    solver.set_default_phase(false);
    std::vector<int> x(k);
    for (auto& l : x) l = solver.new_var();
    for (std::uint32_t v = 0; v < k; ++v) {
        const int f = sat::encode_folded(solver, net.rule(VarId{v}), x);
        if (retained_of[v] < 0) {
            sat::add_equivalence(solver, x[v], f);
        } else {
            // Sitting at the retained value, or agreeing with the rule: x = r | f != r.
            const int at_retained = retained_of[v] ? x[v] : -x[v];
            const int rule_not_retained = retained_of[v] ? -f : f;
            sat::add_folded_clause(solver, std::vector<int>{at_retained, rule_not_retained});
        }
    }
    for (const auto& s : avoid) {
        std::vector<int> outside;
        for (std::size_t v = 0; v < k; ++v)
            if (s.is_fixed(v)) outside.push_back(s.value(v) ? -x[v] : x[v]);
        sat::add_folded_clause(solver, outside);  // empty: the whole space is avoided
    }
    std::vector<State> out;
    std::vector<int> block(k);
    while (solver.solve()) {
        control.check();
        if (out.size() >= limit) return std::nullopt;
        State s(k);
        for (std::size_t v = 0; v < k; ++v) {
            const bool one = solver.value(x[v]);
            s.set(v, one);
            block[v] = one ? -x[v] : x[v];
        }
        out.push_back(std::move(s));
        solver.add_clause(block);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<State> thin_candidates(const Network& net, std::vector<State> candidates,
                                   const std::vector<Subspace>& avoid, std::size_t rounds, std::uint64_t seed,
                                   const Control& control) {
    const std::size_t k = net.num_vars();
    std::mt19937_64 rng(seed);
    std::vector<std::uint32_t> order(k);
    std::iota(order.begin(), order.end(), 0u);
    auto avoided = [&](const State& s) {
        return std::any_of(avoid.begin(), avoid.end(), [&](const Subspace& a) { return a.contains(s); });
    };
    // Short walks first: most candidates fall into a child trap space at once, and the
    // walks grow only while they keep removing candidates.
    for (std::size_t limit = std::min<std::size_t>(64, rounds); !candidates.empty(); limit *= 2) {
        if (avoid.empty() && candidates.size() <= 1) break;
        const std::size_t before = candidates.size();
        std::unordered_set<State> pool(candidates.begin(), candidates.end());
        std::vector<State> kept;
        for (const State& c : candidates) {
            control.check();
            pool.erase(c);
            std::vector<bool> x = c.to_bools();
            State s = c;
            bool dropped = false;
            for (std::size_t round = 0; round < limit && !dropped; ++round) {
                std::shuffle(order.begin(), order.end(), rng);
                bool moved = false;
                for (auto v : order) {
                    const bool value = evaluate(net.rule(VarId{v}), x);
                    if (value != x[v]) {
                        x[v] = value;
                        s.flip(v);
                        moved = true;
                    }
                }
                dropped = pool.contains(s) || avoided(s);
                if (!moved) break;  // a fixed point outside `avoid`: an attractor
            }
            if (dropped) continue;
            pool.insert(s);
            kept.push_back(s);
        }
        candidates = std::move(kept);
        if (candidates.size() == before || limit >= rounds) break;
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    return candidates;
}

}  // namespace bitsig
