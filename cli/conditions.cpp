// SPDX-License-Identifier: MIT
#include "conditions.hpp"

namespace bitsig::cli {

void add_condition_flags(CLI::App* cmd, Conditions& c) {
    cmd->add_option("--ko", c.knockouts, "Knock out a variable (held at 0); repeatable")->group("Conditions");
    cmd->add_option("--oe", c.overexpressions, "Over-express a variable (held at 1); repeatable")->group("Conditions");
    cmd->add_option("--fix", c.fixes, "Hold a variable at a value, e.g. --fix PTEN=0; repeatable")->group("Conditions");
    cmd->add_option("--drug", c.drugs, "Apply a drug defined in the model (name or alias); repeatable")
        ->group("Conditions");
    cmd->add_option("--context,--mutation", c.contexts, "Apply a context/mutation defined in the model; repeatable")
        ->group("Conditions");
    cmd->add_option("--cut", c.cuts, "Remove an edge A->X: X's rule reads A as 0 (inactive); repeatable")
        ->group("Conditions");
    cmd->add_option("--scenario", c.scenario, "Apply a scenario's drugs, contexts and fixes")->group("Conditions");
    cmd->add_flag("--free-inputs", c.free_inputs, "Do not hold inputs at their YAML default")->group("Conditions");
}

}  // namespace bitsig::cli
