// SPDX-License-Identifier: MIT
// The continuous-time Markov process MaBoSS simulates (Stoll et al. 2012), as data.
//
// A state is a Boolean vector. Variable v leaves value 0 at its up rate and value 1 at its
// down rate; a rate is a sum of cases, each a constant times a Boolean condition on the
// current state. The condition may mention the variable's own rule (MaBoSS's `@logic`)
// through the extra variable index num_vars(), so the usual MaBoSS default
// `rate_up = @logic ? 1 : 0; rate_down = @logic ? 0 : 1` is one case each way, and a
// state-dependent rate such as `@logic ? ($u * 2) : 0.1` is two. Held variables never
// change. The initial state is drawn from independent groups (MaBoSS's istate).
#pragma once

#include <string>
#include <vector>

#include "model/network.hpp"
#include "model/rates.hpp"
#include "perturb/perturbation.hpp"

namespace bitsig {

struct StochasticModel {
    Network net;                        // rules (after perturbation) and readouts
    std::vector<VariableRates> rates;   // per variable
    Subspace held;                      // variables held at their value for the whole run
    std::vector<InitialGroup> initial;  // free variables in no group start 0/1 with 1/2
    std::vector<std::string>
        internal;  // MaBoSS is_internal nodes: kept in the per-node tables, left out of final states
};

/// The default rates of a bitsig network: each variable turns on at its rate_up (default
/// 1) when its rule is 1 and turns off at its rate_down (default 1) when its rule is 0.
std::vector<VariableRates> logic_rates(const Network& net);

/// The process for a network under a perturbation: `net` is the unperturbed network whose
/// rules the perturbation changes; every variable the perturbation holds (defaults
/// included) and every constant rule is held, and starts at its value.
StochasticModel stochastic_model(const Network& net, const Perturbation& p);

/// The same with explicit rates (a MaBoSS model): only the perturbation holds variables,
/// since a MaBoSS constant-logic node still moves at its rates.
StochasticModel stochastic_model(const Network& net, const Perturbation& p, std::vector<VariableRates> rates,
                                 std::vector<InitialGroup> initial);

/// Applies `--initial` text: "X=1 Y=0" (also comma-separated) or a full state string
/// "0101..." over every variable. Sets those variables' initial values (a held variable
/// given a different value is an InputError). `what` names the text in messages.
void set_initial(StochasticModel& model, const std::string& text, const std::string& what = "--initial");

}  // namespace bitsig
