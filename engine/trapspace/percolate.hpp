// SPDX-License-Identifier: MIT
// Percolation of a trap space: the variables its rules already decide, fixed repeatedly.
#pragma once

#include <cstdint>
#include <vector>

#include "model/network.hpp"
#include "state/subspace.hpp"
#include "trapspace/rules.hpp"

namespace bitsig::trapspace {

/// Holds a network's rule forms and reader lists so that many subspaces percolate cheaply.
class Percolator {
public:
    Percolator(const Network& net, const std::vector<RuleForm>& forms);
    /// Fixes every free variable of `space` whose rule is constant on it (rule_values),
    /// until none is left. The result holds every minimal trap space that `space` holds
    /// (and is a trap space when `space` is one). With `check`, also tests every fixed
    /// variable's rule and returns false when one cannot keep its value on the result,
    /// which then holds no trap space at all; without, returns true.
    bool percolate(Subspace& space, bool check = false);

private:
    const std::vector<RuleForm>& forms_;
    std::vector<std::vector<std::uint32_t>> readers_;
    RuleScratch scratch_;
};

}  // namespace bitsig::trapspace
