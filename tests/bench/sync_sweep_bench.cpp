// SPDX-License-Identifier: MIT
// How close the synchronous exhaustive sweep runs to the compiled evaluator's own limit.
// For random N-K networks (our generator: k distinct random regulators per variable and a
// random truth table), it times, in the same run and on one thread:
//   eval   - Program::run over all 2^n states, inputs from IndexBlock, nothing else (the
//            evaluator's limit), in blocks of the sweep's width (SuccessorSweep::kWords);
//   kernel - the sweep itself, SuccessorSweep::run over all states into an array that is
//            already in memory: evaluation, transpose into one index per state, stores;
//   old    - the sweep as it was before SuccessorSweep, into the same array: blocks of 512
//            states (W = 8) with inputs refilled for every block, a full 64x64 transpose
//            (transpose64) per 64 states, scalar stores;
//   succ   - successor_table as the searches call it, again and again (a screen): its
//            array takes the memory the last table of its size left (StateArray's
//            uninitialized arrays), and, from 32 MiB, is written with streaming stores;
//   fresh  - successor_table with that memory given back first: new pages, so the
//            kernel's zeroing of them is included (a single search);
//   search - exhaustive_synchronous without leaf peeling (succ plus basin labelling);
//   peeled - exhaustive_synchronous as users get it.
// eval, old, kernel, succ and fresh are the best of three rounds. A first line times each
// transpose alone on one block that stays in L1. Before timing, an array of the
// same size is touched and freed, so that memory the process gets back from the kernel
// is backed (on a virtual machine the first touch of guest memory can cost 30x more).
// Prints millions of states per second per core and the ratios to eval (target: sweep
// within 2x).
//
//   sync_sweep_bench [--isa portable|avx2|avx512] [n ...]      default: best ISA, 20 22 24 26
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "attractor/exhaustive.hpp"
#include "dynamics/program.hpp"
#include "dynamics/sweep.hpp"
#include "nk_bench.hpp"

using namespace bitsig;
using bench::random_nk;
using bench::seconds_since;

template <class F>
double best_of_three(F&& run) {
    double best = 1e300;
    for (int round = 0; round < 3; ++round) {
        auto t0 = std::chrono::steady_clock::now();
        run();
        best = std::min(best, seconds_since(t0));
    }
    return best;
}

