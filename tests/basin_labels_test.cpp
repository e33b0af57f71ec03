// SPDX-License-Identifier: MIT
// Basin labelling of synchronous state graphs, every method, against a checker that finds
// each state's cycle on its own (Brent's cycle detection, no shared labels), and the
// parallel method on 1 to 4 threads against the serial walk: the same bytes.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "attractor/basin_labels.hpp"
#include "attractor/exhaustive.hpp"
#include "dynamics/step.hpp"
#include "oracle/oracle.hpp"

using namespace bitsig;

namespace {

/// The smallest state of the cycle x's trajectory ends in, found from x alone.
std::uint64_t cycle_minimum(const std::vector<std::uint64_t>& f, std::uint64_t x) {
    std::uint64_t power = 1, length = 1, tortoise = x, hare = f[x];
    while (tortoise != hare) {
        if (power == length) {
            tortoise = hare;
            power *= 2;
            length = 0;
        }
        hare = f[hare];
        ++length;
    }
    std::uint64_t low = hare;
    for (std::uint64_t y = f[hare]; y != hare; y = f[y]) low = std::min(low, y);
    return low;
}

/// Labels a copy of f and checks every state's label, every cycle and every basin.
void check_labelling(const std::vector<std::uint64_t>& f, Labelling how, unsigned threads = 0) {
    const std::uint64_t total = f.size();
    Successors succ(total);
    for (std::uint64_t x = 0; x < total; ++x) succ[x] = static_cast<std::uint32_t>(f[x]);
    Control control;
    control.threads = threads;
    BasinLabels labels = label_synchronous_basins(succ, total, control, how);
    REQUIRE(labels.basin.size() == labels.cycles.size());
    std::vector<std::uint64_t> minimum_of(labels.cycles.size());
    std::size_t broken = 0, empty = 0;
    for (std::size_t l = 0; l < labels.cycles.size(); ++l) {
        const auto& cycle = labels.cycles[l];
        if (cycle.empty()) {
            ++empty;
            continue;
        }
        for (std::size_t i = 0; i < cycle.size(); ++i) broken += f[cycle[i]] != cycle[(i + 1) % cycle.size()];
        minimum_of[l] = *std::min_element(cycle.begin(), cycle.end());
    }
    CHECK(empty == 0);
    CHECK(broken == 0);
    std::vector<std::uint64_t> sorted = minimum_of;
    std::sort(sorted.begin(), sorted.end());
    CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());  // each cycle once
    std::vector<std::uint64_t> counted(labels.cycles.size(), 0);
    std::size_t wrong = 0;
    for (std::uint64_t x = 0; x < total; ++x) {
        if (succ[x] >= labels.cycles.size()) {
            ++wrong;
            continue;
        }
        wrong += minimum_of[succ[x]] != cycle_minimum(f, x);
        ++counted[succ[x]];
    }
    CHECK(wrong == 0);
    CHECK(counted == labels.basin);
}

/// The labelled table and the labels of a copy of f.
std::pair<std::vector<std::uint32_t>, BasinLabels> labelled(const std::vector<std::uint64_t>& f, Labelling how,
                                                            unsigned threads, TableAfter after = TableAfter::labels) {
    Successors succ(f.size());
    for (std::uint64_t x = 0; x < f.size(); ++x) succ[x] = static_cast<std::uint32_t>(f[x]);
    Control control;
    control.threads = threads;
    BasinLabels labels = label_synchronous_basins(succ, f.size(), control, how, after);
    return {std::vector<std::uint32_t>(succ.begin(), succ.end()), std::move(labels)};
}

/// The parallel labelling on 1 to 4 threads gives the serial walk's labels, basins and
/// cycles in its order (each cycle from its smallest state instead of its entry).
void check_same_as_serial(const std::vector<std::uint64_t>& f) {
    auto [serial_table, serial] = labelled(f, Labelling::in_place, 1);
    for (auto& cycle : serial.cycles)
        std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
    for (unsigned threads = 1; threads <= 4; ++threads) {
        CAPTURE(threads);
        auto [table, labels] = labelled(f, Labelling::shared, threads);
        CHECK(table == serial_table);
        CHECK(labels.basin == serial.basin);
        CHECK(labels.cycles == serial.cycles);
        // What the search asks for: no labels left in the table, the same cycles and basins.
        BasinLabels quick = labelled(f, Labelling::shared, threads, TableAfter::anything).second;
        CHECK(quick.basin == serial.basin);
        CHECK(quick.cycles == serial.cycles);
    }
}

