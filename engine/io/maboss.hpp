// SPDX-License-Identifier: MIT
// MaBoSS model files (Stoll et al. 2012, 2017): `.bnd` (nodes with logic and rates) and
// `.cfg` (parameters, initial states, run settings). As a MODEL everywhere in bitsig a
// `.bnd` gives its logic; `simulate` also takes its rates, parameters and istates.
// Anything in these files that would change a result and that bitsig does not implement
// is a located error, never skipped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/network.hpp"
#include "model/rates.hpp"

namespace bitsig {

/// Run settings a .cfg may give (unset: the caller's defaults).
struct MabossSettings {
    std::optional<std::uint64_t> sample_count;
    std::optional<double> max_time;
    std::optional<double> time_tick;
    std::optional<bool> discrete_time;
    std::optional<unsigned> thread_count;
    std::optional<std::uint64_t> seed;
};

struct MabossModel {
    Network net;                        // logic (nodes without logic are inputs)
    std::vector<VariableRates> rates;   // rate_up / rate_down as cases (see stochastic_model.hpp)
    std::vector<InitialGroup> initial;  // istates (-1, or none: 0/1 with 1/2)
    std::vector<std::string> internal;  // nodes marked is_internal
    MabossSettings settings;
};

/// The logic of a .bnd as a network (rates are read and checked for syntax only).
Network read_bnd(std::string_view text, const std::string& path);

/// A .bnd with its .cfg (cfg_path empty: no cfg). Parameters `$x` are defined in the cfg;
/// rates must evaluate to finite numbers >= 0 in every state.
MabossModel read_maboss(std::string_view bnd_text, const std::string& bnd_path, std::string_view cfg_text,
                        const std::string& cfg_path);

}  // namespace bitsig
