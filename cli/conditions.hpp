// SPDX-License-Identifier: MIT
// Conditions a user states on the command line (knockouts, drugs, contexts, ...), turned
// into a Perturbation of a given network. One vocabulary for every command.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "model/network.hpp"
#include "perturb/perturbation.hpp"

namespace bitsig::cli {

struct Conditions {
    std::vector<std::string> knockouts;
    std::vector<std::string> overexpressions;
    std::vector<std::string> fixes;  // "X=0" / "X=1"
    std::vector<std::string> drugs;
    std::vector<std::string> contexts;
    std::vector<std::string> cuts;  // "A->X"
    std::string scenario;
    bool free_inputs = false;

    /// Parses "context=pten_loss drug=trastuzumab ko=X oe=Y fix=X=1 cut=A->X" (also
    /// comma-separated). Throws InputError on an unknown key.
    static Conditions parse(const std::string& text);
    /// A short human description: "context pten_loss + drug trastuzumab".
    std::string describe() const;
};

/// Registers --ko, --oe, --fix, --drug, --context/--mutation, --cut, --scenario, --free-inputs.
void add_condition_flags(CLI::App* cmd, Conditions& c);

/// Resolves names against the network. Unknown names are errors listing what is known.
/// Input defaults are applied unless free_inputs; explicit conditions override them.
Perturbation resolve(const Network& net, const Conditions& c);

}  // namespace bitsig::cli
