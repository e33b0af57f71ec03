// SPDX-License-Identifier: MIT
// The attractors of a model under each of several conditions, with the long-term value of
// every variable and readout: what a report's sections show (the CLI draws the diagrams).
#pragma once

#include <vector>

#include "attractor/search.hpp"
#include "model/network.hpp"
#include "perturb/conditions.hpp"
#include "perturb/perturbation.hpp"

namespace bitsig {

/// One set of conditions answered.
struct ConditionAttractors {
    Perturbation perturbation;           // what the conditions resolve to
    Result result;                       // the attractors of the perturbed model
    std::vector<double> variable_means;  // long-term mean of each variable (attractor/phenotype.hpp)
    std::vector<double> readout_means;   // long-term mean of each readout
};

/// The answer for each of `conditions`, in order. Every name is resolved before any search
/// runs, so a mistyped one stops the call before work is done.
std::vector<ConditionAttractors> attractors_under(const Network& net, const std::vector<Conditions>& conditions,
                                                  const SearchOptions& options, const Control& control);

}  // namespace bitsig
