// SPDX-License-Identifier: MIT
// Basin labelling of the exhaustive synchronous search against the successor sweep, in the
// same run, on the successor tables of random N-K networks (tests/bench/nk_bench.hpp). For
// each network, best of two rounds:
//   sweep1, sweep2 - successor_table on one and on two threads (the evaluator-bound part);
//   old            - label_synchronous_basins with Labelling::in_place on one thread (the
//                    serial walk with marks in the table: the labelling before);
//   new1, new2     - Labelling::shared (what the search uses) on one and on two threads;
// every labelling on its own copy of the table. One thread is timed by its processor time
// (with other jobs on the machine, one thread's wall-clock time mostly measures how often it
// was descheduled); two threads by wall-clock time and by the process's processor time over
// two (what an even split takes on two free cores). Prints nanoseconds per state and the
// ratios old/new1, new1/sweep1, new2/sweep2. Every labelling must give the serial walk's
// labelled table and basins byte for byte, or the program says so and exits 1.
//
//   sync_basins_bench [--quick] [n ...]      default: 20 22 24 26
//
// --quick: one round of the serial and the one-thread labellings only (to count their
// instructions under valgrind --tool=callgrind).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "attractor/basin_labels.hpp"
#include "attractor/exhaustive.hpp"
#include "nk_bench.hpp"

using namespace bitsig;

namespace {

struct Timed {
    double cpu = 1e300;   // per thread: the calling thread's; on several threads: the process's
    double wall = 1e300;  // wall-clock
    std::vector<std::uint32_t> table;
    BasinLabels labels;
};

Timed label(const Successors& table, std::uint64_t total, Labelling how, unsigned threads, int rounds) {
    Timed out;
    Control control;
    control.threads = threads;
    for (int round = 0; round < rounds; ++round) {
        Successors copy(total, Successors::uninitialized);
        std::memcpy(copy.data(), &table[0], total * sizeof(std::uint32_t));
        const auto w0 = std::chrono::steady_clock::now();
        const double c0 = threads == 1 ? bench::thread_cpu_seconds() : bench::process_cpu_seconds();
        out.labels = label_synchronous_basins(copy, total, control, how);
        const double c1 = threads == 1 ? bench::thread_cpu_seconds() : bench::process_cpu_seconds();
        out.wall = std::min(out.wall, bench::seconds_since(w0));
        out.cpu = std::min(out.cpu, (c1 - c0) / threads);
        if (round + 1 == rounds) out.table.assign(copy.begin(), copy.end());
    }
    return out;
}

/// The serial walk starts each cycle at its entry, the shared labelling at its smallest state.
bool same(const Timed& serial, const Timed& other) {
    if (serial.table != other.table || serial.labels.basin != other.labels.basin) return false;
    if (serial.labels.cycles.size() != other.labels.cycles.size()) return false;
    for (std::size_t i = 0; i < serial.labels.cycles.size(); ++i) {
        auto cycle = serial.labels.cycles[i];
        std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
        if (cycle != other.labels.cycles[i]) return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::size_t> sizes;
    bool quick = false;
    for (int i = 1; i < argc; ++i) {
        if (std::string(argv[i]) == "--quick")
            quick = true;
        else
            sizes.push_back(std::strtoul(argv[i], nullptr, 10));
    }
    if (sizes.empty()) sizes = {20, 22, 24, 26};
    const int rounds = quick ? 1 : 2;
    std::printf("ns per state; 1 thread: processor time; 2 threads: wall (processor time / 2)\n");
    std::printf("%-3s %-2s %6s %10s | %6s %6s | %6s %6s %13s | %7s %10s %10s\n", "n", "k", "attrs", "states", "sweep1",
                "sweep2", "old", "new1", "new2", "old/new1", "new1/swp1", "new2/swp2");
    int status = 0;
    for (std::size_t n : sizes)
        for (std::size_t k : {2u, 3u}) {
            Network net = bench::random_nk(n, k, 1000 * n + k);
            const std::uint64_t total = std::uint64_t{1} << n;
            auto ns = [&](double s) { return s * 1e9 / static_cast<double>(total); };
            // Each table is released before the next is made, so that repeated rounds reuse
            // its memory (StateArray's uninitialized arrays) and the kernel's zeroing of new
            // pages is left out, as it is for the copies the labellings get.
            Successors table(0);
            double sweep[2] = {1e300, 1e300};
            for (unsigned threads : {1u, 2u}) {
                Control control;
                control.threads = threads;
                for (int round = 0; round < rounds && !(quick && threads == 2); ++round) {
                    table = Successors(0);
                    const auto w0 = std::chrono::steady_clock::now();
                    const double c0 = bench::thread_cpu_seconds();
                    table = successor_table(net, false, control);
                    sweep[threads - 1] = std::min(sweep[threads - 1], threads == 1 ? bench::thread_cpu_seconds() - c0
                                                                                   : bench::seconds_since(w0));
                }
            }
            const Timed old = label(table, total, Labelling::in_place, 1, rounds);
            const Timed new1 = label(table, total, Labelling::shared, 1, rounds);
            const Timed new2 = quick ? Timed{} : label(table, total, Labelling::shared, 2, rounds);
            const bool agree = same(old, new1) && (quick || same(old, new2));
            std::printf("%-3zu %-2zu %6zu %10llu | %6.2f %6.2f | %6.2f %6.2f %5.2f (%5.2f) | %8.2f %10.2f %10.2f%s\n",
                        n, k, old.labels.cycles.size(), static_cast<unsigned long long>(total), ns(sweep[0]),
                        ns(sweep[1]), ns(old.cpu), ns(new1.cpu), ns(new2.wall), ns(new2.cpu), old.cpu / new1.cpu,
                        new1.cpu / sweep[0], new2.wall / sweep[1], agree ? "" : "  DISAGREE");
            if (!agree) status = 1;
        }
    return status;
}
