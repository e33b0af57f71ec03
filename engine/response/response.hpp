// SPDX-License-Identifier: MIT
// Response to treatment: a cell sits in an attractor (or a given state); the conditions
// change, step by step; where does it end up, and with which probability?
//
// Definitions (networks/FORMAT.md and README say the same):
// - A step's held variables (its fixes, knockouts, drugs, contexts, input defaults and
//   constant rules) take their held value when the step begins; the others keep their value
//   and follow their rules. A variable held in one step and not the next keeps its value,
//   then follows its rule.
// - Start: every attractor of the `from` conditions, its states weighted uniformly; or the
//   initial (partial) state, every completion of its free variables weighted uniformly.
// - Asynchronous: the uniform random walk (each variable that disagrees with its rule is
//   flipped with the same probability: the jump chain of the unit-rate continuous-time
//   process) until it is absorbed in a terminal strongly connected component (attractor).
//   Synchronous: deterministic; the share of the start states whose trajectory ends there.
// - Between steps the cell is taken to have settled: the next step starts from the states
//   of the attractor reached, weighted uniformly (as the start attractors are), not from
//   the state at which the walk first entered it. Step probabilities therefore compose as
//   a product of attractor-to-attractor matrices.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "attractor/search.hpp"
#include "model/network.hpp"
#include "perturb/conditions.hpp"
#include "response/step.hpp"

namespace bitsig {

enum class ResponseMethod { automatic, exact, sample };
/// "auto", "exact" or "sample"; InputError naming the choices otherwise.
ResponseMethod parse_response_method(const std::string& name);
std::string to_string(ResponseMethod m);

/// Where a condition string came from, so errors in it can point at the word:
/// {"--to", "drug=trastuzumb"} gives "--to:1:6: error: unknown drug 'trastuzumb'".
struct ConditionsSource {
    std::string label;
    std::string text;
};

struct ResponseQuery {
    Conditions from;                     // start attractors are those of these conditions
    std::optional<std::string> initial;  // or start here: "0101..." or "X=1 Y=0" (with `from`: an error)
    std::vector<Conditions> steps;       // applied in turn; at least one
    UpdateScheme update = UpdateScheme::asynchronous;
    ConditionsSource from_source;                // optional: locates errors in `from`
    std::vector<ConditionsSource> step_sources;  // optional: parallel to steps
};

struct ResponseOptions {
    ResponseMethod method = ResponseMethod::automatic;  // automatic: exact when it fits, else sampling
    SearchOptions search;                               // for the start attractors (update is taken from the query)
    StepLimits limits;                                  // exact exploration
    std::uint64_t samples = 10000;                      // sampling: walks per start
    std::uint64_t seed = 1;
    std::uint64_t max_walk = 1000000;      // sampling: transitions per step before a walk is abandoned
    std::size_t max_initial_free = 20;     // exact: at most 2^this completions of an initial state
    std::size_t max_listed_states = 4096;  // output listing of an attractor (all states are used)
};

struct StartResponse {
    std::size_t start = 0;
    std::vector<std::size_t> reachable;   // indices into ResponseResult::attractors
    std::vector<double> probabilities;    // parallel to reachable
    std::vector<double> standard_errors;  // sampling only, parallel to reachable
};

struct ResponseResult {
    UpdateScheme update = UpdateScheme::asynchronous;
    std::string method;               // "explicit" or "sample"
    bool complete = true;             // every reachable attractor is listed
    bool probabilities_exact = true;  // within 1e-9 (max_error says how close)
    double max_error = 0;             // bound on each probability's error (exact method)
    std::uint64_t samples = 0;        // sampling: walks per start
    Perturbation from;
    std::vector<Perturbation> steps;
    bool from_initial = false;  // start[0] is the initial state set, not an attractor
    std::vector<Attractor> start;
    std::vector<Attractor> attractors;                 // of the last step, reached from some start
    std::vector<std::vector<Attractor>> intermediate;  // per step but the last: attractors reached
    std::vector<StartResponse> responses;              // one per start
    std::uint64_t explored_states = 0;                 // summed over steps
    std::vector<std::string> notes;
};

/// Answers a response query (one engine call for `bitsig respond` and history scenarios).
/// Bad names, conflicting conditions and bad initial states are InputError; an exact
/// answer that would not fit is ResourceError when options.method is exact.
ResponseResult respond(const Network& net, const ResponseQuery& query, const ResponseOptions& options,
                       const Control& control);

}  // namespace bitsig
