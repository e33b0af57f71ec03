// SPDX-License-Identifier: MIT
// The initial state of a response: a full state string or a partial one ("X=1 Y=0").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/network.hpp"
#include "state/subspace.hpp"

namespace bitsig {

/// The variables the text sets, fixed at their values; the others free (they then range
/// over both values).
using PartialState = Subspace;

/// Parses `text`: either one character '0'/'1' per variable in model order, or words
/// NAME=0 / NAME=1 separated by spaces or commas. InputError located in the text
/// ("--initial:1:COLUMN") for a bad character, a wrong length, an unknown name (with the
/// nearest one), a value other than 0/1, or a variable given twice with different values.
PartialState parse_initial_state(const Network& net, const std::string& text);

}  // namespace bitsig
