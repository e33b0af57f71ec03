// SPDX-License-Identifier: MIT
// Percolation (the "constant propagation" of Klarner, Bockmayr and Siebert 2015, and of
// reduce.hpp's percolate for whole networks) on a subspace. If every state of a trap space
// T gives rule f_v the value b, a minimal trap space M inside T fixes v to b: otherwise
// M with v set to b would be a smaller trap space. So the minimal trap spaces inside T
// are those inside its percolation, and a percolation with no free variable left is the
// only minimal trap space of T. Rule values come from rules.hpp: exact for diagrams and
// unate circuits; elsewhere three-valued evaluation may miss a constant rule (x | !x),
// which only percolates less and never fixes a variable wrongly.
//
// The argument never needs T to be a trap space: for any subspace Q, the minimal trap
// spaces inside Q lie inside its percolation, so a search may percolate the regions it
// splits space into. A region where some fixed variable's rule cannot keep its value holds
// no trap space (each would fix that variable and be left by its rule).
//
// A worklist re-evaluates only the readers of newly fixed variables.
#include "trapspace/percolate.hpp"

namespace bitsig::trapspace {

Percolator::Percolator(const Network& net, const std::vector<RuleForm>& forms)
    : forms_(forms), readers_(net.num_vars()) {
    for (std::uint32_t v = 0; v < net.num_vars(); ++v)
        for (VarId r : net.regulators(VarId{v}))
            if (r.index != v) readers_[r.index].push_back(v);
}

bool Percolator::percolate(Subspace& space, bool check) {
    std::vector<std::uint32_t> fresh, pending;
    for (std::uint32_t v = 0; v < forms_.size(); ++v)
        if (!space.is_fixed(v)) pending.push_back(v);
    std::vector<char> queued(forms_.size(), 0);
    while (!pending.empty()) {
        fresh.clear();
        for (std::uint32_t v : pending) {
            queued[v] = 0;
            if (space.is_fixed(v)) continue;
            const unsigned values = rule_values(forms_[v], space, scratch_);
            if (values == 1 || values == 2) {  // only 0, or only 1
                space.fix(v, values == 2);
                fresh.push_back(v);
            }
        }
        pending.clear();
        for (std::uint32_t f : fresh)
            for (std::uint32_t r : readers_[f])
                if (!space.is_fixed(r) && !queued[r]) {
                    queued[r] = 1;
                    pending.push_back(r);
                }
    }
    if (check)
        for (std::uint32_t v = 0; v < forms_.size(); ++v)
            if (space.is_fixed(v) && !(rule_values(forms_[v], space, scratch_) & (space.value(v) ? 2u : 1u)))
                return false;
    return true;
}

}  // namespace bitsig::trapspace