int main(int argc, char** argv) {
    std::vector<std::size_t> sizes;
    SliceIsa isa = best_slice_isa();
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--isa" && i + 1 < argc) {
            std::string name = argv[++i];
            for (SliceIsa candidate : {SliceIsa::portable, SliceIsa::avx2, SliceIsa::avx512})
                if (name == to_string(candidate)) isa = candidate;
            if (name != to_string(isa) || !isa_supported(isa)) {
                std::fprintf(stderr, "unknown or unsupported ISA: %s\n", name.c_str());
                return 2;
            }
        } else {
            sizes.push_back(std::strtoul(argv[i], nullptr, 10));
        }
    }
    if (sizes.empty()) sizes = {20, 22, 24, 26};
    Control one_thread;
    one_thread.threads = 1;
    // The transposes alone, on one block that stays in L1: nanoseconds per state.
    {
        constexpr std::size_t W = SuccessorSweep::kWords, reps = 20000;
        std::mt19937_64 rng(1);
        std::vector<Word> rows(32 * W);
        for (auto& w : rows) w = rng();
        std::vector<std::uint32_t> index(64 * W);
        auto per_state = [&](double s) { return s * 1e9 / static_cast<double>(reps * 64 * W); };
        double old = best_of_three([&] {
            Word lanes[64] = {};
            for (std::size_t r = 0; r < reps; ++r)
                for (std::size_t w = 0; w < W; ++w) {
                    for (std::size_t v = 0; v < 32; ++v) lanes[v] = rows[v * W + w] ^ r;
                    transpose64(lanes);
                    for (std::size_t j = 0; j < 64; ++j) index[64 * w + j] = static_cast<std::uint32_t>(lanes[j]);
                }
        });
        std::printf("transpose alone, ns/state: transpose64 %.3f", per_state(old));
        for (SliceIsa candidate : {SliceIsa::portable, SliceIsa::avx2, SliceIsa::avx512}) {
            if (!isa_supported(candidate)) continue;
            double t = best_of_three([&] {
                for (std::size_t r = 0; r < reps; ++r) {
                    rows[r % rows.size()] ^= r;
                    slices_to_indices(candidate, rows.data(), W, index.data());
                }
            });
            std::printf(", %s %.3f", to_string(candidate), per_state(t));
        }
        std::printf("\n");
    }
    std::printf("kernel transpose: %s (succ, search: %s); Mstates/s per core (one thread)\n", to_string(isa),
                to_string(best_slice_isa()));
    std::printf("%-3s %-2s %8s %8s %8s %9s %9s | %6s %6s %6s %6s %6s | %6s %6s %6s %6s %6s\n", "n", "k", "eval_s",
                "kernel_s", "succ_s", "search_s", "peeled_s", "eval", "old", "kernel", "succ", "fresh", "old/ev",
                "krn/ev", "succ/ev", "frsh/ev", "srch/ev");
    for (std::size_t n : sizes) {
        for (std::size_t k : {2, 3}) {
            Network net = random_nk(n, k, n * 100 + k);
            Program p = Program::compile(net);
            constexpr std::size_t W = SuccessorSweep::kWords;
            std::vector<Word> out(n * W), scratch(p.scratch_words(W));
            std::uint64_t total = std::uint64_t{1} << n;
            Successors warm(total);
            std::fill(warm.begin(), warm.end(), 1);
            Word sink = 0;
            double eval = best_of_three([&] {
                IndexBlock<W> in(n);
                for (std::uint64_t base = 0; base < total; base += 64 * W) {
                    in.seek(base);
                    p.run<W>(in.data(), out.data(), scratch.data());
                    sink ^= out[0];
                }
            });
            double kernel = best_of_three([&] {
                SuccessorSweep sweep(p, false, isa);
                sweep.run(0, total, warm.data());
            });
            double old = best_of_three([&] {
                constexpr std::size_t W8 = 8;  // the old sweep's block width
                std::vector<Word> in(n * W8), out8(n * W8), scratch8(p.scratch_words(W8));
                Word lanes[64];
                for (std::uint64_t base = 0; base < total; base += 64 * W8) {
                    fill_index_block<W8>(base, n, in.data());
                    p.run<W8>(in.data(), out8.data(), scratch8.data());
                    for (std::size_t w = 0; w < W8 && base + 64 * w < total; ++w) {
                        for (std::size_t v = 0; v < 64; ++v) lanes[v] = v < n ? out8[v * W8 + w] : 0;
                        transpose64(lanes);
                        for (std::size_t j = 0; j < 64; ++j)
                            warm[base + 64 * w + j] = static_cast<std::uint32_t>(lanes[j]);
                    }
                }
            });
            warm = Successors(0);
            double succ = best_of_three([&] { sink ^= successor_table(net, false, one_thread)[total - 1]; });
            double fresh = 1e300;
            for (int round = 0; round < 3; ++round) {
                detail::MappingCache::instance().drop();
                auto t0 = std::chrono::steady_clock::now();
                sink ^= successor_table(net, false, one_thread)[total - 1];
                fresh = std::min(fresh, seconds_since(t0));
            }
            ExhaustiveOptions unpeeled;
            unpeeled.peel_leaves = false;
            auto t0 = std::chrono::steady_clock::now();
            Result r = exhaustive_synchronous(net, unpeeled, one_thread);
            double search = seconds_since(t0);
            t0 = std::chrono::steady_clock::now();
            Result r2 = exhaustive_synchronous(net, {}, one_thread);
            double peeled = seconds_since(t0);
            if (r.attractors.size() != r2.attractors.size()) std::printf("MISMATCH peeled vs unpeeled\n");
            auto rate = [&](double s) { return static_cast<double>(total) / s / 1e6; };
            std::printf(
                "%-3zu %-2zu %8.3f %8.3f %8.3f %9.3f %9.3f | %6.0f %6.0f %6.0f %6.0f %6.0f | %6.2f %6.2f %6.2f %6.2f "
                "%6.2f%s\n",
                n, k, eval, kernel, succ, search, peeled, rate(eval), rate(old), rate(kernel), rate(succ), rate(fresh),
                old / eval, kernel / eval, succ / eval, fresh / eval, search / eval, sink == 42 ? " " : "");
        }
    }
    return 0;
}
