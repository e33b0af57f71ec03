// SPDX-License-Identifier: MIT
#include "dynamics/update.hpp"

namespace bitsig {

std::string to_string(UpdateScheme u) { return u == UpdateScheme::synchronous ? "synchronous" : "asynchronous"; }
std::ostream& operator<<(std::ostream& out, UpdateScheme u) { return out << to_string(u); }

}  // namespace bitsig
