// SPDX-License-Identifier: MIT
// A scenario holds under a scheme when every expectation takes exactly its expected value
// in every attractor; an oscillating readout (on in some states only) fails a 0/1
// expectation. With `update: any` it must hold under both schemes, since a claim about a
// cell should not depend on an arbitrary choice of update order.
#include "query/check.hpp"

#include <algorithm>

#include "attractor/phenotype.hpp"
#include "perturb/conditions.hpp"

namespace bitsig {

std::string to_string(Verdict v) {
    switch (v) {
    case Verdict::pass: return "pass";
    case Verdict::fail: return "FAIL";
    case Verdict::known_failure: return "known disagreement";
    case Verdict::unexpected_pass: return "passes despite documented disagreement";
    case Verdict::no_expectation: return "no expectation";
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

ScenarioOutcome check_scenario(const Network& net, const Scenario& s, const SearchOptions& options,
                               const Control& control) {
    ScenarioOutcome out;
    out.name = s.name;
    out.scenario = &s;
    Conditions c;
    c.scenario = s.name;
    out.perturbation = resolve(net, c);
    Network perturbed = apply(net, out.perturbation);
    std::vector<UpdateScheme> schemes;
    if (s.update != ScenarioUpdate::asynchronous) schemes.push_back(UpdateScheme::synchronous);
    if (s.update != ScenarioUpdate::synchronous) schemes.push_back(UpdateScheme::asynchronous);
    out.holds = true;
    for (auto update : schemes) {
        SearchOptions o = options;
        o.update = update;
        SchemeOutcome so;
        so.update = update;
        so.result = find_attractors(perturbed, o, control);
        so.holds = true;
        for (const auto& e : s.expect) {
            ExpectationOutcome eo;
            eo.name = e.name;
            eo.expected = e.value;
            eo.holds = true;
            for (const auto& a : so.result.attractors) {
                double v = named_value(net, a, e.name).value_or(-1);
                eo.values.push_back(v);
                eo.holds = eo.holds && v == (e.value ? 1.0 : 0.0);
            }
            so.holds = so.holds && eo.holds;
            so.expectations.push_back(std::move(eo));
        }
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
    bool documented = !s.known_disagreement.empty();
    if (s.expect.empty()) out.verdict = Verdict::no_expectation;
    else if (out.holds) out.verdict = documented ? Verdict::unexpected_pass : Verdict::pass;
    else out.verdict = documented ? Verdict::known_failure : Verdict::fail;
    return out;
}

}  // namespace bitsig
