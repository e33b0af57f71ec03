// SPDX-License-Identifier: MIT
// Each rule of a network in the forms trap-space computations read, built once: its
// circuit (sat::NormalRule), whether that circuit is unate, and its decision diagram when
// the circuit is not unate and the diagram fits its budget.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/control.hpp"
#include "model/network.hpp"
#include "sat/cnf.hpp"
#include "state/subspace.hpp"
#include "trapspace/encoding.hpp"

namespace bitsig::trapspace {

struct RuleForm {
    sat::NormalRule circuit;
    /// A variable occurring under both signs (or below a parity), the most frequent one;
    /// nullopt when the circuit is unate, where three-valued evaluation is exact.
    std::optional<std::uint32_t> mixed;
    /// Built only for a circuit that is not unate (or when unate circuits are not used).
    std::optional<sat::DecisionDiagram> diagram;
};

/// The forms of every rule of `net`; Control is polled between rules.
std::vector<RuleForm> rule_forms(const Network& net, const EncodingOptions& options, const Control& control);

/// A variable of `circuit` occurring under both signs, as RuleForm::mixed.
std::optional<std::uint32_t> mixed_variable(const sat::NormalRule& circuit);

/// Reusable work space for rule_values.
struct RuleScratch {
    std::vector<unsigned> gates;
    std::vector<char> visited;  // all zero between calls
    std::vector<std::uint32_t> stack, touched;
};

/// Values a rule takes on `space`: bit 0 set when it is 0 somewhere, bit 1 when it is 1
/// somewhere. Exact from the diagram or a unate circuit; otherwise three-valued evaluation
/// of the circuit, which may report both values for a constant rule but never misses one.
unsigned rule_values(const RuleForm& rule, const Subspace& space, RuleScratch& scratch);

}  // namespace bitsig::trapspace
