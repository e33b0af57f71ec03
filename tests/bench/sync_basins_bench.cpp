// SPDX-License-Identifier: MIT
// Basin labelling of the exhaustive synchronous search, in the same run: walks marked in
// two bitmaps beside the table (the method before) against marks kept in the table itself
// (attractor/basin_labels.cpp), on the successor tables of random N-K networks (our
// generator: k distinct random regulators per variable and a random truth table). For
// each network, best of two rounds, processor time of the thread (with other jobs on the
// machine, one thread's wall-clock time mostly measures how often it was descheduled):
//   sweep - successor_table on one thread (the evaluator-bound part of the search);
//   old   - label_synchronous_basins with Labelling::bitmaps, on a copy of the table;
//   new   - the same with Labelling::in_place (what the search uses);
// and prints nanoseconds per state, old/new and new/sweep. Both must find the same
// attractors with the same basin sizes, or the program says so and exits 1.
//
//   sync_basins_bench [n ...]      default: 20 22 24 26
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <random>
#include <string>
#include <vector>

#include "attractor/basin_labels.hpp"
#include "attractor/exhaustive.hpp"
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

// Processor time of this thread: with other jobs on the machine, wall-clock times of one
// thread mostly measure how often it was descheduled.
double cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

struct Timed {
    double seconds = 1e300;
    std::vector<std::uint64_t> basins;  // sorted
};

Timed label(Successors& table, std::uint64_t total, Labelling how) {
    Timed out;
    for (int round = 0; round < 2; ++round) {
        Successors copy(total, Successors::uninitialized);
        std::memcpy(copy.data(), table.data(), total * sizeof(std::uint32_t));
        const double t0 = cpu_seconds();
        BasinLabels labels = label_synchronous_basins(copy, total, Control{}, how);
        out.seconds = std::min(out.seconds, cpu_seconds() - t0);
        out.basins = labels.basin;
        std::sort(out.basins.begin(), out.basins.end());
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::size_t> sizes;
    for (int i = 1; i < argc; ++i) sizes.push_back(std::strtoul(argv[i], nullptr, 10));
    if (sizes.empty()) sizes = {20, 22, 24, 26};
    std::printf("%-3s %-2s %6s %10s | %8s %8s %8s | %8s %9s\n", "n", "k", "attrs", "states", "sweep_ns", "old_ns",
                "new_ns", "old/new", "new/sweep");
    int status = 0;
    for (std::size_t n : sizes)
        for (std::size_t k : {2u, 3u}) {
            Network net = random_nk(n, k, 1000 * n + k);
            const std::uint64_t total = std::uint64_t{1} << n;
            Control one;
            one.threads = 1;
            double sweep = 1e300;
            Successors table(1);
            for (int round = 0; round < 2; ++round) {
                const double t0 = cpu_seconds();
                table = successor_table(net, false, one);
                sweep = std::min(sweep, cpu_seconds() - t0);
            }
            Timed old = label(table, total, Labelling::bitmaps);
            Timed now = label(table, total, Labelling::in_place);
            auto ns = [&](double s) { return s * 1e9 / static_cast<double>(total); };
            const bool agree = old.basins == now.basins;
            std::printf("%-3zu %-2zu %6zu %10llu | %8.2f %8.2f %8.2f | %8.2f %9.2f%s\n", n, k, old.basins.size(),
                        static_cast<unsigned long long>(total), ns(sweep), ns(old.seconds), ns(now.seconds),
                        old.seconds / now.seconds, now.seconds / sweep, agree ? "" : "  DISAGREE");
            if (!agree) status = 1;
        }
    return status;
}
