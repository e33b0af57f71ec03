// SPDX-License-Identifier: MIT
// Tseitin encoding of rules into the solver (Tseitin 1968): one fresh variable per
// operator node, so the CNF grows linearly with the rule, never with its truth table.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

#include "expr/expr.hpp"
#include "sat/solver.hpp"

namespace bitsig::sat {

/// A literal equivalent to `rule`, where variable v is the literal var_lits[v.index].
int encode(Solver& solver, const Expr& rule, const std::vector<int>& var_lits);

/// True when the two rules compute the same function of variables [0, num_vars).
bool equivalent(const Expr& a, const Expr& b, std::size_t num_vars);

/// A rule in normal form: conjunctions and parities only, negation on the edges, constants
/// folded. A disjunction is a negated conjunction of negated inputs, and directly nested
/// conjunctions (or parities) are merged, so a parenthesised DNF such as
/// `((a & b) & c) | (d & e) | f` becomes one gate per term plus one for the disjunction.
struct NormalRule {
    enum class Kind : std::uint8_t { constant, variable, gate };
    /// An edge: the constant true, variable `index` or gates[index], possibly negated.
    struct Ref {
        Kind kind = Kind::constant;
        bool negated = false;
        std::uint32_t index = 0;
    };
    struct Gate {
        bool parity = false;      // exclusive-or of the inputs; otherwise their conjunction
        std::vector<Ref> inputs;  // at least two; gate inputs refer to earlier gates
    };
    std::vector<Gate> gates;  // children before parents
    Ref root;
};

/// The normal form of `rule`, in one pass over its nodes (no recursion). Rules exported
/// from truth tables (BBM models carry DNFs of a hundred kilobytes) come back as their
/// decision diagram, one if-then-else per node, when that is smaller than the tree.
NormalRule normalize(const Expr& rule);

/// A reduced ordered binary decision diagram of a rule (Bryant 1986): nodes[0] and
/// nodes[1] are the constants false and true; every other node tests variable `var` and
/// continues to `lo` (false) or `hi` (true), which come earlier in `nodes`.
struct DecisionDiagram {
    static constexpr std::uint32_t kFalse = 0, kTrue = 1;
    struct Node {
        std::uint32_t var;  // a variable index (unused for the two constants)
        std::uint32_t lo, hi;
    };
    std::vector<Node> nodes;
    std::uint32_t root = kFalse;
};

/// The diagram of `rule`, variables ordered by first appearance in its text, or nullopt
/// when building it takes more than `budget` operations (a cap on time and memory).
std::optional<DecisionDiagram> decision_diagram(const Expr& rule, std::size_t budget = std::size_t{1} << 20);

/// normalize() for a caller that has already built the rule's decision diagram, or found
/// that it exceeds the budget (nullopt): building a large rule's diagram can take most of
/// a second, so it should happen once.
NormalRule normalize(const Expr& rule, const std::optional<DecisionDiagram>& diagram);

/// Like encode_folded, for a rule already normalised (saves the work when a rule is
/// encoded many times, as in unrolled transition relations).
int encode_normal(Solver& solver, const NormalRule& rule, const std::vector<int>& var_lits);

/// Stands for the constant true in folded encodings (-true_literal is false). It is never
/// a solver variable, so it must not reach Solver::add_clause or Solver::solve directly.
inline constexpr int true_literal = std::numeric_limits<int>::max();

/// Like encode, but constants fold away: the result is +-true_literal when the rule is
/// constant once var_lits are substituted (var_lits may themselves hold +-true_literal).
int encode_folded(Solver& solver, const Expr& rule, const std::vector<int>& var_lits);

/// Adds a clause over folded literals: a true literal satisfies it (nothing is added) and
/// false literals drop out (all false adds the empty clause).
void add_folded_clause(Solver& solver, std::span<const int> literals);

/// Adds clauses making the folded literals a and b equal.
void add_equivalence(Solver& solver, int a, int b);

/// A folded literal equal to a XOR b (a fresh gate unless one side is constant or a = +-b).
int encode_xor(Solver& solver, int a, int b);

}  // namespace bitsig::sat
