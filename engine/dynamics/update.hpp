// SPDX-License-Identifier: MIT
// The two update schemes of CONTRACTS.md: synchronous (every variable at once) and general
// asynchronous (one variable at a time). A property of the dynamics, shared by every search.
#pragma once

#include <ostream>
#include <string>

namespace bitsig {

enum class UpdateScheme { synchronous, asynchronous };
std::string to_string(UpdateScheme u);
std::ostream& operator<<(std::ostream& out, UpdateScheme u);

}  // namespace bitsig
