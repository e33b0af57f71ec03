// SPDX-License-Identifier: MIT
// How close the synchronous exhaustive sweep runs to the compiled evaluator's own limit.
// For random N-K networks (our generator: k distinct random regulators per variable and a
// random truth table), it times, in the same run and on one thread:
//   eval   - Program::run over all 2^n states, nothing else (the evaluator's limit);
//   succ   - the successor sweep: evaluation plus transposition into one index per state;
//   search - exhaustive_synchronous without leaf peeling (sweep plus basin labelling);
//   peeled - exhaustive_synchronous as users get it.
// and prints sweep states per second per core and the ratios to eval (target: sweep within 2x).
//
//   sync_sweep_bench [n ...]      default: 20 22 24 26
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "attractor/exhaustive.hpp"
#include "dynamics/program.hpp"
#include "expr/parse.hpp"

using namespace bitsig;

namespace {

Network random_nk(std::size_t n, std::size_t k, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    NetworkBuilder b("nk");
    for (std::size_t i = 0; i < n; ++i) b.declare("g" + std::to_string(i));
    NameResolver resolve = [&](std::string_view name) { return b.find(name); };
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<std::size_t> regs;
        while (regs.size() < k) {
            std::size_t r = rng() % n;
            bool fresh = true;
            for (auto x : regs) fresh = fresh && x != r;
            if (fresh) regs.push_back(r);
        }
        std::string dnf;
        for (std::size_t row = 0; row < (std::size_t{1} << k); ++row) {
            if (rng() % 2 == 0) continue;
            std::string term;
            for (std::size_t j = 0; j < k; ++j)
                term += (j ? " & " : "") + std::string((row >> j) & 1 ? "" : "!") + "g" + std::to_string(regs[j]);
            dnf += (dnf.empty() ? "" : " | ") + ("(" + term + ")");
        }
        if (dnf.empty()) dnf = "0";
        b.set_rule(VarId{static_cast<std::uint32_t>(i)}, parse_rule(dnf, RuleSource{}, resolve).expr);
    }
    return std::move(b).build();
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::size_t> sizes;
    for (int i = 1; i < argc; ++i) sizes.push_back(std::strtoul(argv[i], nullptr, 10));
    if (sizes.empty()) sizes = {20, 22, 24, 26};
    Control one_thread;
    one_thread.threads = 1;
    std::printf("%-4s %-2s %9s %9s %9s %9s %14s %10s %10s\n", "n", "k", "eval_s", "succ_s", "search_s", "peeled_s",
                "succ_Mstate/s", "succ/eval", "search/eval");
    for (std::size_t n : sizes) {
        for (std::size_t k : {2, 3}) {
            Network net = random_nk(n, k, n * 100 + k);
            Program p = Program::compile(net);
            constexpr std::size_t W = 8;
            std::vector<Word> in(n * W), out(n * W), scratch(p.scratch_words(W));
            std::uint64_t total = std::uint64_t{1} << n;
            Word sink = 0;
            auto t0 = std::chrono::steady_clock::now();
            for (std::uint64_t base = 0; base < total; base += 64 * W) {
                fill_index_block<W>(base, n, in.data());
                p.run<W>(in.data(), out.data(), scratch.data());
                sink ^= out[0];
            }
            double eval = seconds_since(t0);
            t0 = std::chrono::steady_clock::now();
            Successors table = successor_table(net, false, one_thread);
            double successors = seconds_since(t0);
            ExhaustiveOptions unpeeled;
            unpeeled.peel_leaves = false;
            t0 = std::chrono::steady_clock::now();
            Result r = exhaustive_synchronous(net, unpeeled, one_thread);
            double sweep = seconds_since(t0);
            t0 = std::chrono::steady_clock::now();
            Result r2 = exhaustive_synchronous(net, {}, one_thread);
            double peeled = seconds_since(t0);
            if (r.attractors.size() != r2.attractors.size()) std::printf("MISMATCH peeled vs unpeeled\n");
            std::printf("%-4zu %-2zu %9.3f %9.3f %9.3f %9.3f %14.1f %10.2f %10.2f%s\n", n, k, eval, successors, sweep,
                        peeled, static_cast<double>(total) / successors / 1e6, successors / eval, sweep / eval,
                        sink == 42 ? " " : "");
        }
    }
    return 0;
}
