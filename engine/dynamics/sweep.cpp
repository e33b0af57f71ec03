// SPDX-License-Identifier: MIT
// The successor sweep; see sweep.hpp for the layout and why the transpose is specialised.
#include "dynamics/sweep.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace bitsig {

namespace {

// A vector of Bytes bytes seen as L = Bytes/8 words (one per group of 64 states, for the
// bit transpose) or as 2L 32-bit elements (indices, for the element transpose and stores).
template <std::size_t Bytes>
struct Vec {
    typedef std::uint64_t Words __attribute__((vector_size(Bytes)));
    typedef std::uint32_t Elements __attribute__((vector_size(Bytes)));
};

// One stage of the 32x32 bit transpose, done on both 32-bit halves of every 64-bit word at
// once: bit c + S of row k swaps with bit c of row k + S (c and k with bit S clear). The
// mask keeps the low S bits of every 2S-bit field, so nothing crosses between the halves.
template <class V, unsigned S>
[[gnu::always_inline]] inline void bit_stage(V* a, Word mask) {
    for (unsigned k = 0; k < 32; k = ((k | S) + 1) & ~S) {
        V t = ((a[k] >> S) ^ a[k | S]) & mask;
        a[k] ^= t << S;
        a[k | S] ^= t;
    }
}

// The same swap between whole 32-bit elements of two vectors: element e + D of x swaps
// with element e of y (e with bit D clear).
template <class U, std::size_t D, std::size_t... E>
[[gnu::always_inline]] inline void element_swap(U& x, U& y, std::index_sequence<E...>) {
    constexpr std::size_t N = sizeof...(E);
    U nx = __builtin_shufflevector(x, y, ((E & D) == 0 ? E : E - D + N)...);
    U ny = __builtin_shufflevector(x, y, ((E & D) == 0 ? E + D : E + N)...);
    x = nx;
    y = ny;
}

template <class U, std::size_t D, std::size_t N>
[[gnu::always_inline]] inline void element_stage(U* b) {
    if constexpr (D < N) {
        for (std::size_t p = 0; p < N; p = ((p | D) + 1) & ~D) element_swap<U, D>(b[p], b[p | D], std::make_index_sequence<N>{});
        element_stage<U, 2 * D, N>(b);
    }
}

template <std::size_t Bytes>
[[gnu::always_inline]] inline void transpose_blocks(const Word* rows, std::size_t W, std::uint32_t* index) {
    using V = typename Vec<Bytes>::Words;
    using U = typename Vec<Bytes>::Elements;
    constexpr std::size_t L = Bytes / sizeof(Word);  // groups of 64 states per vector
    constexpr std::size_t E = 2 * L;                 // 32-bit elements per vector
    for (std::size_t g0 = 0; g0 < W; g0 += L) {
        V a[32];
        for (std::size_t v = 0; v < 32; ++v) std::memcpy(&a[v], rows + v * W + g0, Bytes);
        bit_stage<V, 16>(a, 0x0000FFFF0000FFFFull);
        bit_stage<V, 8>(a, 0x00FF00FF00FF00FFull);
        bit_stage<V, 4>(a, 0x0F0F0F0F0F0F0F0Full);
        bit_stage<V, 2>(a, 0x3333333333333333ull);
        bit_stage<V, 1>(a, 0x5555555555555555ull);
        // Now word l of a[k] holds, low half, the index of state 64(g0 + l) + k and, high
        // half, that of state 64(g0 + l) + 32 + k: element e = 2l + h of a[k] belongs to
        // state 64(g0 + l) + 32h + k. Transposing E x E elements between a[k0 .. k0 + E)
        // puts E consecutive states into each vector.
        U u[32];
        std::memcpy(u, a, sizeof a);
        for (std::size_t k0 = 0; k0 < 32; k0 += E) {
            U* b = u + k0;
            element_stage<U, 1, E>(b);
            for (std::size_t e = 0; e < E; ++e)
                std::memcpy(index + 64 * (g0 + e / 2) + 32 * (e % 2) + k0, &b[e], Bytes);
        }
    }
}

void slices_portable(const Word* rows, std::size_t W, std::uint32_t* index) { transpose_blocks<16>(rows, W, index); }

#if defined(__x86_64__)
#define BITSIG_X86_DISPATCH 1
__attribute__((target("avx2"))) void slices_avx2(const Word* rows, std::size_t W, std::uint32_t* index) {
    transpose_blocks<32>(rows, W, index);
}
__attribute__((target("avx512f"))) void slices_avx512(const Word* rows, std::size_t W, std::uint32_t* index) {
    transpose_blocks<64>(rows, W, index);
}
#endif

}  // namespace

bool isa_supported(SliceIsa isa) {
    switch (isa) {
    case SliceIsa::portable: return true;
#ifdef BITSIG_X86_DISPATCH
    case SliceIsa::avx2: return __builtin_cpu_supports("avx2");
    case SliceIsa::avx512: return __builtin_cpu_supports("avx512f");
#else
    case SliceIsa::avx2:
    case SliceIsa::avx512: return false;
#endif
    }
    return false;
}

SliceIsa best_slice_isa() {
    static const SliceIsa best = [] {
        for (SliceIsa isa : {SliceIsa::avx512, SliceIsa::avx2})
            if (isa_supported(isa)) return isa;
        return SliceIsa::portable;
    }();
    return best;
}

const char* to_string(SliceIsa isa) {
    switch (isa) {
    case SliceIsa::portable: return "portable";
    case SliceIsa::avx2: return "avx2";
    case SliceIsa::avx512: return "avx512";
    }
    return "?";
}

void slices_to_indices(SliceIsa isa, const Word* rows, std::size_t W, std::uint32_t* index) {
    assert(W % 8 == 0 && isa_supported(isa));
#ifdef BITSIG_X86_DISPATCH
    if (isa == SliceIsa::avx512) return slices_avx512(rows, W, index);
    if (isa == SliceIsa::avx2) return slices_avx2(rows, W, index);
#endif
    slices_portable(rows, W, index);
}

void slices_to_indices(const Word* rows, std::size_t W, std::uint32_t* index) {
    slices_to_indices(best_slice_isa(), rows, W, index);
}

SuccessorSweep::SuccessorSweep(const Program& program, bool as_mask, SliceIsa isa)
    : program_(program),
      as_mask_(as_mask),
      isa_(isa),
      index_(program.num_inputs()),
      rows_(32 * kWords, 0),
      scratch_(program.scratch_words(kWords)) {
    assert(program.num_inputs() == program.num_outputs() && program.num_outputs() <= 32);
}

void SuccessorSweep::run(std::uint64_t first, std::uint64_t count, std::uint32_t* out) {
    const std::size_t n = program_.num_outputs();
    std::uint32_t tail[kBlockStates];
    for (std::uint64_t done = 0; done < count; done += kBlockStates) {
        index_.seek(first + done);
        program_.run<kWords>(index_.data(), rows_.data(), scratch_.data());
        if (as_mask_)
            for (std::size_t i = 0; i < n * kWords; ++i) rows_[i] ^= index_.data()[i];
        std::uint64_t left = count - done;
        if (left >= kBlockStates) {
            slices_to_indices(isa_, rows_.data(), kWords, out + done);
        } else {
            slices_to_indices(isa_, rows_.data(), kWords, tail);
            std::copy(tail, tail + left, out + done);
        }
    }
}

}  // namespace bitsig
