// SPDX-License-Identifier: MIT
// The regulatory graph derived from the rules: who regulates whom, with which sign, its
// strongly connected components and its feedback loops (the source of multistability and
// oscillation, so modellers want them counted).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/bits.hpp"
#include "model/network.hpp"

namespace bitsig {

enum class Sign { activation, inhibition, dual, none };
std::string to_string(Sign s);

/// An edge regulator -> target. `none` means the regulator is mentioned but has no effect.
/// `exact` is true when the sign was computed from the truth table (rules with at most
/// kExactSignLimit regulators) and false when read from literal polarity in the text.
struct Regulation {
    VarId regulator;
    VarId target;
    Sign sign = Sign::none;
    bool exact = true;
};

constexpr std::size_t kExactSignLimit = 20;

/// Every edge, grouped by target in model order. Inputs' self-edges are left out: an input
/// keeping its value is not a feedback.
std::vector<Regulation> regulations(const Network& net);

/// Truth table of `rule` over `support` (row i sets support[j] to bit j of i), as 2^k bits.
/// Precondition: support.size() <= 26 and it covers the rule's variables.
std::vector<Word> truth_table(const Expr& rule, const std::vector<VarId>& support);

/// Strongly connected components of the functional edges, each sorted, in model order of
/// their first variable.
std::vector<std::vector<VarId>> strongly_connected_components(const Network& net, const std::vector<Regulation>& edges);

}  // namespace bitsig
