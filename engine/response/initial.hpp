// SPDX-License-Identifier: MIT
// The initial state of a response: a full state string or a partial one ("X=1 Y=0").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/network.hpp"

namespace bitsig {

/// Per variable: 0, 1, or -1 when free (it then ranges over both values).
using PartialState = std::vector<signed char>;

/// Parses `text`: either one character '0'/'1' per variable in model order, or words
/// NAME=0 / NAME=1 separated by spaces or commas. InputError located in the text
/// ("--initial:1:COLUMN") for a bad character, a wrong length, an unknown name (with the
/// nearest one), a value other than 0/1, or a variable given twice with different values.
PartialState parse_initial_state(const Network& net, const std::string& text);

}  // namespace bitsig
