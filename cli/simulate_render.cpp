// SPDX-License-Identifier: MIT
// Renderers for `bitsig simulate`. JSON keeps the contract's keys and adds standard errors
// under their own keys, so readers of the contract see nothing new where they look.
#include "simulate_render.hpp"

#include "common.hpp"
#include "text_table.hpp"

#include <cstdio>
#include <sstream>

namespace bitsig::cli {

namespace {

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

std::string header(const SimulationAnswer& a) {
    const SimulationResult& r = a.result;
    std::ostringstream out;
    out << "model " << a.net.model_name() << ": " << count_text(r.samples)
        << " trajectories to t = " << number(r.options.max_time) << " ("
        << (r.options.discrete_time ? "discrete time" : "continuous time") << ", windows of "
        << number(r.options.time_tick) << ", seed " << r.options.seed << ")\n";
    if (!a.conditions.empty()) out << "conditions: " << a.conditions << "\n";
    out << count_text(r.transitions) << " transitions; " << count_text(r.distinct_final_states)
        << " distinct final states\n";
    return out.str();
}

// One row per variable, then per readout: the final probability, its standard error and
// the last window's average.
TextTable probability_table(const SimulationResult& r) {
    std::vector<std::string> columns{"name", "kind", "p(t = " + number(r.options.max_time) + ")", "standard error"};
    if (r.times.size() > 1) columns.push_back("last window");
    TextTable table(columns);
    for (std::size_t s = 0; s < r.names.size(); ++s) {
        std::vector<std::string> row{r.names[s], s < r.num_variables ? "variable" : "readout",
                                     number(r.final_probabilities[s]), number(r.final_standard_errors[s])};
        if (r.times.size() > 1) row.push_back(r.probabilities[s].empty() ? "" : number(r.probabilities[s].back()));
        table.add(std::move(row));
    }
    return table;
}

TextTable final_state_table(const SimulationAnswer& a) {
    // MaBoSS's is_internal nodes are projected out of the final states (counted together).
    std::string spelled = count_text(a.result.state_nodes.size()) + " variables in model order";
    if (!a.internal.empty()) {
        spelled += ": ";
        for (std::size_t i = 0; i < a.result.state_nodes.size(); ++i)
            spelled += (i ? " " : "") + a.result.state_nodes[i];
        spelled += "; internal ones left out";
    }
    TextTable table({"final state (" + spelled + ")", "probability", "standard error"});
    for (const auto& f : a.result.final_states) table.add({f.state, number(f.probability), number(f.standard_error)});
    return table;
}

std::string text(const SimulationAnswer& a) {
    return header(a) + "\n" + probability_table(a.result).render() + "\nmost frequent final states:\n" +
           final_state_table(a).render();
}

std::string markdown(const SimulationAnswer& a) {
    std::string out = "# Simulation of " + a.net.model_name() + "\n\n";
    std::istringstream lines(header(a));
    for (std::string line; std::getline(lines, line);) out += line + "\n\n";
    return out + "## Probabilities\n\n" + probability_table(a.result).render_markdown() +
           "\n## Most frequent final states\n\n" + final_state_table(a).render_markdown();
}

std::string csv(const SimulationAnswer& a) {
    const SimulationResult& r = a.result;
    std::ostringstream out;
    out << "time";
    for (const auto& n : r.names) out << ',' << n;
    out << '\n';
    for (std::size_t k = 0; k < r.times.size(); ++k) {
        out << number(r.times[k]);
        for (std::size_t s = 0; s < r.names.size(); ++s) out << ',' << number(r.probabilities[s][k]);
        out << '\n';
    }
    return out.str();
}

}  // namespace

nlohmann::json to_json(const SimulationAnswer& a) { return simulation_json(a.net, a.result, a.conditions, a.internal); }

nlohmann::json simulation_json(const Network& net, const SimulationResult& r, const std::string& conditions,
                               const std::vector<std::string>& internal) {
    using nlohmann::json;
    json j;
    j["model"] = net.model_name();
    j["nodes"] = net.names();
    json readouts = json::array();
    for (const auto& ro : net.readouts()) readouts.push_back(ro.name);
    j["readouts"] = readouts;
    j["samples"] = r.samples;
    j["max_time"] = r.options.max_time;
    j["time_tick"] = r.options.time_tick;
    j["seed"] = r.options.seed;
    j["discrete_time"] = r.options.discrete_time;
    j["conditions"] = conditions;
    j["times"] = r.times;
    json probabilities = json::object(), errors = json::object(), final = json::object(), final_errors = json::object();
    for (std::size_t s = 0; s < r.names.size(); ++s) {
        probabilities[r.names[s]] = r.probabilities[s];
        errors[r.names[s]] = r.standard_errors[s];
        final[r.names[s]] = r.final_probabilities[s];
        final_errors[r.names[s]] = r.final_standard_errors[s];
    }
    j["probabilities"] = probabilities;
    j["standard_errors"] = errors;
    j["final"] = final;
    j["final_standard_errors"] = final_errors;
    json states = json::array();
    for (const auto& f : r.final_states)
        states.push_back({{"state", f.state}, {"probability", f.probability}, {"standard_error", f.standard_error}});
    j["final_states"] = states;
    j["state_nodes"] = r.state_nodes;
    j["distinct_final_states"] = r.distinct_final_states;
    j["transitions"] = r.transitions;
    if (!internal.empty()) j["internal"] = internal;
    return j;
}

std::string render(const SimulationAnswer& a, OutputFormat format) {
    switch (format) {
    case OutputFormat::json:
        return to_json(a).dump(2) + "\n";
    case OutputFormat::csv:
        return csv(a);
    case OutputFormat::md:
        return markdown(a);
    case OutputFormat::text:
        break;
    }
    return text(a);
}

}  // namespace bitsig::cli
