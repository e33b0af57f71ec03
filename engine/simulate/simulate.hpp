// SPDX-License-Identifier: MIT
// Stochastic simulation of a StochasticModel: Gillespie's direct method (Gillespie 1977),
// MaBoSS's process and outputs (Stoll et al. 2012), many trajectories per machine word.
//
// Design: lane j of a block of 64*W words is one trajectory with its own state bits, its
// own clock and its own random stream. The compiled bit-sliced program
// (dynamics/program.hpp) evaluates every rule, readout and rate condition for all 64*W
// trajectories at once; what stays per lane is only what must differ between independent
// trajectories: the two uniform draws (waiting time, which transition), the sum of the
// enabled rates and the flip of the chosen bit. Lanes are NOT advanced in lockstep on
// shared random numbers (that would correlate them): each lane draws from its own
// counter-based stream keyed by (seed, trajectory index), so a trajectory's path is a
// function of the seed and its index only. A lane whose trajectory reaches max_time is
// refilled with the next trajectory of its block, so no lane idles while others run.
// Blocks of trajectories are the unit of threading; each accumulates its own sums and the
// sums are added in block order, so any thread count gives the same bytes.
//
// Outputs: per window [k*dt, (k+1)*dt) the time average of each variable and readout over
// the window, averaged over trajectories (MaBoSS's probtraj); the instantaneous
// probabilities at max_time; the most frequent final states. Memory is independent of the
// number of samples apart from the table of distinct final states.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "attractor/attractor.hpp"
#include "distributed/distributor.hpp"
#include "simulate/stochastic_model.hpp"

namespace bitsig {

/// How trajectories are run (same process, same random streams, same trajectories):
/// `lanes` keeps 256 trajectories in bit-sliced words and evaluates the compiled rules for
/// all of them at once; `table` tabulates every state's transitions once (small models) and
/// then runs each trajectory as a walk through the table; `automatic` takes the table when
/// the model has at most kStateTableMaxVariables variables.
enum class SimulationEngine { automatic, lanes, table };
inline constexpr std::size_t kStateTableMaxVariables = 14;

struct SimulationOptions {
    std::uint64_t samples = 10'000;
    double max_time = 100;
    double time_tick = 1;
    std::uint64_t seed = 1;
    bool discrete_time = false;  // MaBoSS discrete_time = 1: every jump takes time_tick
    std::size_t top_states = 20;
    SimulationEngine engine = SimulationEngine::automatic;
    // The table engine walks 8 trajectories at once with AVX-512 where the processor has
    // it: the same bytes as without (tests compare both ways).
    bool vector_walk = true;
};

struct FinalState {
    std::string state;  // '0'/'1' per variable of SimulationResult::state_nodes
    double probability = 0;
    double standard_error = 0;
};

struct SimulationResult {
    std::vector<std::string> names;  // variables (model order), then readouts
    std::size_t num_variables = 0;
    std::vector<double> times;  // start of each window
    // probabilities[s][k]: time-averaged probability that signal s is on in window k;
    // standard_errors[s][k]: its standard error over trajectories.
    std::vector<std::vector<double>> probabilities;
    std::vector<std::vector<double>> standard_errors;
    std::vector<double> final_probabilities;  // at max_time, per signal
    std::vector<double> final_standard_errors;
    std::vector<FinalState> final_states;  // most frequent first (ties: state order)
    std::vector<std::string> state_nodes;  // the variables final_states spell: all but the internal ones
    std::uint64_t distinct_final_states = 0;
    std::uint64_t samples = 0;
    std::uint64_t transitions = 0;  // jumps taken by all trajectories
    SimulationOptions options;
};

/// Whether this processor runs the table engine's vector walk (SimulationOptions::vector_walk).
bool vector_walk_available();
// For code built against several revisions of this header (tests/bench/simulate_before_after.sh).
#define BITSIG_SIMULATE_HAS_VECTOR_WALK 1

/// Runs options.samples trajectories from t = 0 to max_time. Throws InputError for
/// invalid options (samples 0, non-positive times, more windows than 10^7), Interrupted
/// when control is cancelled. Threads: control.thread_count().
SimulationResult simulate(const StochasticModel& model, const SimulationOptions& options, const Control& control);
/// The same over the ranks of `ranks`: blocks of trajectories are the work items, merged in
/// block order on rank 0, so the result is the same bytes for any number of ranks (other
/// ranks get a result without trajectories' sums: samples = 0).
SimulationResult simulate(const StochasticModel& model, const SimulationOptions& options, const Control& control,
                          Distributor& ranks);

}  // namespace bitsig
