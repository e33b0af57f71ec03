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
#include <utility>
#include <vector>

#include "core/bits.hpp"
#include "expr/expr.hpp"

namespace bitsig {

class Network;

class Program {
public:
    // op_nand .. op_ornot are only made by with_outputs_in_registers (ornot: a | ~b).
    enum class Code : std::uint8_t {
        op_and,
        op_or,
        op_xor,
        op_andnot,
        op_not,
        store,
        store_not,
        op_nand,
        op_nor,
        op_xnor,
        op_ornot
    };
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

    /// The same computation without store instructions, for consumers that read the outputs
    /// where they are computed (the successor sweep): output i goes to register
    /// num_registers() + i (of this program) and `slots` >= num_outputs() such registers are
    /// added; those past the outputs are never written. The instruction that computes an
    /// output writes it there directly (negated for a negated store), so a store costs
    /// nothing unless it copies an input or a constant. run's `out` is then unused.
    Program with_outputs_in_registers(std::size_t slots) const;

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
        case Code::op_nand: {
            Word* d = scratch + static_cast<std::size_t>(ins.dst - num_inputs_) * W;
            for (std::size_t k = 0; k < W; ++k) d[k] = ~(a[k] & b[k]);
            break;
        }
        case Code::op_nor: {
            Word* d = scratch + static_cast<std::size_t>(ins.dst - num_inputs_) * W;
            for (std::size_t k = 0; k < W; ++k) d[k] = ~(a[k] | b[k]);
            break;
        }
        case Code::op_xnor: {
            Word* d = scratch + static_cast<std::size_t>(ins.dst - num_inputs_) * W;
            for (std::size_t k = 0; k < W; ++k) d[k] = ~(a[k] ^ b[k]);
            break;
        }
        case Code::op_ornot: {
            Word* d = scratch + static_cast<std::size_t>(ins.dst - num_inputs_) * W;
            for (std::size_t k = 0; k < W; ++k) d[k] = a[k] | ~b[k];
            break;
        }
        }
    }
}

inline Program Program::with_outputs_in_registers(std::size_t slots) const {
    assert(slots >= num_outputs_);
    Program p;
    p.num_inputs_ = num_inputs_;
    p.num_outputs_ = num_outputs_;
    p.num_registers_ = num_registers_ + slots;
    const std::uint32_t first_output = static_cast<std::uint32_t>(num_registers_);
    const std::uint32_t first_temp = static_cast<std::uint32_t>(num_inputs_ + 2);
    // last_def[r]: where in p.code_ temporary r was last written. A temporary is read once
    // (rules are trees), so when that read is a store, nothing else reads it in between and
    // its definition can write the output register instead.
    std::vector<std::size_t> last_def(num_registers_, SIZE_MAX);
    for (const Instr& ins : code_) {
        if (ins.code != Code::store && ins.code != Code::store_not) {
            last_def[ins.dst] = p.code_.size();
            p.code_.push_back(ins);
            continue;
        }
        const std::uint32_t to = first_output + ins.dst;
        const bool negate = ins.code == Code::store_not;
        const std::size_t d = ins.a >= first_temp ? last_def[ins.a] : SIZE_MAX;
        if (d == SIZE_MAX) {  // an input or a constant: copy it (x & x), or its negation
            p.code_.push_back({negate ? Code::op_not : Code::op_and, to, ins.a, ins.a});
            continue;
        }
        Instr& def = p.code_[d];
        last_def[ins.a] = SIZE_MAX;
        def.dst = to;
        if (!negate) continue;
        switch (def.code) {
        case Code::op_and:
            def.code = Code::op_nand;
            break;
        case Code::op_or:
            def.code = Code::op_nor;
            break;
        case Code::op_xor:
            def.code = Code::op_xnor;
            break;
        case Code::op_andnot:
            def.code = Code::op_ornot;
            std::swap(def.a, def.b);
            break;  // ~(a & ~b) = b | ~a
        case Code::op_not:
            def.code = Code::op_and;
            def.b = def.a;
            break;
        case Code::op_nand:
            def.code = Code::op_and;
            break;
        case Code::op_nor:
            def.code = Code::op_or;
            break;
        case Code::op_xnor:
            def.code = Code::op_xor;
            break;
        case Code::op_ornot:
            def.code = Code::op_andnot;
            std::swap(def.a, def.b);
            break;  // ~(a | ~b) = b & ~a
        case Code::store:
        case Code::store_not:
            assert(false);
            break;
        }
    }
    return p;
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
