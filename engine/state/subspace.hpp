// SPDX-License-Identifier: MIT
// A subspace of the state space: each variable fixed to 0, fixed to 1, or free ('*'). Trap
// spaces, percolated spaces and attractor summaries are subspaces. Printed as a string over
// '0', '1' and '*', character i being variable i (model order), like State.
//
// Stored as two bit masks of runtime width (bit i = variable i): `fixed` marks the fixed
// variables and `ones` those fixed to 1 (always a subset of `fixed`), so containment and
// intersection are a few word operations whatever the number of variables.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "core/bits.hpp"
#include "state/state.hpp"

namespace bitsig {

class Subspace {
public:
    Subspace() = default;
    /// The whole space of `num_vars` variables (every variable free).
    explicit Subspace(std::size_t num_vars)
        : size_(num_vars), fixed_((num_vars + 63) / 64, 0), ones_((num_vars + 63) / 64, 0) {}
    /// Parses "01*1..." (throws std::invalid_argument on other characters).
    static Subspace from_string(const std::string& text);
    /// The subspace holding exactly one state.
    static Subspace of_state(const State& s);

    std::size_t size() const { return size_; }
    bool is_fixed(std::size_t i) const { return (fixed_[i / 64] >> (i % 64)) & 1; }
    /// The value of a fixed variable (false for a free one).
    bool value(std::size_t i) const { return (ones_[i / 64] >> (i % 64)) & 1; }
    /// '0', '1' or '*'.
    char at(std::size_t i) const { return is_fixed(i) ? (value(i) ? '1' : '0') : '*'; }
    void fix(std::size_t i, bool value);
    void release(std::size_t i);
    std::size_t free_count() const;
    std::size_t fixed_count() const { return size_ - free_count(); }

    bool contains(const State& s) const;
    /// True when every state of `inner` is in this subspace (inner is a subset).
    bool contains(const Subspace& inner) const;
    bool intersects(const Subspace& other) const;

    /// Every state of the subspace, free variables counting up from the lowest-index one
    /// (2^free_count() calls; the caller bounds that).
    void for_each_state(const std::function<void(const State&)>& visit) const;
    /// The states as a list; throws std::length_error past 2^24 of them.
    std::vector<State> states() const;

    std::string to_string() const;

    /// Plain string order of to_string() ('*' < '0' < '1'), computed a word at a time.
    std::strong_ordering operator<=>(const Subspace& o) const;
    bool operator==(const Subspace& o) const = default;

private:
    std::size_t size_ = 0;
    std::vector<Word> fixed_;
    std::vector<Word> ones_;
};

std::ostream& operator<<(std::ostream& out, const Subspace& s);

}  // namespace bitsig
