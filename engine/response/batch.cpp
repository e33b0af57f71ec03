// SPDX-License-Identifier: MIT
// Exploration visits states in no useful order, so the consecutive-index sweep of
// dynamics/sweep.hpp does not apply. Instead 64 packed states are transposed into the
// bit-sliced layout of Program (one word per variable, bit j = state j), the compiled rules
// run once over the word, and the outputs are transposed back. The 64x64 transpose is the
// recursive block swap of Warren's "Hacker's Delight" (2002, section 7-3): six stages of
// 32 masked word swaps, here with bit 0 as the first column.
#include "response/batch.hpp"

#include <algorithm>

namespace bitsig {

void transpose_64x64(std::uint64_t rows[64]) {
    std::uint64_t mask = 0x00000000FFFFFFFFull;
    for (unsigned width = 32; width != 0; width >>= 1, mask ^= mask << width) {
        for (unsigned k = 0; k < 64; k = ((k | width) + 1) & ~width) {
            std::uint64_t t = ((rows[k] >> width) ^ rows[k | width]) & mask;
            rows[k] ^= t << width;
            rows[k | width] ^= t;
        }
    }
}

BatchStepper::BatchStepper(const Network& net) : num_vars_(net.num_vars()), program_(Program::compile(net)) {
    scratch_.assign(program_.scratch_words(1), 0);
}

void BatchStepper::successors(const std::uint64_t* states, std::size_t count, std::uint64_t* next) {
    std::fill(std::begin(in_), std::end(in_), 0);
    std::copy(states, states + count, in_);
    transpose_64x64(in_);
    std::fill(std::begin(out_), std::end(out_), 0);
    if (num_vars_ > 0) program_.run<1>(in_, out_, scratch_.data());
    transpose_64x64(out_);
    std::copy(out_, out_ + count, next);
}

void BatchStepper::disagreements(const std::uint64_t* states, std::size_t count, std::uint64_t* masks) {
    successors(states, count, masks);
    for (std::size_t i = 0; i < count; ++i) masks[i] ^= states[i];
}

}  // namespace bitsig
