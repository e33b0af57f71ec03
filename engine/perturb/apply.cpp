// SPDX-License-Identifier: MIT
// Applying perturbations (the BoolNet fixGenes idea: data, not rewritten semantics).
#include <cassert>

#include "perturb/perturbation.hpp"

namespace bitsig {

std::optional<Diagnostic> Perturbation::add_fix_or_conflict(const Network& net, Fix f, const std::string& source,
                                                            const std::string& word) {
    for (std::size_t i = 0; i < fixes.size(); ++i) {
        if (fixes[i].var != f.var) continue;
        if (fixes[i].value == f.value) return std::nullopt;
        return errors::conflicting_fixes(sources_[i], net.name(f.var), fixes[i].value, source, f.value, words_[i]);
    }
    fixes.push_back(f);
    sources_.push_back(source);
    words_.push_back(word);
    return std::nullopt;
}

void Perturbation::add_fix(const Network& net, Fix f, const std::string& source, const std::string& word) {
    if (auto conflict = add_fix_or_conflict(net, f, source, word)) throw InputError(*conflict);
}

Subspace held_values(const Network& net, const Perturbation& p) {
    Subspace held(net.num_vars());
    for (const auto& f : p.defaults) held.fix(f.var.index, f.value);
    for (const auto& f : p.fixes) held.fix(f.var.index, f.value);
    return held;
}

Network apply(const Network& net, const Perturbation& p) {
    // Only the changed rules are built; the rest is copied once, with the network.
    std::vector<std::pair<VarId, Expr>> changes;
    auto held = held_values(net, p);
    for (const auto& cut : p.cuts) {
        if (held.is_fixed(cut.target.index)) continue;  // a held target ignores its rule anyway
        Substitution s{Subspace(net.num_vars())};
        s.fixed.fix(cut.regulator.index, false);
        const Expr* current = &net.rule(cut.target);
        for (const auto& [v, rule] : changes)
            if (v == cut.target) current = &rule;
        Expr cut_rule = substitute(*current, s);
        changes.emplace_back(cut.target, std::move(cut_rule));
    }
    for (std::uint32_t i = 0; i < net.num_vars(); ++i)
        if (held.is_fixed(i)) changes.emplace_back(VarId{i}, Expr::constant(held.value(i)));
    return net.with_rules_replaced(std::move(changes));
}

}  // namespace bitsig
