// SPDX-License-Identifier: MIT
// Rules compiled to straight-line code over bit-sliced words.
//
// Layout: a block holds 64*W states. Register r is W words; bit j of word k of register v
// (v < num_inputs) is variable v in state 64*k + j. One instruction therefore evaluates
// one gate for 64*W states, and the interpreter's dispatch cost is shared by all of them.
// Registers: [0, num_inputs) are the inputs, then a constant-0 and a constant-1 register,
// then temporaries, reused as soon as their value is consumed (trees use each once).
#pragma once

#include <cassert>
#include <cstdint>
#include <vector>

#include "core/bits.hpp"
#include "expr/expr.hpp"

namespace bitsig {

class Network;

class Program {
public:
    enum class Code : std::uint8_t { op_and, op_or, op_xor, op_andnot, op_not, store, store_not };
    struct Instr {
        Code code;
        std::uint32_t dst;  // a register, or the output index for store
        std::uint32_t a;
        std::uint32_t b;
    };

    /// One output per rule, in order; rules refer to variables [0, num_inputs).
    static Program compile(const std::vector<const Expr*>& rules, std::size_t num_inputs);
    /// Every variable's rule: output v is the next value of variable v.
    static Program compile(const Network& net);

    std::size_t num_inputs() const { return num_inputs_; }
    std::size_t num_outputs() const { return num_outputs_; }
    std::size_t num_registers() const { return num_registers_; }
    std::size_t size() const { return code_.size(); }

    /// Scratch words needed by run<W>.
    std::size_t scratch_words(std::size_t W) const { return (num_registers_ - num_inputs_) * W; }

    /// Evaluates a block: in[v*W + k] are the inputs, out[i*W + k] receives output i.
    /// `scratch` must hold scratch_words(W) words. Cost: size() * W word operations.
    template <std::size_t W>
    void run(const Word* in, Word* out, Word* scratch) const;

private:
    std::size_t num_inputs_ = 0;
    std::size_t num_outputs_ = 0;
    std::size_t num_registers_ = 0;
    std::vector<Instr> code_;
};

template <std::size_t W>
void Program::run(const Word* in, Word* out, Word* scratch) const {
    // Register r lives in `in` for inputs and in `scratch` for the rest (constants first).
    auto reg = [&](std::uint32_t r) -> const Word* {
        return r < num_inputs_ ? in + static_cast<std::size_t>(r) * W
                               : scratch + static_cast<std::size_t>(r - num_inputs_) * W;
    };
    Word* const_zero = scratch;
    Word* const_one = scratch + W;
    for (std::size_t k = 0; k < W; ++k) {
        const_zero[k] = 0;
        const_one[k] = ~Word{0};
    }
    for (const Instr& ins : code_) {
        const Word* a = reg(ins.a);
        const Word* b = reg(ins.b);
        switch (ins.code) {
        case Code::op_and: {
            Word* d = scratch + static_cast<std::size_t>(ins.dst - num_inputs_) * W;
            for (std::size_t k = 0; k < W; ++k) d[k] = a[k] & b[k];
            break;
        }
        case Code::op_or: {
            Word* d = scratch + static_cast<std::size_t>(ins.dst - num_inputs_) * W;
            for (std::size_t k = 0; k < W; ++k) d[k] = a[k] | b[k];
            break;
        }
        case Code::op_xor: {
            Word* d = scratch + static_cast<std::size_t>(ins.dst - num_inputs_) * W;
            for (std::size_t k = 0; k < W; ++k) d[k] = a[k] ^ b[k];
            break;
        }
        case Code::op_andnot: {
            Word* d = scratch + static_cast<std::size_t>(ins.dst - num_inputs_) * W;
            for (std::size_t k = 0; k < W; ++k) d[k] = a[k] & ~b[k];
            break;
        }
        case Code::op_not: {
            Word* d = scratch + static_cast<std::size_t>(ins.dst - num_inputs_) * W;
            for (std::size_t k = 0; k < W; ++k) d[k] = ~a[k];
            break;
        }
        case Code::store: {
            Word* d = out + static_cast<std::size_t>(ins.dst) * W;
            for (std::size_t k = 0; k < W; ++k) d[k] = a[k];
            break;
        }
        case Code::store_not: {
            Word* d = out + static_cast<std::size_t>(ins.dst) * W;
            for (std::size_t k = 0; k < W; ++k) d[k] = ~a[k];
            break;
        }
        }
    }
}

/// Fills a block of 64*W consecutive state indices starting at `base` (a multiple of
/// 64*W) over `num_vars` variables: variable v is bit v of the state index.
template <std::size_t W>
void fill_index_block(std::uint64_t base, std::size_t num_vars, Word* in) {
    for (std::size_t v = 0; v < num_vars; ++v) {
        for (std::size_t k = 0; k < W; ++k) {
            std::uint64_t first = base + 64 * k;
            in[v * W + k] = v < 6 ? low_variable_pattern(static_cast<unsigned>(v)) : broadcast((first >> v) & 1);
        }
    }
}

/// The bit-sliced inputs of a block of 64*W consecutive state indices, kept from block to
/// block: the low log2(64*W) variables have the same pattern in every block, the others are
/// broadcast bits of the block's first index, so moving to another block rewrites only the
/// variables whose bit changed (about two per block in a sweep, not all of them).
template <std::size_t W>
class IndexBlock {
public:
    explicit IndexBlock(std::size_t num_vars) : num_vars_(num_vars), words_(num_vars * W) {
        fill_index_block<W>(0, num_vars, words_.data());
    }

    /// Moves to the block starting at `base`, a multiple of 64*W.
    void seek(std::uint64_t base) {
        assert(base % (64 * W) == 0);
        for (std::uint64_t changed = base ^ base_; changed != 0; changed &= changed - 1) {
            unsigned v = lowest_bit(changed);
            if (v >= num_vars_) break;
            Word bits = broadcast((base >> v) & 1);
            for (std::size_t k = 0; k < W; ++k) words_[v * W + k] = bits;
        }
        base_ = base;
    }

    const Word* data() const { return words_.data(); }
    std::size_t num_vars() const { return num_vars_; }

private:
    std::size_t num_vars_;
    std::uint64_t base_ = 0;
    std::vector<Word> words_;
};

}  // namespace bitsig
