// SPDX-License-Identifier: MIT
// Percolation of a trap space: the variables its rules already decide, fixed repeatedly.
#pragma once

#include <cstdint>
#include <vector>

#include "model/network.hpp"
#include "state/subspace.hpp"

namespace bitsig::trapspace {

/// Holds a network's reader lists so that many subspaces percolate cheaply.
class Percolator {
public:
    explicit Percolator(const Network& net);
    /// Fixes every free variable of `space` whose rule three-valued evaluation finds
    /// constant on it, until none is left. `space` must be a trap space; the result is a
    /// trap space inside it holding every minimal trap space that `space` holds.
    void percolate(Subspace& space);

private:
    // 0 or 1, or kUnknown when the rule may take both values on `space` (as far as
    // three-valued evaluation can tell).
    std::uint8_t evaluate(const Expr& rule, const Subspace& space);

    const Network& net_;
    std::vector<std::vector<std::uint32_t>> readers_;
    std::vector<std::uint8_t> node_values_; // scratch for evaluate
};

} // namespace bitsig::trapspace
