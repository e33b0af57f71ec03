// SPDX-License-Identifier: MIT
// Successors of arbitrary (not consecutive) states, 64 at a time, with the compiled rules.
#pragma once

#include <cstdint>
#include <vector>

#include "dynamics/program.hpp"
#include "model/network.hpp"

namespace bitsig {

/// Transposes a 64x64 bit matrix in place: bit j of rows[i] becomes bit i of rows[j].
void transpose_64x64(std::uint64_t rows[64]);

/// Evaluates a network of at most 64 variables on packed states (variable v = bit v).
class BatchStepper {
public:
    static constexpr std::size_t kBatch = 64;

    explicit BatchStepper(const Network& net);

    std::size_t num_vars() const { return num_vars_; }
    /// next[i] = the synchronous successor of states[i], for i < count <= 64.
    void successors(const std::uint64_t* states, std::size_t count, std::uint64_t* next);
    /// masks[i] = the variables that disagree with their rule in states[i] (its asynchronous moves).
    void disagreements(const std::uint64_t* states, std::size_t count, std::uint64_t* masks);

private:
    std::size_t num_vars_;
    Program program_;
    std::vector<Word> scratch_;
    std::uint64_t in_[64];
    std::uint64_t out_[64];
};

}  // namespace bitsig
