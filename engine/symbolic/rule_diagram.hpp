// SPDX-License-Identifier: MIT
// A rule (expr/) as a binary decision diagram, built under the session's node and time
// budget. Fixed points and reachability both build their diagrams this way, so an operation
// that runs out of budget ends either construction the same way: OverBudget.
#pragma once

#include <bdd.h>

#include <vector>

#include "expr/expr.hpp"
#include "symbolic/bdd.hpp"

namespace bitsig::symbolic {

/// Thrown when a construction runs out of its node or time budget, inside an operation or
/// between two (see Session).
struct OverBudget {};

/// The diagram `op` returns, computed under the session's budget (throws OverBudget).
template <class Op>
bdd guarded(Op&& op) {
    bdd out;
    if (!Session::guarded([&] { out = op(); })) throw OverBudget{};
    return out;
}

/// The rule over diagrams: value[u] stands for variable u.
bdd rule_diagram(const Expr& e, const std::vector<bdd>& value);

}  // namespace bitsig::symbolic
