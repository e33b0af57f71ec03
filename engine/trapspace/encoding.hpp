// SPDX-License-Identifier: MIT
// The trap-space condition of a network as clauses over two "rails" per variable, for the
// SAT solver (sat/). A subspace S is a trap space when every variable that S fixes to b has
// a rule equal to b on all of S; the encoding admits exactly those subspaces.
#pragma once

#include <cstddef>

#include "core/control.hpp"
#include "model/network.hpp"
#include "sat/solver.hpp"
#include "state/subspace.hpp"

namespace bitsig::trapspace {
struct RuleForm;
}

namespace bitsig::trapspace {

struct EncodingOptions {
    /// Encode a rule in which every variable occurs with one sign only on its own circuit
    /// (three-valued evaluation is exact there); otherwise every rule goes through its
    /// decision diagram or cofactors. Off only to test the other paths.
    bool unate_circuits = true;
    /// Operations allowed for a rule's decision diagram (sat::decision_diagram); past it the
    /// rule is split on its mixed-sign variables instead.
    std::size_t diagram_budget = std::size_t{1} << 20;
    /// Gates allowed for one rule's cofactors before the encoding gives up (ResourceError).
    std::size_t cofactor_gate_budget = std::size_t{1} << 22;
};

/// How many rules went through each encoding (for notes and tests).
struct EncodingStats {
    std::size_t unate = 0;       // three-valued evaluation of the rule's own circuit
    std::size_t diagram = 0;     // paths of its decision diagram
    std::size_t cofactored = 0;  // split on mixed-sign variables down to unate cofactors
};

/// Rail literals: can_be(v, b) is true when the subspace lets variable v take value b, so v
/// is free when both are true and fixed to b when only can_be(v, b) is. The constructor adds
/// the clauses of the trap-space condition for every variable of `net` to `solver`, from
/// the rules' forms (rules.hpp, built with the same options).
class DualRail {
public:
    /// With `within`, only the subspaces inside it: its fixed variables' rails are the
    /// constants sat::true_literal or its negation, and only its free variables get solver
    /// variables, so the clauses shrink to what it leaves open.
    DualRail(sat::Solver& solver, const Network& net, const std::vector<RuleForm>& forms,
             const EncodingOptions& options, const Control& control, const Subspace* within = nullptr);

    std::size_t num_vars() const { return one_.size(); }
    /// A rail: a solver literal, or +-sat::true_literal for a variable `within` fixes.
    int can_be(std::size_t var, bool value) const { return value ? one_[var] : zero_[var]; }
    /// The subspace of the solver's last model.
    Subspace decode(const sat::Solver& solver) const;
    const EncodingStats& stats() const { return stats_; }

private:
    std::vector<int> one_, zero_;
    EncodingStats stats_;
};

}  // namespace bitsig::trapspace
