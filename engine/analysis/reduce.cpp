// SPDX-License-Identifier: MIT
// Constant propagation (percolation) over rules, with constant folding done by
// substitute(). The reduced network keeps names, so results stay readable.
#include "analysis/reduce.hpp"

namespace bitsig {

namespace {

// rules[i] is variable i's rule after substitution (pointers: most rules are unchanged
// and need not be copied).
Projection build_projection(const Network& net, const std::vector<const Expr*>& rules, const Subspace& values) {
    Projection p;
    p.values = values;
    p.original_size = net.num_vars();
    std::vector<VarId> new_id(net.num_vars(), VarId{0});
    for (std::uint32_t i = 0; i < net.num_vars(); ++i) {
        if (values.is_fixed(i)) continue;
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
        b.set_rule(id, remap(*rules[v.index], new_id));
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
        if (values.value(i)) full.set(i, true);
    for (std::size_t k = 0; k < kept.size(); ++k) full.set(kept[k].index, reduced_state.get(k));
    return full;
}

std::string Projection::expand_space(const std::string& reduced_space) const {
    std::string full(original_size, '*');
    for (std::size_t i = 0; i < original_size; ++i)
        if (values.is_fixed(i)) full[i] = values.value(i) ? '1' : '0';
    for (std::size_t k = 0; k < kept.size(); ++k) full[kept[k].index] = reduced_space[k];
    return full;
}

Projection project_constants(const Network& net) {
    Subspace values(net.num_vars());
    for (std::uint32_t i = 0; i < net.num_vars(); ++i)
        if (net.is_constant(VarId{i})) values.fix(i, net.rule(VarId{i}).constant_value());
    Substitution s{values};
    std::vector<Expr> substituted;
    substituted.reserve(net.num_vars());
    std::vector<const Expr*> rules;
    for (const auto& v : net.variables()) {
        substituted.push_back(substitute(v.rule, s));
        rules.push_back(&substituted.back());
    }
    return build_projection(net, rules, values);
}

Projection percolate(const Network& net) {
    // Worklist: a rule is simplified again only when one of its regulators has just become
    // constant, so the cost follows the edges touched rather than rounds x network size
    // (screens percolate every condition of networks with a thousand variables).
    const std::size_t n = net.num_vars();
    Subspace values(n);
    std::vector<const Expr*> rules(n);
    std::vector<Expr> rewritten(n);  // storage for the rules substitution changed
    for (std::uint32_t i = 0; i < n; ++i) rules[i] = &net.rule(VarId{i});
    std::vector<std::vector<std::uint32_t>> readers(n);
    for (std::uint32_t i = 0; i < n; ++i)
        for (VarId r : rules[i]->support())
            if (r.index != i) readers[r.index].push_back(i);
    std::vector<std::uint32_t> fresh;
    for (std::uint32_t i = 0; i < n; ++i)
        if (rules[i]->is_constant()) {
            values.fix(i, rules[i]->constant_value());
            fresh.push_back(i);
        }
    std::vector<char> dirty(n, 0);
    std::vector<std::uint32_t> touched;
    while (!fresh.empty()) {
        touched.clear();
        for (std::uint32_t f : fresh)
            for (std::uint32_t r : readers[f])
                if (!values.is_fixed(r) && !dirty[r]) {
                    dirty[r] = 1;
                    touched.push_back(r);
                }
        fresh.clear();
        if (touched.empty()) break;
        Substitution s{values};
        for (std::uint32_t r : touched) {
            dirty[r] = 0;
            rewritten[r] = substitute(*rules[r], s);
            rules[r] = &rewritten[r];
            if (rules[r]->is_constant()) {
                values.fix(r, rules[r]->constant_value());
                fresh.push_back(r);
            }
        }
    }
    return build_projection(net, rules, values);
}

}  // namespace bitsig
