// SPDX-License-Identifier: MIT
#include "core/count.hpp"

#include <algorithm>
#include <cmath>

namespace bitsig {

void Count::trim() {
    while (!limbs_.empty() && limbs_.back() == 0) limbs_.pop_back();
}

Count& Count::operator+=(const Count& other) {
    if (limbs_.size() < other.limbs_.size()) limbs_.resize(other.limbs_.size(), 0);
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < limbs_.size(); ++i) {
        const std::uint64_t b = i < other.limbs_.size() ? other.limbs_[i] : 0;
        if (b == 0 && carry == 0 && i >= other.limbs_.size()) break;
        const std::uint64_t sum = limbs_[i] + b;
        const std::uint64_t out = sum + carry;
        carry = (sum < b || out < sum) ? 1 : 0;
        limbs_[i] = out;
    }
    if (carry) limbs_.push_back(1);
    return *this;
}

Count& Count::shift_left(std::size_t bits) {
    if (is_zero() || bits == 0) return *this;
    const std::size_t whole = bits / 64, part = bits % 64;
    if (part != 0) {
        std::uint64_t carry = 0;
        for (auto& limb : limbs_) {
            const std::uint64_t next = limb >> (64 - part);
            limb = limb << part | carry;
            carry = next;
        }
        if (carry) limbs_.push_back(carry);
    }
    limbs_.insert(limbs_.begin(), whole, 0);
    return *this;
}

std::strong_ordering operator<=>(const Count& a, const Count& b) {
    if (a.limbs_.size() != b.limbs_.size()) return a.limbs_.size() <=> b.limbs_.size();
    for (std::size_t i = a.limbs_.size(); i-- > 0;)
        if (a.limbs_[i] != b.limbs_[i]) return a.limbs_[i] <=> b.limbs_[i];
    return std::strong_ordering::equal;
}

std::optional<std::uint64_t> Count::to_u64() const {
    if (limbs_.size() > 1) return std::nullopt;
    return limbs_.empty() ? 0 : limbs_[0];
}

double Count::to_double() const {
    double value = 0;
    for (std::size_t i = limbs_.size(); i-- > 0;)
        value = value * 18446744073709551616.0 + static_cast<double>(limbs_[i]);
    return value;
}

std::string Count::to_string() const {
    if (is_zero()) return "0";
    // Repeated division by 10^9, in 32-bit halves so each step fits in 64 bits.
    constexpr std::uint64_t kChunk = 1'000'000'000;
    std::vector<std::uint64_t> rest = limbs_;
    std::vector<std::uint64_t> chunks;
    while (!rest.empty()) {
        std::uint64_t remainder = 0;
        for (std::size_t i = rest.size(); i-- > 0;) {
            const std::uint64_t high = remainder << 32 | rest[i] >> 32;
            remainder = high % kChunk;
            const std::uint64_t low = remainder << 32 | (rest[i] & 0xffffffffULL);
            remainder = low % kChunk;
            rest[i] = (high / kChunk) << 32 | low / kChunk;
        }
        chunks.push_back(remainder);
        while (!rest.empty() && rest.back() == 0) rest.pop_back();
    }
    std::string out = std::to_string(chunks.back());
    for (std::size_t i = chunks.size() - 1; i-- > 0;) {
        const std::string digits = std::to_string(chunks[i]);
        out += std::string(9 - digits.size(), '0') + digits;
    }
    return out;
}

std::string with_thousands(const Count& c) {
    const std::string digits = c.to_string();
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i != 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::optional<Count> Count::from_string(const std::string& digits) {
    if (digits.empty()) return std::nullopt;
    Count value;
    for (char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        Count times_two = value;
        times_two.shift_left(1);
        value.shift_left(3);
        value += times_two;  // 8x + 2x
        value += Count(static_cast<std::uint64_t>(c - '0'));
    }
    return value;
}

}  // namespace bitsig
