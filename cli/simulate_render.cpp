// SPDX-License-Identifier: MIT
// Renderers for `bitsig simulate`. JSON keeps the contract's keys and adds standard errors
// under their own keys, so readers of the contract see nothing new where they look.
#include "simulate_render.hpp"

#include <cstdio>
#include <sstream>

namespace bitsig::cli {

namespace {

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

std::string text(const SimulationAnswer& a) {
    const SimulationResult& r = a.result;
    std::ostringstream out;
    out << "model " << a.net.model_name() << ": " << r.samples << " trajectories to t = " << number(r.options.max_time)
        << " (" << (r.options.discrete_time ? "discrete time" : "continuous time") << ", windows of "
        << number(r.options.time_tick) << ", seed " << r.options.seed << ")\n";
    if (!a.conditions.empty()) out << "conditions: " << a.conditions << "\n";
    out << r.transitions << " transitions; " << r.distinct_final_states << " distinct final states\n\n";
    out << "probability on at t = " << number(r.options.max_time) << " (standard error)";
    if (r.times.size() > 1) out << ", and averaged over the last window";
    out << ":\n";
    std::size_t width = 4;
    for (const auto& n : r.names) width = std::max(width, n.size());
    for (std::size_t s = 0; s < r.names.size(); ++s) {
        if (s == r.num_variables) out << "readouts:\n";
        std::string name = r.names[s];
        name.resize(width, ' ');
        out << "  " << name << "  " << number(r.final_probabilities[s]) << " (" << number(r.final_standard_errors[s])
            << ")";
        if (!r.probabilities[s].empty()) out << "   window " << number(r.probabilities[s].back());
        out << '\n';
    }
    out << "\nmost frequent final states (" << r.state_nodes.size() << " variables in model order";
    if (!a.internal.empty()) {
        out << ": ";
        for (std::size_t i = 0; i < r.state_nodes.size(); ++i) out << (i ? " " : "") << r.state_nodes[i];
        out << "; internal ones left out";
    }
    out << "):\n";
    for (const auto& f : r.final_states)
        out << "  " << f.state << "  " << number(f.probability) << " (" << number(f.standard_error) << ")\n";
    return out.str();
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

nlohmann::json to_json(const SimulationAnswer& a) {
    using nlohmann::json;
    const SimulationResult& r = a.result;
    json j;
    j["model"] = a.net.model_name();
    j["nodes"] = a.net.names();
    json readouts = json::array();
    for (const auto& ro : a.net.readouts()) readouts.push_back(ro.name);
    j["readouts"] = readouts;
    j["samples"] = r.samples;
    j["max_time"] = r.options.max_time;
    j["time_tick"] = r.options.time_tick;
    j["seed"] = r.options.seed;
    j["discrete_time"] = r.options.discrete_time;
    j["conditions"] = a.conditions;
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
    if (!a.internal.empty()) j["internal"] = a.internal;
    return j;
}

std::string render(const SimulationAnswer& a, const std::string& format) {
    if (format == "json") return to_json(a).dump(2) + "\n";
    if (format == "csv") return csv(a);
    return text(a);
}

}  // namespace bitsig::cli
