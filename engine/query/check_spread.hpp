// SPDX-License-Identifier: MIT
// Scenario checks spread over a Distributor's ranks: one scenario per work item.
#pragma once

#include <vector>

#include "distributed/distributor.hpp"
#include "query/check.hpp"

namespace bitsig {

/// check_scenario for every scenario of `todo` (scenarios of `net`), over `ranks` and
/// their threads; every rank must call it with the same arguments. Rank 0 gets the
/// outcomes in `todo` order, other ranks nothing. An outcome carries its attractors,
/// expectations and verdict as computed; `perturbation` and `response` (the details behind
/// a history scenario's attractors) stay on the rank that computed them and come back empty.
std::vector<ScenarioOutcome> check_scenarios_spread(const Network& net, const std::vector<const Scenario*>& todo,
                                                    const SearchOptions& options, const Control& control,
                                                    Distributor& ranks);

/// An outcome as bytes and back (`scenario` is given again on reading).
std::string write_outcome(const ScenarioOutcome& o);
ScenarioOutcome read_outcome(const std::string& bytes, const Scenario* scenario);

}  // namespace bitsig
