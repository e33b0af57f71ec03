// SPDX-License-Identifier: MIT
// Scenario checks: does every attractor of a scenario show the expected readouts?
#pragma once

#include <string>
#include <vector>

#include "attractor/search.hpp"
#include "model/network.hpp"
#include "perturb/perturbation.hpp"

namespace bitsig {

struct ExpectationOutcome {
    std::string name;            // readout or variable
    bool expected = false;
    std::vector<double> values;  // per attractor: 1, 0 or the fraction of states where on
    bool holds = false;          // every attractor has exactly the expected value
};

struct SchemeOutcome {
    UpdateScheme update = UpdateScheme::synchronous;
    Result result;
    std::vector<ExpectationOutcome> expectations;
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
    bool complete = true;       // every search was complete
    bool schemes_differ = false;  // sync and async attractors show different readouts
    Verdict verdict = Verdict::no_expectation;
};

/// Runs one scenario under the schemes it names (both for `any`).
ScenarioOutcome check_scenario(const Network& net, const Scenario& s, const SearchOptions& options,
                               const Control& control);

/// The readout/variable values of every attractor, as a sorted set of value vectors:
/// two results with the same set show the same phenotypes.
std::vector<std::vector<double>> phenotype_signature(const Network& net, const Result& r,
                                                     const std::vector<std::string>& names);

}  // namespace bitsig
