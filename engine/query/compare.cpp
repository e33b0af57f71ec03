// SPDX-License-Identifier: MIT
// Values are averaged over attractor states and weighted by basin when basins are known
// (long_term_means), so 0.5 means on in half of the long-term behaviour. The other update
// scheme is searched too because a treatment that works synchronously but not
// asynchronously is a result the modeller should see.
#include "query/compare.hpp"

#include "attractor/phenotype.hpp"
#include "query/check.hpp"

namespace bitsig {

bool CompareResult::differs(VarId v) const {
    for (const auto& c : columns)
        if (c.variables[v.index] != columns[0].variables[v.index]) return true;
    return false;
}

CompareResult compare(const Network& net, const CompareRequest& request, const Control& control) {
    CompareResult out;
    out.update = request.search.update;
    out.other_update = out.update == UpdateScheme::synchronous ? UpdateScheme::asynchronous : UpdateScheme::synchronous;
    for (const auto& r : net.readouts()) out.readout_names.push_back(r.name);
    out.columns.push_back({"base", request.base, {}, {}, {}, {}, true});
    for (std::size_t i = 0; i < request.with.size(); ++i)
        out.columns.push_back({request.with.size() == 1 ? "with" : "with " + std::to_string(i + 1),
                               request.with[i],
                               {},
                               {},
                               {},
                               {},
                               true});
    SearchOptions other = request.search;
    other.update = out.other_update;
    for (auto& c : out.columns) {
        Network perturbed = apply(net, resolve(net, c.conditions));
        c.result = find_attractors(perturbed, request.search, control);
        c.other = find_attractors(perturbed, other, control);
        c.variables = long_term_means(net, c.result, false);
        c.readouts = long_term_means(net, c.result, true);
        c.other_same_readouts = phenotype_signature(net, c.result, out.readout_names) ==
                                phenotype_signature(net, c.other, out.readout_names);
    }
    return out;
}

}  // namespace bitsig
