// SPDX-License-Identifier: MIT
// Comparing conditions side by side: attractors, readouts and the long-term value of every
// variable under a base and one or more other conditions, each also searched under the
// other update scheme so that a scheme-dependent answer is flagged.
#pragma once

#include <string>
#include <vector>

#include "attractor/search.hpp"
#include "model/network.hpp"
#include "perturb/conditions.hpp"

namespace bitsig {

struct CompareRequest {
    Conditions base;
    std::vector<Conditions> with;  // at least one
    SearchOptions search;
};

struct CompareColumn {
    std::string label;  // "base", "with" or "with 2", ...
    Conditions conditions;
    Result result;
    Result other;                     // the other update scheme
    std::vector<double> variables;    // long-term mean of each variable
    std::vector<double> readouts;     // long-term mean of each readout
    bool other_same_readouts = true;  // the other scheme reaches the same readout phenotypes
};

struct CompareResult {
    UpdateScheme update = UpdateScheme::synchronous;
    UpdateScheme other_update = UpdateScheme::asynchronous;
    std::vector<std::string> readout_names;
    std::vector<CompareColumn> columns;  // columns[0] is the base
    /// True when variable v's long-term value differs between some column and the base.
    bool differs(VarId v) const;
};

/// Resolves every column's conditions (InputError on unknown names or conflicts) and
/// searches it under both schemes.
CompareResult compare(const Network& net, const CompareRequest& request, const Control& control);

}  // namespace bitsig
