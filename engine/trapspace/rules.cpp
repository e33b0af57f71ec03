// SPDX-License-Identifier: MIT
// Rule forms and their values on a subspace. On a decision diagram (Bryant 1986) the values
// are the terminals reachable along the edges the subspace allows, exact because a path
// tests each variable once; the walk stops as soon as both terminals are seen, so it is
// short whenever the rule is not constant. On a unate circuit, three-valued (Kleene)
// evaluation is exact (see encoding.cpp); on other circuits it is a sound approximation.
#include "trapspace/rules.hpp"

namespace bitsig::trapspace {

namespace {
constexpr unsigned kZero = 1, kOne = 2;
}

std::optional<std::uint32_t> mixed_variable(const sat::NormalRule& tree) {
    // Signs propagate from the root down: gates come children first, so a reverse pass
    // sees every parent before its children.
    constexpr unsigned kPositive = 1, kNegative = 2;
    std::vector<unsigned> gate_signs(tree.gates.size(), 0);
    std::vector<unsigned> var_signs;
    std::vector<std::size_t> var_uses;
    auto mark = [&](const sat::NormalRule::Ref& r, unsigned signs) {
        if (r.negated) signs = ((signs & kPositive) ? kNegative : 0) | ((signs & kNegative) ? kPositive : 0);
        if (r.kind == sat::NormalRule::Kind::gate) gate_signs[r.index] |= signs;
        if (r.kind == sat::NormalRule::Kind::variable) {
            if (r.index >= var_signs.size()) {
                var_signs.resize(r.index + 1, 0);
                var_uses.resize(r.index + 1, 0);
            }
            var_signs[r.index] |= signs;
            ++var_uses[r.index];
        }
    };
    mark(tree.root, kPositive);
    for (std::size_t g = tree.gates.size(); g-- > 0;) {
        if (gate_signs[g] == 0) continue;
        const unsigned signs = tree.gates[g].parity ? (kPositive | kNegative) : gate_signs[g];
        for (const auto& input : tree.gates[g].inputs) mark(input, signs);
    }
    std::optional<std::uint32_t> best;
    for (std::uint32_t v = 0; v < var_signs.size(); ++v)
        if (var_signs[v] == (kPositive | kNegative) && (!best || var_uses[v] > var_uses[*best])) best = v;
    return best;
}

std::vector<RuleForm> rule_forms(const Network& net, const EncodingOptions& options, const Control& control) {
    std::vector<RuleForm> forms(net.num_vars());
    for (std::uint32_t v = 0; v < net.num_vars(); ++v) {
        control.check();
        RuleForm& f = forms[v];
        f.circuit = sat::normalize(net.rule(VarId{v}), std::nullopt);
        f.mixed = mixed_variable(f.circuit);
        if (f.mixed || !options.unate_circuits)
            f.diagram = sat::decision_diagram(net.rule(VarId{v}), options.diagram_budget);
    }
    return forms;
}

unsigned rule_values(const RuleForm& rule, const Subspace& space, RuleScratch& scratch) {
    if (rule.diagram) {
        // Depth-first over the allowed edges, low branch first.
        const auto& nodes = rule.diagram->nodes;
        if (scratch.visited.size() < nodes.size()) scratch.visited.resize(nodes.size(), 0);
        unsigned seen = 0;
        scratch.stack.assign(1, rule.diagram->root);
        scratch.touched.clear();
        while (!scratch.stack.empty() && seen != (kZero | kOne)) {
            const std::uint32_t id = scratch.stack.back();
            scratch.stack.pop_back();
            if (id == sat::DecisionDiagram::kFalse || id == sat::DecisionDiagram::kTrue) {
                seen |= id == sat::DecisionDiagram::kTrue ? kOne : kZero;
                continue;
            }
            if (scratch.visited[id]) continue;
            scratch.visited[id] = 1;
            scratch.touched.push_back(id);
            const auto& n = nodes[id];
            if (!space.is_fixed(n.var) || space.value(n.var)) scratch.stack.push_back(n.hi);
            if (!space.is_fixed(n.var) || !space.value(n.var)) scratch.stack.push_back(n.lo);
        }
        for (auto id : scratch.touched) scratch.visited[id] = 0;
        return seen;
    }
    const auto& gates = rule.circuit.gates;
    if (scratch.gates.size() < gates.size()) scratch.gates.resize(gates.size());
    auto of = [&](const sat::NormalRule::Ref& r) {
        unsigned v = 0;
        switch (r.kind) {
        case sat::NormalRule::Kind::constant:
            v = kOne;
            break;
        case sat::NormalRule::Kind::variable:
            v = space.is_fixed(r.index) ? (space.value(r.index) ? kOne : kZero) : (kZero | kOne);
            break;
        case sat::NormalRule::Kind::gate:
            v = scratch.gates[r.index];
            break;
        }
        // Negation swaps the two bits.
        return r.negated ? ((v & kZero) ? kOne : 0) | ((v & kOne) ? kZero : 0) : v;
    };
    for (std::size_t g = 0; g < gates.size(); ++g) {
        if (gates[g].parity) {
            unsigned acc = kZero;  // the parity of no inputs is 0
            for (const auto& input : gates[g].inputs) {
                const unsigned x = of(input);
                unsigned next = 0;
                if (acc & kZero) next |= x;  // 0 ^ x = x
                if (acc & kOne) next |= ((x & kZero) ? kOne : 0) | ((x & kOne) ? kZero : 0);
                acc = next;
            }
            scratch.gates[g] = acc;
        } else {
            bool all_may_be_one = true, some_may_be_zero = false;
            for (const auto& input : gates[g].inputs) {
                const unsigned x = of(input);
                all_may_be_one &= (x & kOne) != 0;
                some_may_be_zero |= (x & kZero) != 0;
            }
            scratch.gates[g] = (all_may_be_one ? kOne : 0) | (some_may_be_zero ? kZero : 0);
        }
    }
    return of(rule.circuit.root);
}

}  // namespace bitsig::trapspace
