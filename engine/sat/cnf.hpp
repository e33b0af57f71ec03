// SPDX-License-Identifier: MIT
// Tseitin encoding of rules into the solver (Tseitin 1968): one fresh variable per
// operator node, so the CNF grows linearly with the rule, never with its truth table.
#pragma once

#include <vector>

#include "expr/expr.hpp"
#include "sat/solver.hpp"

namespace bitsig::sat {

/// A literal equivalent to `rule`, where variable v is the literal var_lits[v.index].
int encode(Solver& solver, const Expr& rule, const std::vector<int>& var_lits);

/// True when the two rules compute the same function of variables [0, num_vars).
bool equivalent(const Expr& a, const Expr& b, std::size_t num_vars);

}  // namespace bitsig::sat
