// SPDX-License-Identifier: MIT
// The `targets, factors` dialect written by BoolNet, PyBoolNet and bioLQM.
#pragma once

#include <string>
#include <string_view>

#include "model/network.hpp"

namespace bitsig {

/// Parses .bnet text. Variables used in rules without a line of their own become inputs
/// (with a warning); a target given twice is an error naming both lines.
Network read_bnet(std::string_view text, const std::string& path);

/// Renders a network as .bnet (annotations such as drugs are not representable and are
/// dropped; inputs are written as `X, X`). Throws ResourceError when a rule's exclusive-or,
/// which .bnet lacks, would make it more than 1 MB longer than with '^'.
std::string write_bnet(const Network& net);

}  // namespace bitsig
