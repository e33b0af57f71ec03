// SPDX-License-Identifier: MIT
// Tseitin encoding (Tseitin 1968). Every live operator node of a rule gets a fresh gate
// variable g with clauses stating g <-> op(children): for an n-ary conjunction
// (-g | l_i) for each child and (g | -l_1 | ... | -l_n); a disjunction is the conjunction
// of the negated children, negated; an exclusive-or is a chain of binary parity gates
// (four clauses each) rather than its 2^(n-1) clause expansion; a negation is free.
// Rules are flat vectors in topological order, so one forward pass over the node indices
// encodes children before parents with no recursion, whatever the nesting depth.
//
// Constants fold while encoding: true_literal is a sentinel that never reaches the solver,
// so substituted or perturbed rules shrink instead of producing gates over constants, and
// duplicate or complementary children (x & x, x | !x, x ^ x) fold as well.
#include "sat/cnf.hpp"

#include <algorithm>
#include <cassert>
#include <cstdlib>

namespace bitsig::sat {

namespace {

bool is_constant(int lit) { return lit == true_literal || lit == -true_literal; }

// A conjunction of folded literals; `lits` is scratch and is reordered.
int encode_and(Solver& solver, std::vector<int>& lits) {
    std::erase(lits, true_literal);
    if (std::find(lits.begin(), lits.end(), -true_literal) != lits.end()) return -true_literal;
    std::sort(lits.begin(), lits.end(), [](int a, int b) { return std::abs(a) < std::abs(b) || (std::abs(a) == std::abs(b) && a < b); });
    lits.erase(std::unique(lits.begin(), lits.end()), lits.end());
    for (std::size_t k = 1; k < lits.size(); ++k)
        if (lits[k] == -lits[k - 1]) return -true_literal;  // x & !x
    if (lits.empty()) return true_literal;
    if (lits.size() == 1) return lits.front();
    int g = solver.new_var();
    std::vector<int> big{g};
    for (int l : lits) {
        solver.add_clause({-g, l});
        big.push_back(-l);
    }
    solver.add_clause(big);
    return g;
}

// Parity of folded literals; `lits` is scratch and is reordered.
int encode_parity(Solver& solver, std::vector<int>& lits) {
    bool flip = false;
    std::vector<int> vars;
    for (int l : lits) {
        if (l == true_literal) flip = !flip;
        else if (l == -true_literal) continue;
        else {
            if (l < 0) flip = !flip;
            vars.push_back(std::abs(l));
        }
    }
    // x ^ x = 0: keep each variable that occurs an odd number of times.
    std::sort(vars.begin(), vars.end());
    std::vector<int> odd;
    for (std::size_t k = 0; k < vars.size();) {
        std::size_t j = k;
        while (j < vars.size() && vars[j] == vars[k]) ++j;
        if ((j - k) % 2 == 1) odd.push_back(vars[k]);
        k = j;
    }
    int acc = -true_literal;
    for (int v : odd) acc = encode_xor(solver, acc, v);
    return flip ? -acc : acc;
}

}  // namespace

int encode_xor(Solver& solver, int a, int b) {
    if (a == -true_literal) return b;
    if (a == true_literal) return -b;
    if (b == -true_literal) return a;
    if (b == true_literal) return -a;
    if (a == b) return -true_literal;
    if (a == -b) return true_literal;
    int g = solver.new_var();
    solver.add_clause({-g, a, b});
    solver.add_clause({-g, -a, -b});
    solver.add_clause({g, -a, b});
    solver.add_clause({g, a, -b});
    return g;
}

int encode_folded(Solver& solver, const Expr& rule, const std::vector<int>& var_lits) {
    const std::uint32_t root = rule.root();
    // Only nodes reachable from the root are encoded (rebuilt rules may hold dead nodes).
    std::vector<char> live(root + 1, 0);
    live[root] = 1;
    for (std::uint32_t i = root + 1; i-- > 0;)
        if (live[i])
            for (auto c : rule.children(i)) live[c] = 1;

    std::vector<int> lit(root + 1, 0);
    std::vector<int> scratch;
    for (std::uint32_t i = 0; i <= root; ++i) {
        if (!live[i]) continue;
        const ExprNode& n = rule.node(i);
        auto kids = rule.children(i);
        switch (n.op) {
        case Op::constant: lit[i] = n.value ? true_literal : -true_literal; break;
        case Op::variable:
            assert(n.var.index < var_lits.size());
            lit[i] = var_lits[n.var.index];
            break;
        case Op::negation: lit[i] = -lit[kids[0]]; break;
        case Op::conjunction:
            scratch.clear();
            for (auto c : kids) scratch.push_back(lit[c]);
            lit[i] = encode_and(solver, scratch);
            break;
        case Op::disjunction:  // a | b = !(!a & !b)
            scratch.clear();
            for (auto c : kids) scratch.push_back(-lit[c]);
            lit[i] = -encode_and(solver, scratch);
            break;
        case Op::exclusive_or:
            scratch.clear();
            for (auto c : kids) scratch.push_back(lit[c]);
            lit[i] = encode_parity(solver, scratch);
            break;
        }
    }
    return lit[root];
}

int encode(Solver& solver, const Expr& rule, const std::vector<int>& var_lits) {
    int lit = encode_folded(solver, rule, var_lits);
    if (!is_constant(lit)) return lit;
    // Callers of encode expect a real literal: pin a fresh variable to the constant.
    int v = solver.new_var();
    solver.add_clause({lit == true_literal ? v : -v});
    return v;
}

void add_folded_clause(Solver& solver, std::span<const int> literals) {
    std::vector<int> clause;
    clause.reserve(literals.size());
    for (int l : literals) {
        if (l == true_literal) return;
        if (l != -true_literal) clause.push_back(l);
    }
    solver.add_clause(clause);
}

void add_equivalence(Solver& solver, int a, int b) {
    if (a == b) return;
    add_folded_clause(solver, std::vector<int>{-a, b});
    add_folded_clause(solver, std::vector<int>{a, -b});
}

bool equivalent(const Expr& a, const Expr& b, std::size_t num_vars) {
    // Miter: the rules differ somewhere iff a XOR b is satisfiable.
    Solver solver;
    std::vector<int> var_lits(num_vars);
    for (auto& l : var_lits) l = solver.new_var();
    int differ = encode_xor(solver, encode_folded(solver, a, var_lits), encode_folded(solver, b, var_lits));
    if (is_constant(differ)) return differ == -true_literal;
    solver.add_clause({differ});
    return !solver.solve();
}

}  // namespace bitsig::sat
