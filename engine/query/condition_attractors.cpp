// SPDX-License-Identifier: MIT
// Attractors under several conditions: each set is resolved against the model, applied,
// and searched with the caller's options; the long-term means (basin-weighted when every
// basin is known) summarise each answer in one number per variable and readout.
#include "query/condition_attractors.hpp"

#include "attractor/phenotype.hpp"

namespace bitsig {

std::vector<ConditionAttractors> attractors_under(const Network& net, const std::vector<Conditions>& conditions,
                                                  const SearchOptions& options, const Control& control) {
    std::vector<ConditionAttractors> out(conditions.size());
    for (std::size_t i = 0; i < conditions.size(); ++i) out[i].perturbation = resolve(net, conditions[i]);
    for (auto& a : out) {
        control.check();
        a.result = find_attractors(apply(net, a.perturbation), options, control);
        a.variable_means = long_term_means(net, a.result, false);
        a.readout_means = long_term_means(net, a.result, true);
    }
    return out;
}

}  // namespace bitsig
