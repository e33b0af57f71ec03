// SPDX-License-Identifier: MIT
// Tseitin encoding (Tseitin 1968). A rule is first put in a normal form of n-ary
// conjunctions and parities with negated edges (a disjunction is a negated conjunction of
// negated inputs), merging directly nested operators of one kind: models exported from
// other tools write a DNF as `((((a & b) & c) & d) | ...)`, and merging turns its chains of
// binary nodes into one gate per term. Each gate g then gets clauses stating
// g <-> op(inputs): for a conjunction (-g | l_i) for each input and (g | -l_1 | ... | -l_n);
// a parity is a chain of binary exclusive-ors (four clauses each) rather than its
// 2^(n-1)-clause expansion; negation is free. Rules are flat vectors in topological order,
// so one forward pass over node indices handles children before parents with no
// recursion, whatever the nesting depth.
//
// Constants fold while encoding: true_literal is a sentinel that never reaches the solver,
// so substituted or perturbed rules shrink instead of producing gates over constants, and
// duplicate or complementary inputs (x & x, x | !x, x ^ x) fold as well.
#include "sat/cnf.hpp"

#include <algorithm>
#include <cassert>
#include <cstdlib>
#include <unordered_map>
#include <utility>

#include "core/bits.hpp"

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

namespace {

NormalRule normalize_tree(const Expr& rule) {
    using Ref = NormalRule::Ref;
    using Kind = NormalRule::Kind;
    const std::uint32_t root = rule.root();
    // uses[i]: how many operator inputs node i ends up as. A negation passes its own uses
    // on to its child, since it only flips the edge. A node used once can be merged
    // into a parent of the same kind.
    std::vector<std::uint32_t> uses(root + 1, 0);
    uses[root] = 1;
    for (std::uint32_t i = root + 1; i-- > 0;) {
        if (uses[i] == 0) continue;
        const bool negation = rule.node(i).op == Op::negation;
        for (auto c : rule.children(i)) uses[c] += negation ? uses[i] : 1;
    }

    // A node's value: a Ref, or a gate not yet emitted (pending), so that a parent of the
    // same kind can take over its inputs instead.
    struct Value {
        Ref ref;
        bool pending = false;
    };
    struct Pending {
        bool parity = false;
        std::vector<Ref> inputs;
        std::uint32_t gate = UINT32_MAX;  // index in out.gates once emitted
    };
    NormalRule out;
    std::vector<Value> value(root + 1);
    std::vector<Pending> pending(root + 1);
    auto emit = [&](std::uint32_t node) {
        Pending& p = pending[node];
        if (p.gate == UINT32_MAX) {
            p.gate = static_cast<std::uint32_t>(out.gates.size());
            out.gates.push_back(NormalRule::Gate{p.parity, std::move(p.inputs)});
        }
        return p.gate;
    };
    auto as_ref = [&](const Value& v) {
        if (!v.pending) return v.ref;
        return Ref{Kind::gate, v.ref.negated, emit(v.ref.index)};
    };

    for (std::uint32_t i = 0; i <= root; ++i) {
        if (uses[i] == 0) continue;
        const ExprNode& n = rule.node(i);
        auto kids = rule.children(i);
        switch (n.op) {
        case Op::constant: value[i].ref = Ref{Kind::constant, !n.value, 0}; continue;
        case Op::variable: value[i].ref = Ref{Kind::variable, false, n.var.index}; continue;
        case Op::negation:
            value[i] = value[kids[0]];
            value[i].ref.negated = !value[i].ref.negated;
            continue;
        default: break;
        }
        // a | b | ... is !(!a & !b & ...); parities fold constants and negations into `flip`.
        const bool parity = n.op == Op::exclusive_or;
        const bool negate_inputs = n.op == Op::disjunction;
        bool flip = negate_inputs;
        bool absorbed = false;  // a false input decided the conjunction
        std::vector<Ref> inputs;
        for (auto c : kids) {
            Value v = value[c];
            if (negate_inputs) v.ref.negated = !v.ref.negated;
            if (v.ref.kind == Kind::constant && !v.pending) {
                const bool truth = !v.ref.negated;
                if (parity) flip ^= truth;
                else if (!truth) absorbed = true;
                continue;
            }
            if (parity && !v.pending) {
                flip ^= v.ref.negated;
                v.ref.negated = false;
            }
            if (v.pending && uses[v.ref.index] == 1 && pending[v.ref.index].parity == parity &&
                pending[v.ref.index].gate == UINT32_MAX && (parity || !v.ref.negated)) {
                // Merge: the child's inputs become ours (parities also take its negation).
                if (parity) flip ^= v.ref.negated;
                std::vector<Ref>& theirs = pending[v.ref.index].inputs;
                if (inputs.empty()) inputs = std::move(theirs);
                else inputs.insert(inputs.end(), theirs.begin(), theirs.end());
                continue;
            }
            Ref r = as_ref(v);
            if (parity) {
                flip ^= r.negated;
                r.negated = false;
            }
            inputs.push_back(r);
        }
        if (!parity && absorbed) {
            value[i].ref = Ref{Kind::constant, !flip, 0};  // false, negated for a disjunction
        } else if (inputs.empty()) {
            value[i].ref = Ref{Kind::constant, parity ? !flip : flip, 0};
        } else if (inputs.size() == 1) {
            value[i].ref = inputs.front();
            value[i].ref.negated = value[i].ref.negated != flip;
        } else {
            pending[i].parity = parity;
            pending[i].inputs = std::move(inputs);
            value[i] = Value{Ref{Kind::gate, flip, i}, true};
        }
    }
    out.root = as_ref(value[root]);
    return out;
}

std::size_t total_inputs(const NormalRule& r) {
    std::size_t total = 0;
    for (const auto& g : r.gates) total += g.inputs.size();
    return total;
}

// Rules exported as truth tables (BBM's budding-yeast and colorectal models carry DNFs of
// hundreds of kilobytes over at most 14 regulators) are rebuilt from their truth table as
// a reduced ordered decision diagram (Bryant 1986), one if-then-else per node, which is
// typically a hundred times smaller than the DNF.
constexpr std::size_t kMaxTableVars = 16;
constexpr std::size_t kMaxTableWork = std::size_t{1} << 27;  // node x word evaluations

// The rule's truth table over `support`: bit a is the value when support[i] = bit i of a.
std::vector<Word> truth_table(const Expr& rule, const std::vector<VarId>& support) {
    const std::uint32_t root = rule.root();
    const std::size_t k = support.size();
    const std::size_t words = k <= 6 ? 1 : std::size_t{1} << (k - 6);
    std::vector<char> live(root + 1, 0);
    live[root] = 1;
    for (std::uint32_t i = root + 1; i-- > 0;)
        if (live[i])
            for (auto c : rule.children(i)) live[c] = 1;
    std::vector<std::uint32_t> position(root + 1, 0);  // support index of variable nodes
    for (std::uint32_t i = 0; i <= root; ++i)
        if (live[i] && rule.node(i).op == Op::variable)
            position[i] = static_cast<std::uint32_t>(
                std::lower_bound(support.begin(), support.end(), rule.node(i).var) - support.begin());
    std::vector<Word> table(words, 0), value(root + 1, 0);
    // One word of the table at a time keeps memory linear in the rule.
    for (std::size_t w = 0; w < words; ++w) {
        for (std::uint32_t i = 0; i <= root; ++i) {
            if (!live[i]) continue;
            const ExprNode& n = rule.node(i);
            auto kids = rule.children(i);
            Word r = 0;
            switch (n.op) {
            case Op::constant: r = broadcast(n.value); break;
            case Op::variable: {
                const std::uint32_t p = position[i];
                r = p < 6 ? low_variable_pattern(p) : broadcast((w >> (p - 6)) & 1);
                break;
            }
            case Op::negation: r = ~value[kids[0]]; break;
            case Op::conjunction:
                r = ~Word{0};
                for (auto c : kids) r &= value[c];
                break;
            case Op::disjunction:
                for (auto c : kids) r |= value[c];
                break;
            case Op::exclusive_or:
                for (auto c : kids) r ^= value[c];
                break;
            }
            value[i] = r;
        }
        table[w] = value[root];
    }
    if (k < 6) table[0] &= (Word{1} << (std::size_t{1} << k)) - 1;
    return table;
}

struct PairHash {
    std::size_t operator()(const std::pair<std::uint64_t, std::uint64_t>& p) const noexcept {
        return static_cast<std::size_t>((p.first * 0x9E3779B97F4A7C15ull) ^ p.second);
    }
};

// The decision diagram of a truth table, bottom-up (support[0] nearest the leaves), as
// normal-form gates: x ? hi : lo is !(!(x & hi) & !(!x & lo)), with the cheaper shapes
// when a branch is constant.
NormalRule from_truth_table(const std::vector<Word>& table, const std::vector<VarId>& support) {
    using Ref = NormalRule::Ref;
    using Kind = NormalRule::Kind;
    NormalRule out;
    const Ref true_ref{Kind::constant, false, 0};
    const Ref false_ref{Kind::constant, true, 0};
    auto is_true = [](const Ref& r) { return r.kind == Kind::constant && !r.negated; };
    auto is_false = [](const Ref& r) { return r.kind == Kind::constant && r.negated; };
    auto negate = [](Ref r) {
        r.negated = !r.negated;
        return r;
    };
    auto conj = [&out](Ref a, Ref b) {
        out.gates.push_back(NormalRule::Gate{false, {a, b}});
        return Ref{Kind::gate, false, static_cast<std::uint32_t>(out.gates.size() - 1)};
    };
    // Node identity for sharing: refs are compared by (kind, negated, index).
    auto key = [](const Ref& r) {
        return (static_cast<std::uint64_t>(r.index) << 3) | (static_cast<std::uint64_t>(r.kind) << 1) | (r.negated ? 1u : 0u);
    };
    std::vector<Ref> level;
    const std::size_t entries = std::size_t{1} << support.size();
    level.reserve(entries);
    for (std::size_t a = 0; a < entries; ++a) level.push_back((table[a / 64] >> (a % 64)) & 1 ? true_ref : false_ref);
    for (std::size_t j = 0; j < support.size(); ++j) {
        const Ref x{Kind::variable, false, support[j].index};
        std::unordered_map<std::pair<std::uint64_t, std::uint64_t>, Ref, PairHash> unique;  // (lo, hi) -> node
        std::vector<Ref> next(level.size() / 2);
        for (std::size_t b = 0; b < next.size(); ++b) {
            const Ref lo = level[2 * b], hi = level[2 * b + 1];
            if (key(lo) == key(hi)) {
                next[b] = lo;
                continue;
            }
            const std::pair<std::uint64_t, std::uint64_t> pair{key(lo), key(hi)};
            auto found = unique.find(pair);
            if (found != unique.end()) {
                next[b] = found->second;
                continue;
            }
            Ref r;
            if (is_false(lo) && is_true(hi)) r = x;
            else if (is_true(lo) && is_false(hi)) r = negate(x);
            else if (is_false(lo)) r = conj(x, hi);
            else if (is_false(hi)) r = conj(negate(x), lo);
            else if (is_true(hi)) r = negate(conj(negate(x), negate(lo)));
            else if (is_true(lo)) r = negate(conj(x, negate(hi)));
            else r = negate(conj(negate(conj(x, hi)), negate(conj(negate(x), lo))));
            unique.emplace(pair, r);
            next[b] = r;
        }
        level = std::move(next);
    }
    out.root = level.front();
    return out;
}

}  // namespace

