// SPDX-License-Identifier: MIT
// The BooleanNet rule format (Albert, Thakar, Li, Zhang and Albert 2008): `A* = B and not C`
// update rules, `A = True` initial values and `#` comments. Read only.
#pragma once

#include <string>
#include <string_view>

#include "model/network.hpp"

namespace bitsig {

/// Parses BooleanNet text. Initial values are not rules: on a variable that has an update
/// rule they are ignored (with one warning); on a variable without one, which BooleanNet
/// never changes, `True`/`False` becomes the input's default and `Random` leaves it free.
/// Rank prefixes (`1: A* = ...`) only order BooleanNet's asynchronous updates and are
/// ignored with a warning. Errors are located at the offending line and column.
Network read_booleannet(std::string_view text, const std::string& path);

}  // namespace bitsig
