// SPDX-License-Identifier: MIT
// Readouts (phenotypes) evaluated on attractors: 1 when on in every state, 0 when off in
// every state, otherwise the fraction of the attractor's listed states where it is on.
#pragma once

#include <vector>

#include "attractor/attractor.hpp"
#include "model/network.hpp"

namespace bitsig {

/// One value per network readout, in the network's readout order.
std::vector<double> readout_values(const Network& net, const Attractor& a);

/// The value of a readout or variable named `name` in attractor `a`, or nullopt when the
/// name is neither.
std::optional<double> named_value(const Network& net, const Attractor& a, const std::string& name);

/// Long-term mean of each variable (or, with `readouts`, each readout) over a result:
/// averaged over each attractor's states, then over attractors weighted by basin size when
/// every basin is known and equally otherwise. 1 = always on, 0 = always off.
std::vector<double> long_term_means(const Network& net, const Result& r, bool readouts);

}  // namespace bitsig
