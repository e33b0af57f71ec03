// SPDX-License-Identifier: MIT
// Rates and initial distributions of the stochastic process (MaBoSS's model data), kept
// in model/ so that readers (io/maboss) and the simulation (simulate/) share them without
// depending on each other. See simulate/stochastic_model.hpp for the semantics.
#pragma once

#include <vector>

#include "core/ids.hpp"
#include "expr/expr.hpp"

namespace bitsig {

/// `rate` applies in the states where `when` holds. In `when`, VarId{num_vars} is the
/// owner's own rule (MaBoSS's @logic).
struct RateCase {
    Expr when;
    double rate = 1;
};

struct VariableRates {
    std::vector<RateCase> up;    // summed while the variable is 0
    std::vector<RateCase> down;  // summed while the variable is 1
};

/// A joint initial distribution over some variables: `values[k]` (one bool per variable,
/// in `vars` order) with probability weights[k] / sum(weights). One variable with
/// weights {1-p, p} over values {0}, {1} is MaBoSS's `X.istate = p`.
struct InitialGroup {
    std::vector<VarId> vars;
    std::vector<std::vector<bool>> values;
    std::vector<double> weights;
};

}  // namespace bitsig
