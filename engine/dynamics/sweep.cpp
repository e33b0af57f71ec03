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

// One swap of the 32x32 bit transpose, done on both 32-bit halves of every 64-bit word at
// once: bit c + S of row x swaps with bit c of row y = x + S (c with bit S clear). The mask
// keeps the low S bits of every 2S-bit field, so nothing crosses between the halves.
template <unsigned S, class V>
[[gnu::always_inline]] inline void bit_swap(V& x, V& y) {
    constexpr Word masks[] = {0,
                              0x5555555555555555ull,
                              0x3333333333333333ull,
                              0,
                              0x0F0F0F0F0F0F0F0Full,
                              0,
                              0,
                              0,
                              0x00FF00FF00FF00FFull,
                              0,
                              0,
                              0,
                              0,
                              0,
                              0,
                              0,
                              0x0000FFFF0000FFFFull};
    V t = ((x >> S) ^ y) & masks[S];
    x ^= t << S;
    y ^= t;
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
#pragma GCC unroll 16
        for (std::size_t p = 0; p < N; p = ((p | D) + 1) & ~D)
            element_swap<U, D>(b[p], b[p | D], std::make_index_sequence<N>{});
        element_stage<U, 2 * D, N>(b);
    }
}

// Stores one vector of indices: plainly, or (Stream) past the caches with a non-temporal
// store, which needs `to` aligned to the vector and an sfence before other threads read.
// GCC's intrinsics for that cannot be inlined into this generic function (only into one
// compiled for their ISA), so x86-64 gets the one instruction as inline assembly; the
// operand is printed as xmm, ymm or zmm after the vector's size.
template <bool Stream, std::size_t Bytes, class U>
[[gnu::always_inline]] inline void store_indices(std::uint32_t* to, const U& v) {
    if constexpr (Stream) {
#if defined(__clang__)
        __builtin_nontemporal_store(v, reinterpret_cast<U*>(to));
        return;
#elif defined(__x86_64__)
#if defined(__AVX__)
        constexpr bool vex = true;
#else
        constexpr bool vex = false;
#endif
        if constexpr (Bytes == 16 && !vex) {
            asm("movntdq %1, %0" : "=m"(*reinterpret_cast<U*>(to)) : "x"(v));
        } else {
            static_assert(Bytes == 16 || Bytes == 32 || Bytes == 64);
            asm("vmovntdq %1, %0" : "=m"(*reinterpret_cast<U*>(to)) : "v"(v));
        }
        return;
#endif
    }
    std::memcpy(to, &v, Bytes);
}

template <std::size_t Bytes, bool Stream>
[[gnu::always_inline]] inline void transpose_blocks(const Word* rows, std::size_t W, std::uint32_t* index) {
    using V = typename Vec<Bytes>::Words;
    using U = typename Vec<Bytes>::Elements;
    constexpr std::size_t L = Bytes / sizeof(Word);  // groups of 64 states per vector
    constexpr std::size_t E = 2 * L;                 // 32-bit elements per vector
    constexpr std::size_t G = E > 8 ? E : 8;         // rows finished together
    for (std::size_t g0 = 0; g0 < W; g0 += L) {
        // The five swap stages commute; they are ordered so that few rows are live at a
        // time (SSE2 and AVX2 have 16 registers for 32 rows): stages 16 and 8 on rows
        // j, j + 8, j + 16, j + 24, then stages 4, 2, 1 and the element transpose on G
        // consecutive rows.
        V a[32];
#pragma GCC unroll 8
        for (std::size_t j = 0; j < 8; ++j) {
            V* b = a + j;
            std::memcpy(&b[0], rows + j * W + g0, Bytes);
            std::memcpy(&b[8], rows + (j + 8) * W + g0, Bytes);
            std::memcpy(&b[16], rows + (j + 16) * W + g0, Bytes);
            std::memcpy(&b[24], rows + (j + 24) * W + g0, Bytes);
            bit_swap<16>(b[0], b[16]);
            bit_swap<16>(b[8], b[24]);
            bit_swap<8>(b[0], b[8]);
            bit_swap<8>(b[16], b[24]);
        }
#pragma GCC unroll 4
        for (std::size_t k0 = 0; k0 < 32; k0 += G) {
#pragma GCC unroll 2
            for (std::size_t q = k0; q < k0 + G; q += 8) {
                V* b = a + q;
#pragma GCC unroll 4
                for (std::size_t i : {0, 1, 2, 3}) bit_swap<4>(b[i], b[i + 4]);
#pragma GCC unroll 4
                for (std::size_t i : {0, 1, 4, 5}) bit_swap<2>(b[i], b[i + 2]);
#pragma GCC unroll 4
                for (std::size_t i : {0, 2, 4, 6}) bit_swap<1>(b[i], b[i + 1]);
            }
            // Now word l of a[k] holds, low half, the index of state 64(g0 + l) + k and,
            // high half, that of state 64(g0 + l) + 32 + k: element e = 2l + h of a[k]
            // belongs to state 64(g0 + l) + 32h + k. Transposing E x E elements between
            // a[k1 .. k1 + E) puts E consecutive states into each vector.
#pragma GCC unroll 2
            for (std::size_t k1 = k0; k1 < k0 + G; k1 += E) {
                U b[E];
                std::memcpy(b, a + k1, sizeof b);
                element_stage<U, 1, E>(b);
#pragma GCC unroll 16
                for (std::size_t e = 0; e < E; ++e)
                    store_indices<Stream, Bytes>(index + 64 * (g0 + e / 2) + 32 * (e % 2) + k1, b[e]);
            }
        }
    }
}

