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
// Some models are exported truth tables: BBM's budding-yeast, colorectal and lymph-node
// models carry DNFs of up to 400 kB per rule. A rule whose normal form is large is also
// built as a reduced ordered binary decision diagram (Bryant 1986, by the apply algorithm
// with a budget on operations) and encoded as one if-then-else per diagram node when that
// is smaller, typically by a factor of a hundred.
//
// Constants fold while encoding: true_literal is a sentinel that never reaches the solver,
// so substituted or perturbed rules shrink instead of producing gates over constants, and
// duplicate or complementary inputs (x & x, x | !x, x ^ x) fold as well.
#include "sat/cnf.hpp"

#include <algorithm>
#include <cassert>
#include <cstdlib>
#include <optional>
#include <unordered_map>
#include <utility>

namespace bitsig::sat {

namespace {

bool is_constant(int lit) { return lit == true_literal || lit == -true_literal; }

// A conjunction of folded literals; `lits` is scratch and is reordered.
int encode_and(Solver& solver, std::vector<int>& lits) {
    std::erase(lits, true_literal);
    if (std::find(lits.begin(), lits.end(), -true_literal) != lits.end()) return -true_literal;
    std::sort(lits.begin(), lits.end(),
              [](int a, int b) { return std::abs(a) < std::abs(b) || (std::abs(a) == std::abs(b) && a < b); });
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
        if (l == true_literal)
            flip = !flip;
        else if (l == -true_literal)
            continue;
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

// uses[i]: how many operator inputs node i ends up as. A negation passes its own uses on to
// its child, since it only flips the edge. A node used once can be merged into a parent of
// the same kind.
std::vector<std::uint32_t> count_uses(const Expr& rule) {
    const std::uint32_t root = rule.root();
    std::vector<std::uint32_t> uses(root + 1, 0);
    uses[root] = 1;
    for (std::uint32_t i = root + 1; i-- > 0;) {
        if (uses[i] == 0) continue;
        const bool negation = rule.node(i).op == Op::negation;
        for (auto c : rule.children(i)) uses[c] += negation ? uses[i] : 1;
    }
    return uses;
}

// The normal form of one rule, built in one forward pass over its nodes.
class Normalizer {
public:
    explicit Normalizer(const Expr& rule)
        : rule_(rule), uses_(count_uses(rule)), value_(rule.root() + 1), pending_(rule.root() + 1) {}

    NormalRule run() {
        const std::uint32_t root = rule_.root();
        for (std::uint32_t i = 0; i <= root; ++i) {
            if (uses_[i] == 0) continue;
            const ExprNode& n = rule_.node(i);
            switch (n.op) {
            case Op::constant:
                value_[i].ref = Ref{Kind::constant, !n.value, 0};
                continue;
            case Op::variable:
                value_[i].ref = Ref{Kind::variable, false, n.var.index};
                continue;
            case Op::negation:
                value_[i] = value_[rule_.children(i)[0]];
                value_[i].ref.negated = !value_[i].ref.negated;
                continue;
            default:
                operator_node(i, n.op);
            }
        }
        out_.root = as_ref(value_[root]);
        return std::move(out_);
    }

private:
    using Ref = NormalRule::Ref;
    using Kind = NormalRule::Kind;
    // A node's value: a Ref, or a gate not yet emitted (pending), so that a parent of the
    // same kind can take over its inputs instead.
    struct Value {
        Ref ref;
        bool pending = false;
    };
    struct Pending {
        bool parity = false;
        std::vector<Ref> inputs;
        std::uint32_t gate = UINT32_MAX;  // index in out_.gates once emitted
    };

    std::uint32_t emit(std::uint32_t node) {
        Pending& p = pending_[node];
        if (p.gate == UINT32_MAX) {
            p.gate = static_cast<std::uint32_t>(out_.gates.size());
            out_.gates.push_back(NormalRule::Gate{p.parity, std::move(p.inputs)});
        }
        return p.gate;
    }
    Ref as_ref(const Value& v) {
        if (!v.pending) return v.ref;
        return Ref{Kind::gate, v.ref.negated, emit(v.ref.index)};
    }

    // A conjunction, disjunction or parity: a | b | ... is !(!a & !b & ...); parities fold
    // constants and negations into `flip`.
    void operator_node(std::uint32_t i, Op op) {
        const bool parity = op == Op::exclusive_or;
        const bool negate_inputs = op == Op::disjunction;
        bool flip = negate_inputs;
        bool absorbed = false;  // a false input decided the conjunction
        std::vector<Ref> inputs;
        for (auto c : rule_.children(i)) {
            Value v = value_[c];
            if (negate_inputs) v.ref.negated = !v.ref.negated;
            if (v.ref.kind == Kind::constant && !v.pending) {
                const bool truth = !v.ref.negated;
                if (parity)
                    flip ^= truth;
                else if (!truth)
                    absorbed = true;
                continue;
            }
            if (parity && !v.pending) {
                flip ^= v.ref.negated;
                v.ref.negated = false;
            }
            if (mergeable(v, parity)) {
                // Merge: the child's inputs become ours (parities also take its negation).
                if (parity) flip ^= v.ref.negated;
                std::vector<Ref>& theirs = pending_[v.ref.index].inputs;
                if (inputs.empty())
                    inputs = std::move(theirs);
                else
                    inputs.insert(inputs.end(), theirs.begin(), theirs.end());
                continue;
            }
            Ref r = as_ref(v);
            if (parity) {
                flip ^= r.negated;
                r.negated = false;
            }
            inputs.push_back(r);
        }
        settle(i, parity, flip, absorbed, std::move(inputs));
    }

    // A pending gate of the same kind used only here, not yet emitted, and (for a
    // conjunction) not negated.
    bool mergeable(const Value& v, bool parity) const {
        return v.pending && uses_[v.ref.index] == 1 && pending_[v.ref.index].parity == parity &&
               pending_[v.ref.index].gate == UINT32_MAX && (parity || !v.ref.negated);
    }

    // Node i's value once its inputs are gathered: a constant, its one input, or a pending gate.
    void settle(std::uint32_t i, bool parity, bool flip, bool absorbed, std::vector<Ref> inputs) {
        if (!parity && absorbed) {
            value_[i].ref = Ref{Kind::constant, !flip, 0};  // false, negated for a disjunction
        } else if (inputs.empty()) {
            value_[i].ref = Ref{Kind::constant, parity ? !flip : flip, 0};
        } else if (inputs.size() == 1) {
            value_[i].ref = inputs.front();
            value_[i].ref.negated = value_[i].ref.negated != flip;
        } else {
            pending_[i].parity = parity;
            pending_[i].inputs = std::move(inputs);
            value_[i] = Value{Ref{Kind::gate, flip, i}, true};
        }
    }

    const Expr& rule_;
    std::vector<std::uint32_t> uses_;
    std::vector<Value> value_;
    std::vector<Pending> pending_;
    NormalRule out_;
};

NormalRule normalize_tree(const Expr& rule) { return Normalizer(rule).run(); }

std::size_t total_inputs(const NormalRule& r) {
    std::size_t total = 0;
    for (const auto& g : r.gates) total += g.inputs.size();
    return total;
}

// The workspace in which decision_diagram() builds a rule's DecisionDiagram: reduced
// ordered binary decision diagrams (Bryant 1986) by the apply algorithm, nodes by level in
// the variable order, with a unique table, a computed table and a budget on operations.
// It is not BuDDy (symbolic/bdd.hpp): one small diagram per rule, thrown away once the
// DecisionDiagram is read out of it.
class DiagramBuilder {
public:
    static constexpr std::uint32_t kFalse = 0, kTrue = 1;
    struct Node {
        std::uint32_t level;  // position in the variable order; terminals are below all
        std::uint32_t lo, hi;
    };

    DiagramBuilder(std::uint32_t levels, std::size_t budget) : budget_(budget) {
        nodes_.push_back(Node{levels, kFalse, kFalse});
        nodes_.push_back(Node{levels, kTrue, kTrue});
    }

    bool exhausted() const { return steps_ > budget_; }
    const Node& node(std::uint32_t id) const { return nodes_[id]; }
    std::uint32_t variable(std::uint32_t level) { return make(level, kFalse, kTrue); }

    /// a op b for op in {conjunction, disjunction, exclusive_or}; kFalse once exhausted.
    /// Recursion depth is bounded by the number of levels.
    std::uint32_t apply(Op op, std::uint32_t a, std::uint32_t b) {
        if (++steps_ > budget_) return kFalse;
        switch (op) {
        case Op::conjunction:
            if (a == kFalse || b == kFalse) return kFalse;
            if (a == kTrue) return b;
            if (b == kTrue || a == b) return a;
            break;
        case Op::disjunction:
            if (a == kTrue || b == kTrue) return kTrue;
            if (a == kFalse) return b;
            if (b == kFalse || a == b) return a;
            break;
        default:
            if (a == kFalse) return b;
            if (b == kFalse) return a;
            if (a == b) return kFalse;
            break;
        }
        if (a > b) std::swap(a, b);  // all three operations are commutative
        const std::uint64_t operation = static_cast<std::uint64_t>(op) << 32 | a;
        if (const std::uint32_t found = computed_.find(operation, b); found != Table::kAbsent) return found;
        const Node na = nodes_[a], nb = nodes_[b];
        const std::uint32_t top = std::min(na.level, nb.level);
        const std::uint32_t lo = apply(op, na.level == top ? na.lo : a, nb.level == top ? nb.lo : b);
        const std::uint32_t hi = apply(op, na.level == top ? na.hi : a, nb.level == top ? nb.hi : b);
        const std::uint32_t r = make(top, lo, hi);
        computed_.insert(operation, b, r);
        return r;
    }

    std::uint32_t negate(std::uint32_t a) { return apply(Op::exclusive_or, a, kTrue); }

private:
    // Open addressing with linear probing over a power-of-two table. With the node-based
    // std::unordered_map, the map and the allocator took about 60% of the build of BBM
    // 248's 23-regulator rule (which runs to the budget); the fixed-point listings of 248
    // and 256, where such rules are built, got about a fifth faster.
    class Table {
    public:
        Table() : slots_(1024) {}
        /// The value stored under (a, b), or kAbsent.
        std::uint32_t find(std::uint64_t a, std::uint64_t b) const {
            for (std::size_t i = index(a, b);; i = (i + 1) & (slots_.size() - 1)) {
                const Slot& s = slots_[i];
                if (s.value == kAbsent || (s.a == a && s.b == b)) return s.value;
            }
        }
        void insert(std::uint64_t a, std::uint64_t b, std::uint32_t value) {
            if (2 * (used_ + 1) > slots_.size()) grow();
            place(a, b, value);
            ++used_;
        }
        static constexpr std::uint32_t kAbsent = UINT32_MAX;

    private:
        struct Slot {
            std::uint64_t a = 0, b = 0;
            std::uint32_t value = kAbsent;
        };
        std::size_t index(std::uint64_t a, std::uint64_t b) const {
            const std::uint64_t h = (a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full);
            return static_cast<std::size_t>(h ^ (h >> 29)) & (slots_.size() - 1);
        }
        void place(std::uint64_t a, std::uint64_t b, std::uint32_t value) {
            std::size_t i = index(a, b);
            while (slots_[i].value != kAbsent) i = (i + 1) & (slots_.size() - 1);
            slots_[i] = Slot{a, b, value};
        }
        void grow() {
            std::vector<Slot> old(slots_.size() * 2);
            old.swap(slots_);
            for (const Slot& s : old)
                if (s.value != kAbsent) place(s.a, s.b, s.value);
        }
        std::vector<Slot> slots_;
        std::size_t used_ = 0;
    };

    std::uint32_t make(std::uint32_t level, std::uint32_t lo, std::uint32_t hi) {
        if (lo == hi) return lo;
        const std::uint64_t children = static_cast<std::uint64_t>(lo) << 32 | hi;
        if (const std::uint32_t found = unique_.find(level, children); found != Table::kAbsent) return found;
        const auto id = static_cast<std::uint32_t>(nodes_.size());
        nodes_.push_back(Node{level, lo, hi});
        unique_.insert(level, children, id);
        return id;
    }

    std::size_t budget_;
    std::size_t steps_ = 0;
    std::vector<Node> nodes_;
    Table unique_;
    Table computed_;
};

// A diagram as normal-form gates: x ? hi : lo is !(!(x & hi) & !(!x & lo)), with cheaper
// shapes when a branch is constant.
NormalRule gates_of(const DecisionDiagram& d) {
    using Ref = NormalRule::Ref;
    using Kind = NormalRule::Kind;
    NormalRule out;
    auto negate = [](Ref r) {
        r.negated = !r.negated;
        return r;
    };
    auto conj = [&out](Ref a, Ref b) {
        out.gates.push_back(NormalRule::Gate{false, {a, b}});
        return Ref{Kind::gate, false, static_cast<std::uint32_t>(out.gates.size() - 1)};
    };
    constexpr std::uint32_t f = DecisionDiagram::kFalse, t = DecisionDiagram::kTrue;
    std::vector<Ref> ref(d.nodes.size(), Ref{Kind::constant, true, 0});
    ref[t] = Ref{Kind::constant, false, 0};
    for (std::uint32_t id = 2; id < d.nodes.size(); ++id) {
        const DecisionDiagram::Node& node = d.nodes[id];
        const Ref x{Kind::variable, false, node.var};
        const Ref lo = ref[node.lo], hi = ref[node.hi];
        if (node.lo == f && node.hi == t)
            ref[id] = x;
        else if (node.lo == t && node.hi == f)
            ref[id] = negate(x);
        else if (node.lo == f)
            ref[id] = conj(x, hi);
        else if (node.hi == f)
            ref[id] = conj(negate(x), lo);
        else if (node.hi == t)
            ref[id] = negate(conj(negate(x), negate(lo)));
        else if (node.lo == t)
            ref[id] = negate(conj(x, negate(hi)));
        else
            ref[id] = negate(conj(negate(conj(x, hi)), negate(conj(negate(x), lo))));
    }
    out.root = ref[d.root];
    return out;
}

}  // namespace

std::optional<DecisionDiagram> decision_diagram(const Expr& rule, std::size_t budget) {
    const std::uint32_t root = rule.root();
    std::vector<char> live(root + 1, 0);
    live[root] = 1;
    for (std::uint32_t i = root + 1; i-- > 0;)
        if (live[i])
            for (auto c : rule.children(i)) live[c] = 1;
    // Levels by first appearance (node order follows the text).
    std::unordered_map<std::uint32_t, std::uint32_t> level;
    std::vector<std::uint32_t> var_at;
    for (std::uint32_t i = 0; i <= root; ++i)
        if (live[i] && rule.node(i).op == Op::variable &&
            level.emplace(rule.node(i).var.index, static_cast<std::uint32_t>(var_at.size())).second)
            var_at.push_back(rule.node(i).var.index);

    DiagramBuilder d(static_cast<std::uint32_t>(var_at.size()), budget);
    std::vector<std::uint32_t> value(root + 1, DiagramBuilder::kFalse);
    for (std::uint32_t i = 0; i <= root && !d.exhausted(); ++i) {
        if (!live[i]) continue;
        const ExprNode& n = rule.node(i);
        auto kids = rule.children(i);
        switch (n.op) {
        case Op::constant:
            value[i] = n.value ? DiagramBuilder::kTrue : DiagramBuilder::kFalse;
            break;
        case Op::variable:
            value[i] = d.variable(level.at(n.var.index));
            break;
        case Op::negation:
            value[i] = d.negate(value[kids[0]]);
            break;
        default: {
            std::uint32_t acc = n.op == Op::conjunction ? DiagramBuilder::kTrue : DiagramBuilder::kFalse;
            for (auto c : kids) acc = d.apply(n.op, acc, value[c]);
            value[i] = acc;
        }
        }
    }
    if (d.exhausted()) return std::nullopt;

    // Keep the nodes the root reaches, renumbered children first (ids grow bottom-up).
    const std::uint32_t top = value[root];
    std::vector<std::uint32_t> id(top + 1, UINT32_MAX);
    id[top] = 0;
    for (std::uint32_t i = top + 1; i-- > 2;)
        if (id[i] != UINT32_MAX) id[d.node(i).lo] = id[d.node(i).hi] = 0;
    DecisionDiagram out;
    out.nodes.push_back({UINT32_MAX, DecisionDiagram::kFalse, DecisionDiagram::kFalse});
    out.nodes.push_back({UINT32_MAX, DecisionDiagram::kTrue, DecisionDiagram::kTrue});
    id[DiagramBuilder::kFalse] = DecisionDiagram::kFalse;
    if (top >= DiagramBuilder::kTrue) id[DiagramBuilder::kTrue] = DecisionDiagram::kTrue;
    for (std::uint32_t i = 2; i <= top; ++i) {
        if (id[i] == UINT32_MAX) continue;
        const DiagramBuilder::Node& node = d.node(i);
        id[i] = static_cast<std::uint32_t>(out.nodes.size());
        out.nodes.push_back({var_at[node.level], id[node.lo], id[node.hi]});
    }
    out.root = id[top];
    return out;
}

namespace {

// Small trees are kept as they are: their diagram would not be smaller.
constexpr std::size_t kDiagramWorthGates = 64;

NormalRule smaller_of(NormalRule tree, const std::optional<DecisionDiagram>& diagram) {
    if (tree.gates.size() < kDiagramWorthGates || !diagram) return tree;
    NormalRule gates = gates_of(*diagram);
    return total_inputs(gates) < total_inputs(tree) ? gates : tree;
}

}  // namespace

NormalRule normalize(const Expr& rule) {
    NormalRule tree = normalize_tree(rule);
    if (tree.gates.size() < kDiagramWorthGates) return tree;
    return smaller_of(std::move(tree), decision_diagram(rule));
}

NormalRule normalize(const Expr& rule, const std::optional<DecisionDiagram>& diagram) {
    return smaller_of(normalize_tree(rule), diagram);
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
