// SPDX-License-Identifier: MIT
// Simulation results as text for people, JSON and CSV for other tools (CONTRACTS.md fixes
// the JSON keys: model, nodes, samples, max_time, time_tick, seed, times, probabilities,
// final, final_states).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "output_format.hpp"
#include "query/simulate.hpp"

namespace bitsig::cli {

nlohmann::json to_json(const SimulationAnswer& a);
/// The same JSON for a result simulated elsewhere (the report's sections): `net` is the
/// unperturbed model, `conditions` their human description.
nlohmann::json simulation_json(const Network& net, const SimulationResult& r, const std::string& conditions,
                               const std::vector<std::string>& internal = {});
/// The answer in `format` (md: the text tables as Markdown).
std::string render(const SimulationAnswer& a, OutputFormat format);

}  // namespace bitsig::cli