/// A random mapping of 2^bits states; some seeds are mostly fixed points or a few long
/// cycles, so walks collide in every way.
std::vector<std::uint64_t> random_mapping(std::uint64_t seed, std::uint64_t bits) {
    std::mt19937_64 rng(seed);
    const std::uint64_t total = std::uint64_t{1} << bits;
    std::vector<std::uint64_t> f(total);
    const std::uint64_t fixed_share = seed % 3;  // 0: none, 1: a third, 2: two thirds
    for (std::uint64_t x = 0; x < total; ++x)
        f[x] = rng() % 3 < fixed_share ? x : rng() % (seed % 4 == 0 ? std::max<std::uint64_t>(1, total / 64) : total);
    return f;
}

}  // namespace

TEST_SUITE("basin_labels") {
TEST_CASE("labels of random mappings are those of each state's own cycle, with every method") {
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        CAPTURE(seed);
        const std::vector<std::uint64_t> f = random_mapping(seed, 4 + seed % 13);
        check_labelling(f, Labelling::shared, 1);
        check_labelling(f, Labelling::shared, 3);
        check_labelling(f, Labelling::in_place);
        check_labelling(f, Labelling::bitmaps);
    }
}

TEST_CASE("the parallel labelling gives the serial walk's bytes on any number of threads") {
    // From 2^14 states the labelling runs on threads; up to 2^18 here, so that the chunks
    // of several threads meet one another's walks.
    for (std::uint64_t seed = 1; seed <= 24; ++seed) {
        CAPTURE(seed);
        check_same_as_serial(random_mapping(seed, 10 + seed % 9));
    }
    // A permutation (every state on a cycle: walks never end at a label) and the identity
    // (every state its own cycle: a claim per state).
    const std::uint64_t total = std::uint64_t{1} << 16;
    std::vector<std::uint64_t> ring(total), identity(total);
    for (std::uint64_t x = 0; x < total; ++x) {
        ring[x] = (x * 5 + 3) % total;
        identity[x] = x;
    }
    check_same_as_serial(ring);
    check_same_as_serial(identity);
}

TEST_CASE("labels of random networks' state graphs are those of each state's own cycle") {
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        CAPTURE(seed);
        const std::size_t n = 2 + seed % 15;
        Network net = oracle::random_network(n, 2 + seed % 2, seed);
        const std::uint64_t total = std::uint64_t{1} << n;
        std::vector<std::uint64_t> f(total);
        for (std::uint64_t x = 0; x < total; ++x) {
            const State next = step_synchronous(net, State::from_index(x, n));
            std::uint64_t y = 0;
            for (std::size_t v = 0; v < n; ++v) y |= std::uint64_t{next.get(v)} << v;
            f[x] = y;
        }
        check_labelling(f, Labelling::shared);
        check_labelling(f, Labelling::in_place);
    }
}

TEST_CASE("the synchronous search's memory figure is exactly the table it allocates, and bitmaps beyond 2^31 states") {
    constexpr std::uint64_t GiB = std::uint64_t{1} << 30;
    struct Row {
        std::size_t free_vars;
        std::uint64_t bytes;
    };
    for (const Row& row : {
             Row{0, 64},                       // one state: a heap block of 64 bytes
             Row{3, 64},                       // 32 bytes, rounded the same
             Row{10, 4096},                    // heap, already a multiple of 64
             Row{18, std::uint64_t{1} << 20},  // from 1 MiB a mapping: whole pages
             Row{24, std::uint64_t{64} << 20}, Row{30, 4 * GiB},
             Row{31, 8 * GiB},         // labels in the top bit: nothing beside the table
             Row{32, 16 * GiB + GiB},  // no spare bit: two bitmaps of 512 MiB
         }) {
        CAPTURE(row.free_vars);
        CHECK(exhaustive_memory_bytes(row.free_vars, UpdateScheme::synchronous) == row.bytes);
    }
    CHECK(labelling_bytes(std::uint64_t{1} << 31) == 0);
    CHECK(labelling_bytes(std::uint64_t{1} << 32) == GiB);
}
}
