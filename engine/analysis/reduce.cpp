// SPDX-License-Identifier: MIT
// Constant propagation (percolation) over rules, with constant folding done by
// substitute(). The reduced network keeps names, so results stay readable.
#include "analysis/reduce.hpp"

namespace bitsig {

namespace {

Projection build_projection(const Network& net, std::vector<Expr> rules, const std::vector<signed char>& values) {
    Projection p;
    p.values = values;
    p.original_size = net.num_vars();
    std::vector<VarId> new_id(net.num_vars(), VarId{0});
    for (std::uint32_t i = 0; i < net.num_vars(); ++i) {
        if (values[i] >= 0) continue;
        new_id[i] = VarId{static_cast<std::uint32_t>(p.kept.size())};
        p.kept.push_back(VarId{i});
    }
    NetworkBuilder b(net.model_name(), net.source_file());
    for (auto v : p.kept) {
        VarId id = b.declare(net.name(v), net.variable(v).where);
        Variable& var = b.variable(id);
        const Variable& orig = net.variable(v);
        var.description = orig.description;
        var.module = orig.module;
        b.set_rule(id, remap(rules[v.index], new_id));
    }
    if (p.kept.empty()) {
        // Everything is determined: the reduced network is empty and has one state.
        p.reduced = Network();
        return p;
    }
    p.reduced = std::move(b).build();
    return p;
}

}  // namespace

State Projection::expand(const State& reduced_state) const {
    State full(original_size);
    for (std::size_t i = 0; i < original_size; ++i)
        if (values[i] == 1) full.set(i, true);
    for (std::size_t k = 0; k < kept.size(); ++k) full.set(kept[k].index, reduced_state.get(k));
    return full;
}

Projection project_constants(const Network& net) {
    std::vector<signed char> values(net.num_vars(), -1);
    for (std::uint32_t i = 0; i < net.num_vars(); ++i)
        if (net.is_constant(VarId{i})) values[i] = net.rule(VarId{i}).constant_value() ? 1 : 0;
    Substitution s{values};
    std::vector<Expr> rules;
    for (const auto& v : net.variables()) rules.push_back(substitute(v.rule, s));
    return build_projection(net, std::move(rules), values);
}

Projection percolate(const Network& net) {
    std::vector<signed char> values(net.num_vars(), -1);
    std::vector<Expr> rules;
    for (const auto& v : net.variables()) rules.push_back(v.rule);
    for (bool changed = true; changed;) {
        changed = false;
        for (std::uint32_t i = 0; i < net.num_vars(); ++i)
            if (values[i] < 0 && rules[i].is_constant()) {
                values[i] = rules[i].constant_value() ? 1 : 0;
                changed = true;
            }
        if (!changed) break;
        Substitution s{values};
        for (std::uint32_t i = 0; i < net.num_vars(); ++i)
            if (values[i] < 0) rules[i] = substitute(rules[i], s);
    }
    return build_projection(net, std::move(rules), values);
}

}  // namespace bitsig
