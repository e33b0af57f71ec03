// SPDX-License-Identifier: MIT
// Count: an exact non-negative integer of any size, for numbers of states (a network of
// n variables can have up to 2^n fixed points). Only what counting over a decision
// diagram needs: addition, multiplication by a power of two, comparison, printing and
// reading back what it printed.
//
// Layout: little-endian 64-bit limbs with no leading zero limb (zero is no limbs), so
// equal values have equal representations and compare limb by limb.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bitsig {

class Count {
public:
    Count() = default;
    Count(std::uint64_t value) {  // NOLINT: implicit, a Count is a number
        if (value != 0) limbs_.push_back(value);
    }

    bool is_zero() const { return limbs_.empty(); }
    Count& operator+=(const Count& other);
    /// Multiplies by 2^bits.
    Count& shift_left(std::size_t bits);
    friend Count operator+(Count a, const Count& b) { return a += b; }
    friend bool operator==(const Count& a, const Count& b) = default;
    friend std::strong_ordering operator<=>(const Count& a, const Count& b);

    /// The value when it fits in 64 bits.
    std::optional<std::uint64_t> to_u64() const;
    /// The nearest double (infinity beyond about 2^1024).
    double to_double() const;
    /// Decimal digits, e.g. "30052925440".
    std::string to_string() const;
    /// The value of a string of decimal digits (to_string's output); nullopt for anything
    /// else, including the empty string.
    static std::optional<Count> from_string(const std::string& digits);

private:
    void trim();
    std::vector<std::uint64_t> limbs_;
};

/// "3,005,292,544": decimal digits grouped by thousands, for people.
std::string with_thousands(const Count& c);

}  // namespace bitsig
