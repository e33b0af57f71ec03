// SPDX-License-Identifier: MIT
// Dual-rail encoding of trap spaces (the Boolean form of the siphon/trap view of Petri
// nets; Trinh, Benhamou, Hiraishi and Soliman 2022 for ASP, Klarner, Bockmayr and Siebert
// 2015 for the prime-implicant form). Each variable v gets two solver variables, one_v
// ("v may be 1 in S") and zero_v ("v may be 0"), with one_v | zero_v so that S is not
// empty. For v's rule f the encoding computes two literals: F1 "f is 1 somewhere in S" and
// F0 "f is 0 somewhere in S", and adds F1 -> one_v and F0 -> zero_v: a variable fixed to
// 1 needs a rule that is never 0 on S, and conversely. Only these implications are
// needed (Plaisted and Greenbaum 1986): the solver may set F1 or F0 higher than their true
// values, which only forbids subspaces, so the models projected on the rails are exactly
// the trap spaces once F1 and F0 are at least the truth.
//
// The whole difficulty is computing F1 and F0 exactly without a truth table or a
// prime-implicant list (a BBM rule over 57 regulators has a DNF of hundreds of thousands of
// terms). Three exact ways, cheapest first:
// - Unate circuits. When every variable occurs under one sign only in the rule's circuit
//   (sat::normalize: conjunctions with negated edges), the rule is monotone after renaming
//   and its maximum over S is its value at the corner of S where every free variable takes
//   its favourable value. Three-valued (Kleene) evaluation computes exactly that, gate by
//   gate: a conjunction may be 1 when all inputs may be 1 and may be 0 when one input may.
//   Nearly every BBM rule, including the 27-regulator ERBB rules and the NSP14 rule, is
//   unate, so this costs two literals per gate of the rule as written.
// - Decision diagrams. Every path of a reduced ordered diagram (Bryant 1986) tests each
//   variable at most once, so "some state of S reaches the 1 terminal" is a reachability
//   question that follows only the edges S allows: R1(node) <- (zero_x & R1(lo)) |
//   (one_x & R1(hi)). This is exact for any rule, and sat::decision_diagram already builds
//   the diagrams the other encodings use (with an operation budget).
// - Cofactors. A rule with mixed-sign variables whose diagram exceeds the budget is split
//   on its mixed-sign variables (Shannon expansion, f = x ? f|x=1 : f|x=0) until the
//   cofactors are unate, combining the halves as one diagram node does; the expansion is
//   exact at every level because a cofactor no longer depends on its split variable.
//   A gate budget bounds it (ResourceError), since it can grow exponentially.
//
// Literals are folded (sat::true_literal), so constants and perturbed rules shrink away.
#include "trapspace/encoding.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "core/error.hpp"
#include "sat/cnf.hpp"
#include "trapspace/rules.hpp"

