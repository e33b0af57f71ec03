// SPDX-License-Identifier: MIT
// A scenario holds under a scheme when every expectation takes exactly its expected value
// in every attractor; an oscillating readout (on in some states only) fails a 0/1
// expectation. With `update: any` it must hold under both schemes, since a claim about a
// cell should not depend on an arbitrary choice of update order. `expect_some` asks for the
// value in at least one attractor; scenarios with history go through respond() and may also
// bound the probability of a readout being on in the attractor reached (from every start).
#include "query/check.hpp"

#include <algorithm>
#include <sstream>

#include "attractor/phenotype.hpp"
#include "core/parallel.hpp"
#include "perturb/conditions.hpp"
#include "query/simulate.hpp"
#include "simulate/simulate.hpp"

namespace bitsig {

std::string to_string(Verdict v) {
    switch (v) {
    case Verdict::pass:
        return "pass";
    case Verdict::fail:
        return "FAIL";
    case Verdict::known_failure:
        return "known disagreement";
    case Verdict::unexpected_pass:
        return "passes despite documented disagreement";
    case Verdict::no_expectation:
        return "no expectation";
    }
    return "";
}

std::vector<std::vector<double>> phenotype_signature(const Network& net, const Result& r,
                                                     const std::vector<std::string>& names) {
    std::vector<std::vector<double>> out;
    for (const auto& a : r.attractors) {
        std::vector<double> row;
        for (const auto& n : names) row.push_back(named_value(net, a, n).value_or(-1));
        out.push_back(row);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string expectation_text(const Expectation& e) {
    std::string value = e.value ? "1" : "0";
    switch (e.kind) {
    case ExpectationKind::all:
        return e.name + "=" + value;
    case ExpectationKind::some:
        return "some " + e.name + "=" + value;
    case ExpectationKind::at_least:
    case ExpectationKind::at_most: {
        std::ostringstream p;
        p << e.probability;
        return "P(" + e.name + ")" + (e.kind == ExpectationKind::at_least ? ">=" : "<=") + p.str();
    }
    }
    return e.name;
}

namespace {

Conditions conditions_of(const Network& net, const ScenarioStep& step) {
    Conditions c;
    c.drugs = step.drugs;
    c.contexts = step.contexts;
    for (const auto& f : step.fixes) c.fixes.push_back(net.name(f.var) + "=" + (f.value ? "1" : "0"));
    return c;
}

// Whether an expectation holds over `values` (see ExpectationOutcome).
bool holds_over(const Expectation& e, const std::vector<double>& values) {
    const double want = e.value ? 1.0 : 0.0;
    constexpr double slack = 1e-9;  // exact probabilities carry rounding
    switch (e.kind) {
    case ExpectationKind::all:
        return std::all_of(values.begin(), values.end(), [&](double v) { return v == want; });
    case ExpectationKind::some:
        return std::any_of(values.begin(), values.end(), [&](double v) { return v == want; });
    case ExpectationKind::at_least:
        return std::all_of(values.begin(), values.end(), [&](double v) { return v >= e.probability - slack; });
    case ExpectationKind::at_most:
        return std::all_of(values.begin(), values.end(), [&](double v) { return v <= e.probability + slack; });
    }
    return false;
}

// The scenario's expectations over the attractors of one scheme, and whether all hold.
// all/some read each attractor's value; at_least/at_most (scenarios with history only,
// which pass `responses`) read per start the probability that the name is on in the
// attractor reached.
void add_expectations(const Network& net, const Scenario& s, const std::vector<Attractor>& attractors,
                      const std::vector<StartResponse>* responses, SchemeOutcome& so) {
    so.holds = true;
    for (const auto& e : s.expect) {
        ExpectationOutcome eo;
        eo.name = e.name;
        eo.expected = e.value;
        eo.kind = e.kind;
        eo.probability = e.probability;
        std::vector<double> per_attractor;
        for (const auto& a : attractors) per_attractor.push_back(named_value(net, a, e.name).value_or(-1));
        if (e.kind == ExpectationKind::all || e.kind == ExpectationKind::some || !responses) {
            eo.values = per_attractor;
        } else {
            for (const auto& sr : *responses) {
                double p = 0;
                for (std::size_t k = 0; k < sr.reachable.size(); ++k)
                    p += sr.probabilities[k] * std::max(0.0, per_attractor[sr.reachable[k]]);
                eo.values.push_back(p);
            }
        }
        eo.holds = holds_over(e, eo.values);
        so.holds = so.holds && eo.holds;
        so.expectations.push_back(std::move(eo));
    }
}

// A scenario with history under one scheme: the response, then the expectations over it.
SchemeOutcome history_outcome(const Network& net, const Scenario& s, UpdateScheme update, const SearchOptions& options,
                              const Control& control) {
    ResponseQuery q;
    q.update = update;
    if (s.from) q.from = conditions_of(net, *s.from);
    if (!s.initial.empty()) q.initial = s.initial;
    if (s.steps.empty()) q.steps.push_back(conditions_of(net, {s.drugs, s.contexts, s.fixes}));
    for (const auto& step : s.steps) q.steps.push_back(conditions_of(net, step));
    ResponseOptions o;
    o.search = options;
    SchemeOutcome so;
    so.update = update;
    ResponseResult r;
    try {
        r = respond(net, q, o, control);
    } catch (const ResourceError& e) {
        // Which scenario could not be answered, so the modeller knows what to change.
        throw ResourceError(errors::scenario_refused(s.name, to_string(update), e.what()));
    }
    so.result.attractors = r.attractors;
    so.result.update = update;
    so.result.method = r.method == "explicit"   ? Algorithm::respond_explicit
                       : r.method == "symbolic" ? Algorithm::respond_symbolic
                                                : Algorithm::respond_sample;
    so.result.complete = r.complete;
    so.result.notes = r.notes;
    add_expectations(net, s, r.attractors, &r.responses, so);
    so.response = std::move(r);
    return so;
}

// A scenario's `simulate:` block: MaBoSS's process under the scenario's perturbation, one
// window over [0, max_time); a bound fails only beyond kSimulationMargin standard errors,
// so a true bound fails by chance in about one run in 700 (normal approximation).
SimulationCheck simulation_outcome(const Network& net, const Scenario& s, const Perturbation& p,
                                   const Control& control) {
    const ScenarioSimulation& sim = *s.simulation;
    SimulationOptions o;
    o.samples = sim.samples;
    o.max_time = sim.max_time;
    o.time_tick = sim.max_time;
    o.seed = sim.seed;
    o.top_states = 0;
    const SimulationResult r = simulate_under(net, p, scenario_start(s), o, control);
    SimulationCheck out;
    out.samples = r.samples;
    out.max_time = sim.max_time;
    out.seed = sim.seed;
    out.holds = true;
    for (const auto& e : sim.expect) {
        SimulatedExpectation se;
        se.name = e.name;
        se.kind = e.kind;
        se.bound = e.probability;
        const auto at = std::find(r.names.begin(), r.names.end(), e.name);
        const auto i = static_cast<std::size_t>(at - r.names.begin());
        se.estimate = r.final_probabilities[i];
        se.standard_error = r.final_standard_errors[i];
        const double margin = out.margin * se.standard_error;
        se.holds =
            e.kind == ExpectationKind::at_least ? se.estimate + margin >= se.bound : se.estimate - margin <= se.bound;
        out.holds = out.holds && se.holds;
        out.expectations.push_back(se);
    }
    return out;
}

}  // namespace

ScenarioOutcome check_scenario(const Network& net, const Scenario& s, const SearchOptions& options,
                               const Control& control) {
    ScenarioOutcome out;
    out.name = s.name;
    out.scenario = &s;
    Conditions c;
    c.scenario = s.name;
    if (s.has_history() && !s.steps.empty()) c = conditions_of(net, s.steps.back());
    out.perturbation = resolve(net, c);
    Network perturbed = apply(net, out.perturbation);
    std::vector<UpdateScheme> schemes;
    if (s.update != ScenarioUpdate::asynchronous) schemes.push_back(UpdateScheme::synchronous);
    if (s.update != ScenarioUpdate::synchronous) schemes.push_back(UpdateScheme::asynchronous);
    out.holds = true;
    for (auto update : schemes) {
        if (s.has_history()) {
            SchemeOutcome so = history_outcome(net, s, update, options, control);
            out.holds = out.holds && so.holds;
            out.complete = out.complete && so.result.complete;
            out.schemes.push_back(std::move(so));
            continue;
        }
        SearchOptions o = options;
        o.update = update;
        SchemeOutcome so;
        so.update = update;
        so.result = find_attractors(perturbed, o, control);
        add_expectations(net, s, so.result.attractors, nullptr, so);
        out.holds = out.holds && so.holds;
        out.complete = out.complete && so.result.complete;
        out.schemes.push_back(std::move(so));
    }
    if (out.schemes.size() == 2) {
        std::vector<std::string> names;
        for (const auto& r : net.readouts()) names.push_back(r.name);
        for (const auto& e : s.expect) names.push_back(e.name);
        out.schemes_differ = phenotype_signature(net, out.schemes[0].result, names) !=
                             phenotype_signature(net, out.schemes[1].result, names);
    }
    if (s.simulation) {
        out.simulation = simulation_outcome(net, s, out.perturbation, control);
        out.holds = out.holds && out.simulation->holds;
    }
    bool documented = !s.known_disagreement.empty();
    if (s.expect.empty() && !s.simulation)
        out.verdict = Verdict::no_expectation;
    else if (out.holds)
        out.verdict = documented ? Verdict::unexpected_pass : Verdict::pass;
    else
        out.verdict = documented ? Verdict::known_failure : Verdict::fail;
    return out;
}

std::vector<const Scenario*> select_scenarios(const Network& net, const std::vector<std::string>& names) {
    for (const auto& name : names)
        if (!net.find_scenario(name)) {
            std::vector<std::string> known;
            for (const auto& s : net.scenarios()) known.push_back(s.name);
            throw InputError(errors::unknown_name_hint("scenario", name, known));
        }
    std::vector<const Scenario*> todo;
    for (const auto& s : net.scenarios())
        if (names.empty() || std::find(names.begin(), names.end(), s.name) != names.end()) todo.push_back(&s);
    if (todo.empty()) throw InputError(errors::no_scenarios(net.source_file()));
    return todo;
}

std::vector<ScenarioOutcome> check_scenarios(const Network& net, const std::vector<const Scenario*>& todo,
                                             const SearchOptions& options, const Control& control) {
    std::vector<ScenarioOutcome> outcomes(todo.size());
    parallel_for(todo.size(), control, "scenarios", [&](std::size_t i, const Control& single) {
        outcomes[i] = check_scenario(net, *todo[i], options, single);
    });
    return outcomes;
}

}  // namespace bitsig
