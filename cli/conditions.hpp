// SPDX-License-Identifier: MIT
// The command-line flags that state conditions (see perturb/conditions.hpp).
#pragma once

#include <CLI/CLI.hpp>

#include "perturb/conditions.hpp"

namespace bitsig::cli {

/// Registers --ko, --oe, --fix, --drug, --context/--mutation, --cut, --scenario, --free-inputs.
void add_condition_flags(CLI::App* cmd, Conditions& c);

}  // namespace bitsig::cli
