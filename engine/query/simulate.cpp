// SPDX-License-Identifier: MIT
// Glue between the readers and the simulation: a MaBoSS model brings its own rates and
// istates (MaBoSS semantics: only conditions hold variables), a bitsig network gets the
// rule-driven rates with rate_up/rate_down per variable (constant rules held).
#include "query/simulate.hpp"

#include "io/maboss.hpp"
#include "io/source.hpp"

namespace bitsig {

SimulationStart scenario_start(const Scenario& scenario) {
    return {scenario.initial, "'initial' of scenario '" + scenario.name + "'"};
}

SimulationResult simulate_under(const Network& net, const Perturbation& perturbation, const SimulationStart& start,
                                const SimulationOptions& options, const Control& control) {
    StochasticModel model = stochastic_model(net, perturbation);
    if (!start.state.empty()) set_initial(model, start.state, start.origin);
    return simulate(model, options, control);
}

SimulationAnswer run_simulation(const SimulationRequest& request, const Control& control) {
    Distributor here = local_distributor();
    return run_simulation(request, control, here);
}

SimulationAnswer run_simulation(const SimulationRequest& request, const Control& control, Distributor& ranks) {
    SimulationAnswer answer;
    const bool maboss = format_for_path(request.model_path) == ModelFormat::maboss;
    StochasticModel model;
    MabossSettings settings;
    if (maboss) {
        const std::string bnd = read_text_file(request.model_path);
        const std::string cfg = request.cfg_path.empty() ? std::string() : read_text_file(request.cfg_path);
        MabossModel m = read_maboss(bnd, request.model_path, cfg, request.cfg_path);
        answer.net = m.net;
        answer.warnings = m.net.warnings();
        answer.internal = m.internal;
        settings = m.settings;
        answer.perturbation = resolve(answer.net, request.conditions);
        model = stochastic_model(answer.net, answer.perturbation, std::move(m.rates), std::move(m.initial));
        model.internal = answer.internal;
    } else {
        if (!request.cfg_path.empty()) throw InputError(errors::cfg_without_bnd(request.cfg_path, request.model_path));
        answer.net = load_network(request.model_path);
        answer.warnings = answer.net.warnings();
        answer.perturbation = resolve(answer.net, request.conditions);
        model = stochastic_model(answer.net, answer.perturbation);
    }
    answer.conditions = request.conditions.describe();
    if (!request.initial.empty()) set_initial(model, request.initial);

    SimulationOptions o;
    o.samples = request.samples.value_or(settings.sample_count.value_or(kDefaultSamples));
    o.max_time = request.max_time.value_or(settings.max_time.value_or(kDefaultMaxTime));
    o.time_tick = request.time_tick.value_or(settings.time_tick.value_or(kDefaultTimeTick));
    o.seed = request.seed.value_or(settings.seed.value_or(1));
    o.discrete_time = request.discrete_time.value_or(settings.discrete_time.value_or(false));
    Control c = control;
    if (request.threads)
        c.threads = *request.threads;
    else if (settings.thread_count)
        c.threads = *settings.thread_count;
    answer.threads = c.thread_count();
    answer.result = simulate(model, o, c, ranks);
    return answer;
}

}  // namespace bitsig
