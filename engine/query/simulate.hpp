// SPDX-License-Identifier: MIT
// The `simulate` question as one call: load a model (a bitsig network, or a MaBoSS .bnd
// with its .cfg), apply conditions and `--initial`, and run the stochastic simulation.
// Explicit settings override the .cfg, which overrides the defaults.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/network.hpp"
#include "perturb/conditions.hpp"
#include "simulate/simulate.hpp"

namespace bitsig {

struct SimulationRequest {
    std::string model_path;
    std::string cfg_path;  // MaBoSS .cfg; only with a .bnd model
    Conditions conditions;
    std::string initial;  // "X=1 Y=0" or a full state; empty: the model's istates
    std::optional<std::uint64_t> samples;
    std::optional<double> max_time;
    std::optional<double> time_tick;
    std::optional<std::uint64_t> seed;
    std::optional<bool> discrete_time;
    std::optional<unsigned> threads;
};

/// Defaults when neither a flag nor the .cfg gives a setting.
inline constexpr std::uint64_t kDefaultSamples = 10'000;
inline constexpr double kDefaultMaxTime = 10;
inline constexpr double kDefaultTimeTick = 0.1;

struct SimulationAnswer {
    Network net;  // the model as read (unperturbed)
    Perturbation perturbation;
    std::string conditions;             // human description
    std::vector<std::string> internal;  // MaBoSS is_internal nodes
    std::vector<Diagnostic> warnings;   // the reader's, for stderr
    unsigned threads = 0;
    SimulationResult result;
};

/// Where a simulation of a network already read starts: a scenario's `initial` state
/// (partial or whole), or, when `state` is empty, the network's own initial distribution
/// (free variables 0 or 1 with probability 1/2, held ones at their value).
struct SimulationStart {
    std::string state;
    std::string origin = "--initial";  // names the text in errors: "'initial' of scenario 'X'"
};

/// A scenario's start: its `initial`, named in errors as the scenario's.
SimulationStart scenario_start(const Scenario& scenario);

/// The question a scenario's `simulate:` check and each simulated report section ask:
/// MaBoSS's process of `net` under `perturbation`, from `start`.
SimulationResult simulate_under(const Network& net, const Perturbation& perturbation, const SimulationStart& start,
                                const SimulationOptions& options, const Control& control);

/// Reads, resolves and simulates. InputError for bad files, names, settings.
SimulationAnswer run_simulation(const SimulationRequest& request, const Control& control);
/// The same with the trajectory blocks spread over `ranks` (every rank reads the files;
/// only rank 0's answer holds the result).
SimulationAnswer run_simulation(const SimulationRequest& request, const Control& control, Distributor& ranks);

}  // namespace bitsig
