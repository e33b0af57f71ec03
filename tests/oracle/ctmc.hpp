// SPDX-License-Identifier: MIT
// The exact distribution of the stochastic simulation's Markov chain, by brute force: the
// dense generator over all 2^n states built with the reference evaluator, the transient
// distribution by uniformization (Jensen 1953; Grassmann 1977), the stationary one by
// Gaussian elimination. n <= 10. Independent of the compiled program and of the engine's
// sampling.
#pragma once

#include <vector>

#include "simulate/stochastic_model.hpp"

namespace bitsig::oracle {

/// The initial distribution over states (index bit v = variable v).
std::vector<double> initial_distribution(const StochasticModel& m);

/// Rates out of `state` to state ^ (1 << v), per variable v (0 when held or disabled).
std::vector<double> exit_rates(const StochasticModel& m, std::uint32_t state);

/// Distribution at time t (continuous time).
std::vector<double> transient_distribution(const StochasticModel& m, double t);

/// MaBoSS's discrete_time: after `jumps` jumps of the embedded chain (a state with no
/// enabled transition stays).
std::vector<double> discrete_distribution(const StochasticModel& m, std::size_t jumps);

/// The stationary distribution (the chain must have one terminal class).
std::vector<double> stationary_distribution(const StochasticModel& m);

/// Probability of each variable, then each readout, being on under `dist`.
std::vector<double> marginals(const StochasticModel& m, const std::vector<double>& dist);

/// Time average over [a, b) of the marginals (composite Simpson on the exact transient).
std::vector<double> window_average(const StochasticModel& m, double a, double b, std::size_t intervals = 16);

}  // namespace bitsig::oracle
