// SPDX-License-Identifier: MIT
// Perturbations as values. Applying one returns a new Network in which each fixed variable
// has a constant rule (knockout: 0, overexpression: 1) and each cut edge A -> X is removed
// by reading A as 0 inside X's rule. Algorithms never see perturbations, only networks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/network.hpp"
#include "state/subspace.hpp"

namespace bitsig {

/// An edge cut: `target` no longer sees `regulator`, which reads as 0 in its rule.
struct EdgeCut {
    VarId regulator;
    VarId target;
};

struct Perturbation {
    std::vector<Fix> fixes;  // knockouts, overexpressions, --fix, drugs, contexts
    std::vector<EdgeCut> cuts;
    std::vector<std::string> drugs;     // names, for reporting
    std::vector<std::string> contexts;  // names, for reporting
    std::vector<Fix> defaults;          // input defaults; explicit fixes override them

    bool empty() const { return fixes.empty() && cuts.empty() && defaults.empty(); }
    /// Adds a fix unless the variable is already held at the other value: that conflict
    /// comes back as a value (naming both sources) and nothing is added. `word` is the name
    /// in the user's conditions that asked for the fix (a drug, context or scenario; empty:
    /// the variable itself), the conflict's subject when this fix is the first of the two.
    std::optional<Diagnostic> add_fix_or_conflict(const Network& net, Fix f, const std::string& source,
                                                  const std::string& word = {});
    /// add_fix_or_conflict, with the conflict thrown as an InputError.
    void add_fix(const Network& net, Fix f, const std::string& source, const std::string& word = {});

private:
    std::vector<std::string> sources_;  // parallel to fixes
    std::vector<std::string> words_;    // parallel to fixes
};

/// The perturbed network (same variables, same order).
Network apply(const Network& net, const Perturbation& p);

/// Every variable the perturbation holds (defaults included) fixed at its value, the others free.
Subspace held_values(const Network& net, const Perturbation& p);

}  // namespace bitsig