namespace bitsig::trapspace {

namespace {

using sat::true_literal;

/// F1 and F0 of a rule or a gate (folded literals).
struct Reach {
    int one = -true_literal;
    int zero = -true_literal;
};

Reach constant_reach(bool value) {
    return value ? Reach{true_literal, -true_literal} : Reach{-true_literal, true_literal};
}

// A folded literal L with (l_1 & ... & l_k) -> L.
int implied_by_all(sat::Solver& solver, std::vector<int>& lits) {
    std::erase(lits, true_literal);
    if (std::find(lits.begin(), lits.end(), -true_literal) != lits.end()) return -true_literal;
    if (lits.empty()) return true_literal;
    if (lits.size() == 1) return lits.front();
    const int l = solver.new_var();
    std::vector<int> clause{l};
    for (int x : lits) clause.push_back(-x);
    solver.add_clause(clause);
    return l;
}

// A folded literal L with l_i -> L for every i.
int implied_by_any(sat::Solver& solver, std::vector<int>& lits) {
    std::erase(lits, -true_literal);
    if (std::find(lits.begin(), lits.end(), true_literal) != lits.end()) return true_literal;
    std::sort(lits.begin(), lits.end());
    lits.erase(std::unique(lits.begin(), lits.end()), lits.end());
    if (lits.empty()) return -true_literal;
    if (lits.size() == 1) return lits.front();
    const int l = solver.new_var();
    for (int x : lits) solver.add_clause({l, -x});
    return l;
}

// A folded literal L with (a & b) -> L and (c & d) -> L: one diagram node. Written out
// rather than through the two helpers above, since it runs once per node of every
// diagram a region's encoding walks.
int implied_by_branches(sat::Solver& solver, int a, int b, int c, int d) {
    struct Term {
        int lits[2];
        int size = 0;
    };
    Term terms[2];
    int count = 0;
    for (auto [x, y] : {std::pair{a, b}, std::pair{c, d}}) {
        if (x == -true_literal || y == -true_literal) continue;  // this branch is cut
        Term t;
        for (int l : {x, y})
            if (l != true_literal) t.lits[t.size++] = l;
        if (t.size == 0) return true_literal;  // an open branch to the terminal
        terms[count++] = t;
    }
    if (count == 0) return -true_literal;
    if (count == 1 && terms[0].size == 1) return terms[0].lits[0];
    const int l = solver.new_var();
    for (int k = 0; k < count; ++k) {
        if (terms[k].size == 1)
            solver.add_clause({l, -terms[k].lits[0]});
        else
            solver.add_clause({l, -terms[k].lits[0], -terms[k].lits[1]});
    }
    return l;
}

class RuleEncoder {
public:
    RuleEncoder(sat::Solver& solver, const std::vector<int>& one, const std::vector<int>& zero,
                const EncodingOptions& options, EncodingStats& stats, const Network& net)
        : solver_(solver), one_(one), zero_(zero), options_(options), stats_(stats), net_(net) {}

    Reach encode(const RuleForm& form, const Expr& rule, std::size_t owner) {
        if (options_.unate_circuits && !form.mixed) {
            ++stats_.unate;
            return kleene(form.circuit);
        }
        if (form.diagram) {
            ++stats_.diagram;
            return paths(*form.diagram);
        }
        ++stats_.cofactored;
        gates_spent_ = 0;
        return cofactors(rule, form.circuit, owner);
    }

private:
    Reach of_ref(const sat::NormalRule::Ref& r, const std::vector<Reach>& gates) const {
        Reach base;
        switch (r.kind) {
        case sat::NormalRule::Kind::constant:
            base = constant_reach(true);
            break;
        case sat::NormalRule::Kind::variable:
            base = Reach{one_[r.index], zero_[r.index]};
            break;
        case sat::NormalRule::Kind::gate:
            base = gates[r.index];
            break;
        }
        return r.negated ? Reach{base.zero, base.one} : base;
    }

    // Three-valued evaluation of a unate circuit (no parity gates, see mixed_variable).
    Reach kleene(const sat::NormalRule& tree) {
        std::vector<Reach> gates(tree.gates.size());
        std::vector<int> ones, zeros;
        for (std::size_t g = 0; g < tree.gates.size(); ++g) {
            ones.clear();
            zeros.clear();
            for (const auto& input : tree.gates[g].inputs) {
                const Reach r = of_ref(input, gates);
                ones.push_back(r.one);
                zeros.push_back(r.zero);
            }
            gates[g] = Reach{implied_by_all(solver_, ones), implied_by_any(solver_, zeros)};
        }
        gates_spent_ += tree.gates.size();
        return of_ref(tree.root, gates);
    }

