// SPDX-License-Identifier: MIT
// SBML Level 3 with the Qualitative Models package (SBML-qual, Chaouiya et al. 2013): the
// exchange format of GINsim, CellCollective, BoolNet and the CoLoMoTo tools. The only
// libsbml user. Boolean models only: a species with maxLevel > 1 is refused.
#pragma once

#include <string>
#include <string_view>

#include "model/network.hpp"

namespace bitsig {

/// Parses SBML-qual text. Each qualitativeSpecies is a variable (named by its name when all
/// species have distinct ones, else by its id: see networks/FORMAT.md); the
/// function terms of the transition whose output it is give its rule; a constant species
/// with an initial level is that constant; a species no transition outputs is an input,
/// whose default is its initial level when it has one (BoolNet holds it there). Throws InputError at the element's line
/// and column for anything not Boolean.
Network read_sbml(std::string_view text, const std::string& path);

/// Renders a network as SBML-qual (Level 3 Version 1, qual Version 1): one transition per
/// rule (free inputs as `X = X`), default level 0 and one function term of level 1 whose
/// MathML compares each regulator with 1 or 0, as BoolNet writes them. Constant rules become
/// constant species; an input with a default has no transition and that initial level.
/// Other annotations (drugs, contexts, ...) are not written.
std::string write_sbml(const Network& net);

}  // namespace bitsig
