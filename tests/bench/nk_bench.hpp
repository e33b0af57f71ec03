// SPDX-License-Identifier: MIT
// What the synchronous exhaustive benchmarks share: random N-K networks of our own generator
// (k distinct random regulators per variable and a random truth table, written as a DNF),
// and the clocks they time with.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <random>
#include <string>
#include <vector>

#include "expr/parse.hpp"
#include "model/network.hpp"

namespace bitsig::bench {

/// n variables g0..g(n-1), each with k distinct random regulators and a random truth table
/// whose rows are each on when `row_on(rng)` says so.
template <class RowOn>
Network random_nk(std::size_t n, std::size_t k, std::uint64_t seed, RowOn row_on) {
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
            if (!row_on(rng)) continue;
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

/// The same with every row a fair coin (BoolNet's uniform functions).
inline Network random_nk(std::size_t n, std::size_t k, std::uint64_t seed) {
    return random_nk(n, k, seed, [](std::mt19937_64& rng) { return rng() % 2 != 0; });
}

/// Processor time of the calling thread: with other jobs on the machine, one thread's
/// wall-clock time mostly measures how often it was descheduled.
inline double thread_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

/// Processor time of the whole process (all threads).
inline double process_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

inline double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace bitsig::bench
