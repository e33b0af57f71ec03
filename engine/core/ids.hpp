// SPDX-License-Identifier: MIT
// Typed identifiers. A VarId is an index into one Network's variables, in model order.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace bitsig {

struct VarId {
    std::uint32_t index = 0;
    auto operator<=>(const VarId&) const = default;
};

}  // namespace bitsig

template <>
struct std::hash<bitsig::VarId> {
    std::size_t operator()(bitsig::VarId v) const noexcept { return v.index; }
};