template <bool Stream>
void slices_portable(const Word* rows, std::size_t W, std::uint32_t* index) {
    transpose_blocks<16, Stream>(rows, W, index);
}

#if defined(__x86_64__)
#define BITSIG_X86_DISPATCH 1
template <bool Stream>
__attribute__((target("avx2"))) void slices_avx2(const Word* rows, std::size_t W, std::uint32_t* index) {
    transpose_blocks<32, Stream>(rows, W, index);
}
template <bool Stream>
__attribute__((target("avx512f"))) void slices_avx512(const Word* rows, std::size_t W, std::uint32_t* index) {
    transpose_blocks<64, Stream>(rows, W, index);
}
#endif

}  // namespace

bool isa_supported(SliceIsa isa) {
    switch (isa) {
    case SliceIsa::portable:
        return true;
#ifdef BITSIG_X86_DISPATCH
    case SliceIsa::avx2:
        return __builtin_cpu_supports("avx2");
    case SliceIsa::avx512:
        return __builtin_cpu_supports("avx512f");
#else
    case SliceIsa::avx2:
    case SliceIsa::avx512:
        return false;
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
    case SliceIsa::portable:
        return "portable";
    case SliceIsa::avx2:
        return "avx2";
    case SliceIsa::avx512:
        return "avx512";
    }
    return "?";
}

namespace {

// Without the fence that streaming stores need before anyone else reads them.
void dispatch(SliceIsa isa, const Word* rows, std::size_t W, std::uint32_t* index, bool stream) {
    assert(W % 8 == 0 && isa_supported(isa));
    assert(!stream || reinterpret_cast<std::uintptr_t>(index) % 64 == 0);
#ifdef BITSIG_X86_DISPATCH
    if (isa == SliceIsa::avx512)
        return stream ? slices_avx512<true>(rows, W, index) : slices_avx512<false>(rows, W, index);
    if (isa == SliceIsa::avx2) return stream ? slices_avx2<true>(rows, W, index) : slices_avx2<false>(rows, W, index);
#endif
    stream ? slices_portable<true>(rows, W, index) : slices_portable<false>(rows, W, index);
}

void fence_streams() {
#if defined(__x86_64__)
    asm volatile("sfence" ::: "memory");
#endif
}

}  // namespace

void slices_to_indices(SliceIsa isa, const Word* rows, std::size_t W, std::uint32_t* index, bool stream) {
    dispatch(isa, rows, W, index, stream);
    if (stream) fence_streams();
}

void slices_to_indices(const Word* rows, std::size_t W, std::uint32_t* index) {
    slices_to_indices(best_slice_isa(), rows, W, index);
}

SuccessorSweep::SuccessorSweep(const Program& program, bool as_mask, SliceIsa isa, bool stream)
    : program_(program.with_outputs_in_registers(32)), as_mask_(as_mask), isa_(isa), stream_(stream),
      index_(program.num_inputs()), scratch_(program_.scratch_words(kWords), 0),
      rows_(scratch_.data() + (program.num_registers() - program.num_inputs()) * kWords) {
    assert(program.num_inputs() == program.num_outputs() && program.num_outputs() <= 32);
}

void SuccessorSweep::run(std::uint64_t first, std::uint64_t count, std::uint32_t* out) {
    const std::size_t n = program_.num_outputs();
    // Streaming stores need whole vectors at aligned addresses; a misaligned array is
    // written plainly.
    const bool stream = stream_ && reinterpret_cast<std::uintptr_t>(out) % 64 == 0;
    alignas(64) std::uint32_t tail[kBlockStates];
    for (std::uint64_t done = 0; done < count; done += kBlockStates) {
        index_.seek(first + done);
        program_.run<kWords>(index_.data(), nullptr, scratch_.data());
        if (as_mask_)
            for (std::size_t i = 0; i < n * kWords; ++i) rows_[i] ^= index_.data()[i];
        std::uint64_t left = count - done;
        if (left >= kBlockStates) {
            dispatch(isa_, rows_, kWords, out + done, stream);
        } else {
            dispatch(isa_, rows_, kWords, tail, false);
            std::copy(tail, tail + left, out + done);
        }
    }
    if (stream) fence_streams();
}

}  // namespace bitsig
