// SPDX-License-Identifier: MIT
// Every fixed point by SAT enumeration. A state x is a fixed point iff x_v <-> f_v(x) for
// every variable v, a formula linear in the size of the rules once Tseitin-encoded
// (Tseitin 1968); inputs (f_v = v) add nothing and constants add a unit clause. Each model
// the solver returns is a fixed point, and a blocking clause then excludes it before the
// next call, the classic incremental all-solutions loop; fixed points are the same for
// synchronous and asynchronous updating, which is why this is the `fixed-points` command.
//
// Blocking clauses are projected. In a fixed point, a variable outside a feedback vertex
// set of the regulatory graph (inputs counted as self-loops) is a function of the
// variables upstream of it, so fixing the feedback set fixes the whole state: every fixed
// point is determined by its values on that set, and blocking only those literals
// excludes exactly one fixed point. On signaling models the set is mostly the free inputs
// plus a few feedback variables, so clauses are short and propagate well. The feedback
// set is greedy (repeatedly drop variables with no incoming or no outgoing edge, then
// take the one with most in x out edges), since a minimum one is NP-hard and unnecessary.
//
// With many free inputs the count can be astronomical (each input combination may carry
// its own fixed point), so the loop stops at max_solutions with complete = false; memory
// is bounded by the states kept, and Control is polled on every iteration and inside the
// solver, so cancelling never waits for the enumeration to end.
#include "attractor/fixed_points.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

#include "sat/cnf.hpp"
#include "sat/solver.hpp"

namespace bitsig {

namespace {

/// Inputs plus a greedy feedback vertex set of the other variables, in model order: in a
/// fixed point these values determine all the others.
std::vector<std::uint32_t> decision_variables(const Network& net) {
    const auto n = static_cast<std::uint32_t>(net.num_vars());
    std::vector<std::uint32_t> decision;
    std::vector<std::vector<std::uint32_t>> in(n), out(n);
    std::vector<char> alive(n, 0);
    for (std::uint32_t v = 0; v < n; ++v) {
        if (net.is_input(VarId{v})) {
            decision.push_back(v);
            continue;
        }
        alive[v] = 1;
    }
    for (std::uint32_t v = 0; v < n; ++v) {
        if (!alive[v]) continue;
        for (VarId u : net.regulators(VarId{v}))
            if (alive[u.index]) {
                in[v].push_back(u.index);
                out[u.index].push_back(v);
            }
    }
    std::vector<std::size_t> indeg(n), outdeg(n);
    std::vector<std::uint32_t> queue;
    for (std::uint32_t v = 0; v < n; ++v) {
        indeg[v] = in[v].size();
        outdeg[v] = out[v].size();
        if (alive[v] && (indeg[v] == 0 || outdeg[v] == 0)) queue.push_back(v);
    }
    auto remove = [&](std::uint32_t v) {
        alive[v] = 0;
        for (auto w : out[v])
            if (alive[w] && --indeg[w] == 0) queue.push_back(w);
        for (auto w : in[v])
            if (alive[w] && --outdeg[w] == 0) queue.push_back(w);
    };
    while (true) {
        // Variables with no incoming or no outgoing edge lie on no cycle.
        while (!queue.empty()) {
            std::uint32_t v = queue.back();
            queue.pop_back();
            if (alive[v]) remove(v);
        }
        std::uint32_t best = n;
        std::size_t best_score = 0;
        for (std::uint32_t v = 0; v < n; ++v) {
            if (!alive[v]) continue;
            bool self_loop = std::find(in[v].begin(), in[v].end(), v) != in[v].end();
            std::size_t score = self_loop ? SIZE_MAX : indeg[v] * outdeg[v];
            if (best == n || score > best_score) {
                best = v;
                best_score = score;
            }
        }
        if (best == n) break;
        decision.push_back(best);
        remove(best);
    }
    std::sort(decision.begin(), decision.end());
    return decision;
}

}  // namespace

Result find_fixed_points(const Network& net, const FixedPointOptions& options, const Control& control) {
    Result result;
    result.method = "sat";
    result.update = UpdateScheme::synchronous;
    const std::size_t n = net.num_vars();

    sat::Solver solver;
    solver.set_terminator([&control] { return control.cancelled(); });
    std::vector<int> x(n);
    for (auto& lit : x) lit = solver.new_var();
    for (std::uint32_t v = 0; v < n; ++v) {
        if (net.is_input(VarId{v})) continue;
        sat::add_equivalence(solver, x[v], sat::encode_folded(solver, net.rule(VarId{v}), x));
    }

    const std::vector<std::uint32_t> decision = decision_variables(net);
    std::vector<int> block;
    block.reserve(decision.size());
    while (true) {
        control.check();
        if (!solver.solve()) break;
        if (result.attractors.size() >= options.max_solutions) {
            result.complete = false;
            result.notes.push_back("stopped after " + std::to_string(options.max_solutions) +
                                   " fixed points (max_solutions); there are more");
            break;
        }
        State s(n);
        for (std::uint32_t v = 0; v < n; ++v) s.set(v, solver.value(x[v]));
        block.clear();
        for (auto d : decision) block.push_back(s.get(d) ? -x[d] : x[d]);
        Attractor a;
        a.states.push_back(std::move(s));
        result.attractors.push_back(std::move(a));
        if (block.empty()) break;  // nothing free: the fixed point is unique
        solver.add_clause(block);
        if (result.attractors.size() % 1024 == 0)
            control.report(static_cast<double>(result.attractors.size()) / static_cast<double>(options.max_solutions),
                           std::to_string(result.attractors.size()) + " fixed points");
    }
    canonicalize(result.attractors, UpdateScheme::synchronous);
    control.report(1.0, std::to_string(result.attractors.size()) + " fixed points");
    return result;
}

}  // namespace bitsig