NormalRule normalize(const Expr& rule) {
    NormalRule tree = normalize_tree(rule);
    if (tree.gates.size() < 64) return tree;
    const std::vector<VarId> support = rule.support();
    if (support.size() > kMaxTableVars) return tree;
    const std::size_t words = support.size() <= 6 ? 1 : std::size_t{1} << (support.size() - 6);
    if (words * rule.size() > kMaxTableWork) return tree;
    NormalRule diagram = from_truth_table(truth_table(rule, support), support);
    return total_inputs(diagram) < total_inputs(tree) ? diagram : tree;
}

int encode_normal(Solver& solver, const NormalRule& rule, const std::vector<int>& var_lits) {
    std::vector<int> gate_lit(rule.gates.size());
    auto lit_of = [&](const NormalRule::Ref& r) {
        int l = r.kind == NormalRule::Kind::constant   ? true_literal
                : r.kind == NormalRule::Kind::variable ? var_lits[r.index]
                                                       : gate_lit[r.index];
        return r.negated ? -l : l;
    };
    std::vector<int> scratch;
    for (std::size_t g = 0; g < rule.gates.size(); ++g) {
        scratch.clear();
        for (const auto& r : rule.gates[g].inputs) scratch.push_back(lit_of(r));
        gate_lit[g] = rule.gates[g].parity ? encode_parity(solver, scratch) : encode_and(solver, scratch);
    }
    return lit_of(rule.root);
}

int encode_folded(Solver& solver, const Expr& rule, const std::vector<int>& var_lits) {
    return encode_normal(solver, normalize(rule), var_lits);
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
