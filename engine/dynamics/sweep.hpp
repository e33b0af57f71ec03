// SPDX-License-Identifier: MIT
// The successor sweep: the synchronous successor (or the set of disagreeing variables) of
// every state of a range, as one 32-bit index per state, bit-parallel.
//
// A block of 64*W consecutive states is laid out bit-sliced (IndexBlock), the compiled
// rules run once over it, and the bit-sliced result is turned back into one index per
// state while it is still in L1. That last step is a bit-matrix transpose, and for cheap
// rules it costs more than the evaluation itself, so it is specialised: only the 32 rows
// an index can have are transposed (a 32x64 matrix as two 32x32 halves side by side in
// each 64-bit word, five swap stages instead of six over half the words), W/L groups of 64
// states go through the same stages at once in the L lanes of a SIMD vector, and a final
// transpose of 32-bit elements between vectors makes the indices of consecutive states
// contiguous for whole-vector stores. The vector code is written once with GCC/Clang
// vector extensions and compiled for the baseline ISA (SSE2 on x86-64, or whatever the
// target has) and, on x86-64, for AVX2 and AVX-512, chosen at run time.
#pragma once

#include <cstdint>
#include <vector>

#include "core/bits.hpp"
#include "dynamics/program.hpp"

namespace bitsig {

/// Implementations of slices_to_indices.
enum class SliceIsa { portable, avx2, avx512 };

/// Whether this machine can run `isa` (portable always can).
bool isa_supported(SliceIsa isa);
/// The best supported implementation, used when none is named.
SliceIsa best_slice_isa();
const char* to_string(SliceIsa isa);

/// Turns bit-sliced values into one index per state: rows[v * W + g] (v < 32, g < W)
/// holds bit v of states 64g .. 64g + 63, and index[64g + j] receives the 32-bit value of
/// state 64g + j. W must be a multiple of 8. Rows the caller does not use must be zero.
/// With `stream`, the indices are written with non-temporal stores, past the caches (where
/// they would only evict other data when the array is larger than the cache, and cost a
/// read of each line before it is written); `index` must then be aligned to 64 bytes.
void slices_to_indices(const Word* rows, std::size_t W, std::uint32_t* index);
void slices_to_indices(SliceIsa isa, const Word* rows, std::size_t W, std::uint32_t* index, bool stream = false);

/// One thread's sweep over a compiled network (num_inputs == num_outputs <= 32): keeps the
/// bit-sliced input block, the outputs and the scratch registers between calls.
class SuccessorSweep {
public:
    static constexpr std::size_t kWords = 32;
    static constexpr std::size_t kBlockStates = 64 * kWords;

    /// With `as_mask`, each index is next ^ state: the variables that disagree with their rule.
    /// With `stream`, whole blocks are written with non-temporal stores when `out` is aligned
    /// to 64 bytes (see slices_to_indices), and fenced before run returns.
    SuccessorSweep(const Program& program, bool as_mask, SliceIsa isa = best_slice_isa(), bool stream = false);

    /// out[i] = successor of state first + i, for i < count; `first` is a multiple of
    /// kBlockStates.
    void run(std::uint64_t first, std::uint64_t count, std::uint32_t* out);

private:
    Program program_;  // with its outputs in registers, read by the transpose in place
    bool as_mask_;
    SliceIsa isa_;
    bool stream_;
    IndexBlock<kWords> index_;
    std::vector<Word> scratch_;
    Word* rows_;  // in scratch_: 32 output registers, those past the variable count stay zero
};

}  // namespace bitsig
