// SPDX-License-Identifier: MIT
// The bitsig network YAML format, version 1 (documented in networks/FORMAT.md).
#pragma once

#include <string>
#include <string_view>

#include "model/network.hpp"

namespace bitsig {

/// Parses and strictly validates a YAML network. All semantic errors (unknown names in
/// rules, readouts and scenarios) are collected and thrown together.
Network read_yaml(std::string_view text, const std::string& path);

/// Renders a network as YAML v1, keeping every annotation.
std::string write_yaml(const Network& net);

}  // namespace bitsig