    // Reachability of each terminal along the paths the subspace allows. Nodes that no
    // allowed path reaches (a rail folded to false cuts an edge) are not encoded: inside a
    // region with most variables fixed, that is most of a large diagram.
    Reach paths(const sat::DecisionDiagram& d) {
        auto allowed = [&](std::uint32_t var, bool value) { return (value ? one_[var] : zero_[var]) != -true_literal; };
        std::vector<char> reached(d.nodes.size(), 0);
        reached[d.root] = 1;
        for (std::size_t id = d.nodes.size(); id-- > 2;) {
            if (!reached[id]) continue;
            const auto& n = d.nodes[id];
            if (allowed(n.var, false)) reached[n.lo] = 1;
            if (allowed(n.var, true)) reached[n.hi] = 1;
        }
        std::vector<Reach> node(d.nodes.size());
        node[sat::DecisionDiagram::kFalse] = constant_reach(false);
        node[sat::DecisionDiagram::kTrue] = constant_reach(true);
        for (std::size_t id = 2; id < d.nodes.size(); ++id) {
            if (!reached[id]) continue;
            const auto& n = d.nodes[id];
            const Reach lo = node[n.lo], hi = node[n.hi];
            node[id].one = implied_by_branches(solver_, zero_[n.var], lo.one, one_[n.var], hi.one);
            node[id].zero = implied_by_branches(solver_, zero_[n.var], lo.zero, one_[n.var], hi.zero);
        }
        return node[d.root];
    }

    Reach cofactors(const Expr& rule, const sat::NormalRule& tree, std::size_t owner) {
        const std::optional<std::uint32_t> split = mixed_variable(tree);
        if (!split) return kleene(tree);
        if (gates_spent_ + 2 * tree.gates.size() > options_.cofactor_gate_budget)
            throw ResourceError(errors::trap_rule_too_large(net_.name(VarId{static_cast<std::uint32_t>(owner)})));
        const std::size_t x = *split;
        Reach half[2];
        for (int value = 0; value < 2; ++value) {
            Substitution s{Subspace(std::max(one_.size(), x + 1))};
            s.fixed.fix(x, value == 1);
            const Expr cofactor = substitute(rule, s);
            half[value] = cofactors(cofactor, sat::normalize(cofactor, std::nullopt), owner);
        }
        return Reach{implied_by_branches(solver_, zero_[x], half[0].one, one_[x], half[1].one),
                     implied_by_branches(solver_, zero_[x], half[0].zero, one_[x], half[1].zero)};
    }

    sat::Solver& solver_;
    const std::vector<int>& one_;
    const std::vector<int>& zero_;
    const EncodingOptions& options_;
    EncodingStats& stats_;
    const Network& net_;
    std::size_t gates_spent_ = 0;
};

}  // namespace

DualRail::DualRail(sat::Solver& solver, const Network& net, const std::vector<RuleForm>& forms,
                   const EncodingOptions& options, const Control& control, const Subspace* within) {
    const std::size_t n = net.num_vars();
    one_.resize(n);
    zero_.resize(n);
    for (std::size_t v = 0; v < n; ++v) {
        if (within && within->is_fixed(v)) {
            one_[v] = within->value(v) ? true_literal : -true_literal;
            zero_[v] = -one_[v];
            continue;
        }
        one_[v] = solver.new_var();
        zero_[v] = solver.new_var();
        solver.add_clause({one_[v], zero_[v]});
    }
    RuleEncoder encoder(solver, one_, zero_, options, stats_, net);
    RuleScratch scratch;
    for (std::uint32_t v = 0; v < n; ++v) {
        control.check();
        // A fixed variable whose rule already keeps its value on all of `within` adds nothing.
        if (within && within->is_fixed(v) && rule_values(forms[v], *within, scratch) == (within->value(v) ? 2u : 1u))
            continue;
        const Reach r = encoder.encode(forms[v], net.rule(VarId{v}), v);
        // An input's rule is itself: both implications are tautologies.
        if (r.one != one_[v]) sat::add_folded_clause(solver, std::vector<int>{-r.one, one_[v]});
        if (r.zero != zero_[v]) sat::add_folded_clause(solver, std::vector<int>{-r.zero, zero_[v]});
    }
}

Subspace DualRail::decode(const sat::Solver& solver) const {
    auto truth = [&solver](int rail) { return rail == true_literal || (rail != -true_literal && solver.value(rail)); };
    Subspace s(num_vars());
    for (std::size_t v = 0; v < num_vars(); ++v) {
        const bool one = truth(one_[v]), zero = truth(zero_[v]);
        if (one != zero) s.fix(v, one);
    }
    return s;
}

}  // namespace bitsig::trapspace
