// SPDX-License-Identifier: MIT
// One network state of runtime width: bit i is variable i (model order), packed into
// 64-bit words. Printed as BoolNet does, a string of '0'/'1' with character i = variable i.
#pragma once

#include <bit>
#include <compare>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "core/bits.hpp"
#include "core/ids.hpp"

namespace bitsig {

class State {
public:
    State() = default;
    explicit State(std::size_t num_vars) : size_(num_vars), words_((num_vars + 63) / 64, 0) {}
    /// Parses "0101..." (throws std::invalid_argument on other characters).
    static State from_string(const std::string& bits);
    /// The state whose variable i is bit i of `index` (num_vars <= 64).
    static State from_index(std::uint64_t index, std::size_t num_vars);

    std::size_t size() const { return size_; }
    bool get(std::size_t i) const { return (words_[i / 64] >> (i % 64)) & 1; }
    bool operator[](VarId v) const { return get(v.index); }
    void set(std::size_t i, bool value) {
        Word bit = Word{1} << (i % 64);
        words_[i / 64] = value ? (words_[i / 64] | bit) : (words_[i / 64] & ~bit);
    }
    void flip(std::size_t i) { words_[i / 64] ^= Word{1} << (i % 64); }
    /// The packed index (num_vars <= 64).
    std::uint64_t index() const { return words_.empty() ? 0 : words_[0]; }
    const std::vector<Word>& words() const { return words_; }
    std::vector<bool> to_bools() const;
    std::string to_string() const;

    auto operator<=>(const State& o) const {
        if (auto c = size_ <=> o.size_; c != 0) return c;
        // Compare as strings do: variable 0 is the most significant character. A word at a
        // time: in the first word that differs, the lowest differing bit is the first
        // differing variable (bits past size_ are always 0, as operator== relies on too).
        for (std::size_t w = 0; w < words_.size(); ++w)
            if (const Word diff = words_[w] ^ o.words_[w]; diff != 0)
                return ((words_[w] >> std::countr_zero(diff)) & 1) ? std::strong_ordering::greater
                                                                   : std::strong_ordering::less;
        return std::strong_ordering::equal;
    }
    bool operator==(const State& o) const { return size_ == o.size_ && words_ == o.words_; }

private:
    std::size_t size_ = 0;
    std::vector<Word> words_;
};

std::ostream& operator<<(std::ostream& out, const State& s);

}  // namespace bitsig

template <>
struct std::hash<bitsig::State> {
    std::size_t operator()(const bitsig::State& s) const noexcept {
        std::size_t h = s.size();
        for (auto w : s.words()) h = (h ^ w) * 0x9E3779B97F4A7C15ull;
        return h;
    }
};
