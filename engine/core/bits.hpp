// SPDX-License-Identifier: MIT
// Named bit tricks over 64-bit words, so that algorithms read as what they do.
#pragma once

#include <bit>
#include <cassert>
#include <cstdint>

namespace bitsig {

using Word = std::uint64_t;
constexpr unsigned kWordBits = 64;

/// Bit j of the result is bit `var` of the integer j, for j in 0..63: the lane pattern of
/// variable var < 6 when 64 consecutive state indices are laid out bit-sliced.
constexpr Word low_variable_pattern(unsigned var) {
    constexpr Word patterns[6] = {0xAAAAAAAAAAAAAAAAull, 0xCCCCCCCCCCCCCCCCull, 0xF0F0F0F0F0F0F0F0ull,
                                  0xFF00FF00FF00FF00ull, 0xFFFF0000FFFF0000ull, 0xFFFFFFFF00000000ull};
    return patterns[var];
}

/// All ones when `bit` is set, else zero.
constexpr Word broadcast(bool bit) { return bit ? ~Word{0} : Word{0}; }

/// Transposes a 64x64 bit matrix in place: bit j of a[i] <-> bit i of a[j].
/// Turns 64 bit-sliced variable words into 64 packed states (and back).
inline void transpose64(Word a[64]) {
    Word mask = 0x00000000FFFFFFFFull;
    for (unsigned width = 32; width != 0; width >>= 1, mask ^= mask << width) {
        for (unsigned k = 0; k < 64; k = ((k | width) + 1) & ~width) {
            Word t = ((a[k] >> width) ^ a[k | width]) & mask;
            a[k] ^= t << width;
            a[k | width] ^= t;
        }
    }
}

inline unsigned popcount(Word w) { return static_cast<unsigned>(std::popcount(w)); }
inline unsigned lowest_bit(Word w) {
    assert(w != 0);
    return static_cast<unsigned>(std::countr_zero(w));
}

}  // namespace bitsig
