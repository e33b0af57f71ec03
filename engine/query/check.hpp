// SPDX-License-Identifier: MIT
// Scenario checks: does every attractor of a scenario show the expected readouts?
#pragma once

#include <string>
#include <vector>

#include "attractor/search.hpp"
#include "model/network.hpp"
#include "perturb/perturbation.hpp"
#include "response/response.hpp"

namespace bitsig {

struct ExpectationOutcome {
    std::string name;  // readout or variable
    bool expected = false;
    ExpectationKind kind = ExpectationKind::all;
    double probability = 0;  // the bound of at_least / at_most
    // all/some: per attractor, 1, 0 or the fraction of states where on;
    // at_least/at_most: per start, the probability that `name` is on in the attractor reached.
    std::vector<double> values;
    bool holds = false;
};

/// "Proliferation=1", "some Stemness=1", "P(Stemness)>=0.5": an expectation as the check table shows it.
std::string expectation_text(const Expectation& e);

struct SchemeOutcome {
    UpdateScheme update = UpdateScheme::synchronous;
    Result result;
    std::vector<ExpectationOutcome> expectations;
    bool holds = false;
    std::optional<ResponseResult> response;  // scenarios with history: the response behind `result`
};

/// Expectations on simulated probabilities fail only when the estimate is more than
/// kSimulationMargin standard errors on the wrong side of the bound.
inline constexpr double kSimulationMargin = 3;

/// One bound of a scenario's `simulate:` block against the estimate at max_time.
struct SimulatedExpectation {
    std::string name;
    ExpectationKind kind = ExpectationKind::at_least;
    double bound = 0;
    double estimate = 0;
    double standard_error = 0;
    bool holds = false;
};

struct SimulationCheck {
    std::uint64_t samples = 0;
    double max_time = 0;
    std::uint64_t seed = 0;
    double margin = kSimulationMargin;  // in standard errors
    std::vector<SimulatedExpectation> expectations;
    bool holds = false;
};

enum class Verdict {
    pass,             // every expectation holds
    fail,             // an expectation fails and no disagreement is documented
    known_failure,    // fails, as the scenario's known_disagreement says
    unexpected_pass,  // documented as a disagreement, yet it holds now
    no_expectation,   // nothing to check
};
std::string to_string(Verdict v);

struct ScenarioOutcome {
    std::string name;
    const Scenario* scenario = nullptr;
    Perturbation perturbation;
    std::vector<SchemeOutcome> schemes;  // synchronous and/or asynchronous, as the scenario asks
    bool holds = false;
    bool complete = true;                       // every search was complete
    bool schemes_differ = false;                // sync and async attractors show different readouts
    std::optional<SimulationCheck> simulation;  // the scenario's `simulate:` block, if any
    Verdict verdict = Verdict::no_expectation;
};

/// Runs one scenario under the schemes it names (both for `any`). A scenario with history
/// (from/initial/steps) is answered by respond(): its expectations speak of the attractors
/// reached from the start, and probabilities hold when they hold from every start. A
/// `simulate:` block runs the stochastic simulation under the scenario's conditions (the
/// last step's, with steps), from `initial` if given, and bounds probabilities at max_time.
ScenarioOutcome check_scenario(const Network& net, const Scenario& s, const SearchOptions& options,
                               const Control& control);

/// The scenarios a check runs: those named (all when `names` is empty), in model order.
/// An unknown name (with the nearest one) or a model without scenarios is an InputError.
std::vector<const Scenario*> select_scenarios(const Network& net, const std::vector<std::string>& names);

/// Runs scenarios over the cores (one single-threaded search each); outcomes in `todo`'s order.
std::vector<ScenarioOutcome> check_scenarios(const Network& net, const std::vector<const Scenario*>& todo,
                                             const SearchOptions& options, const Control& control);

/// The readout/variable values of every attractor, as a sorted set of value vectors:
/// two results with the same set show the same phenotypes.
std::vector<std::vector<double>> phenotype_signature(const Network& net, const Result& r,
                                                     const std::vector<std::string>& names);

}  // namespace bitsig
