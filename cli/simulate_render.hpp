// SPDX-License-Identifier: MIT
// Simulation results as text for people, JSON and CSV for other tools (CONTRACTS.md fixes
// the JSON keys: model, nodes, samples, max_time, time_tick, seed, times, probabilities,
// final, final_states).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "query/simulate.hpp"

namespace bitsig::cli {

nlohmann::json to_json(const SimulationAnswer& a);
/// format: text, json or csv.
std::string render(const SimulationAnswer& a, const std::string& format);

}  // namespace bitsig::cli
