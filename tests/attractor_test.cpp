// SPDX-License-Identifier: MIT
// Exhaustive, reduced and sampled attractor searches checked against the brute-force
// oracle on hundreds of random networks, plus independent result checkers.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <random>
#include <set>
#include <string>
#include <unordered_set>

#include "analysis/reduce.hpp"
#include "attractor/exhaustive.hpp"
#include "attractor/search.hpp"
#include "dynamics/step.hpp"
#include "io/bnet.hpp"
#include "oracle/oracle.hpp"
#include "perturb/perturbation.hpp"

using namespace bitsig;

namespace {

Control quiet() { return Control{}; }

std::vector<std::vector<State>> state_sets(const std::vector<Attractor>& as) {
    std::vector<std::vector<State>> out;
    for (const auto& a : as) out.push_back(a.states);
    return out;
}

std::vector<std::uint64_t> basins(const std::vector<Attractor>& as) {
    std::vector<std::uint64_t> out;
    for (const auto& a : as) out.push_back(a.basin_size.value_or(0));
    return out;
}

// Independent checker: a synchronous cycle really cycles, in the listed order.
void check_is_cycle(const Network& net, const Attractor& a) {
    for (std::size_t i = 0; i < a.states.size(); ++i)
        CHECK(step_synchronous(net, a.states[i]) == a.states[(i + 1) % a.states.size()]);
}

// Independent checker: an asynchronous attractor is closed and strongly connected.
void check_is_terminal_scc(const Network& net, const Attractor& a) {
    std::set<State> members(a.states.begin(), a.states.end());
    for (const auto& s : a.states)
        for (const auto& t : successors_asynchronous(net, s)) CHECK(members.count(t) == 1);
    std::set<State> reached{a.states.front()};
    std::vector<State> queue{a.states.front()};
    for (std::size_t q = 0; q < queue.size(); ++q)
        for (const auto& t : successors_asynchronous(net, queue[q]))
            if (reached.insert(t).second) queue.push_back(t);
    CHECK(reached.size() == members.size());
}

}  // namespace

TEST_SUITE("attractor") {
TEST_CASE("states order as their 0/1 strings do, across word boundaries") {
    // Attractors, fixed-point listings and JSON are sorted by this order.
    std::mt19937_64 rng(7);
    for (std::size_t n : {1u, 5u, 63u, 64u, 65u, 130u, 247u}) {
        CAPTURE(n);
        for (int trial = 0; trial < 300; ++trial) {
            std::string a(n, '0'), b(n, '0');
            for (std::size_t i = 0; i < n; ++i) a[i] = rng() % 2 ? '1' : '0';
            // b shares a random prefix with a, so late differences are tested too.
            const std::size_t common = rng() % (n + 1);
            for (std::size_t i = 0; i < n; ++i) b[i] = i < common ? a[i] : (rng() % 2 ? '1' : '0');
            const State x = State::from_string(a), y = State::from_string(b);
            CHECK((x < y) == (a < b));
            CHECK((y < x) == (b < a));
            CHECK((x == y) == (a == b));
        }
    }
}

TEST_CASE("a result's basin shares are of the listed basins' total, and 0 without basins") {
    bitsig::Result r;
    CHECK(r.basin_total() == 0);
    CHECK(r.basin_share(3) == 0.0);
    r.attractors.resize(3);
    r.attractors[0].basin_size = 2;
    r.attractors[1].basin_size = 6;  // the third has no basin: it counts for nothing
    CHECK(r.basin_total() == 8);
    CHECK(r.basin_share(2) == 0.25);
    CHECK(r.basin_share(8) == 1.0);
}

TEST_CASE("exhaustive synchronous search equals the oracle, basins included") {
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        CAPTURE(seed);
        std::size_t n = 1 + seed % 11;
        Network net = oracle::random_network(n, 3, seed);
        auto expected = oracle::synchronous_attractors(net);
        // The oracle covers all 2^n states; constants are held in ours, so compare on a
        // network without constants, and separately check constants below.
        bool has_constant = false;
        for (std::uint32_t v = 0; v < n; ++v) has_constant = has_constant || net.is_constant(VarId{v});
        for (bool peel : {true, false}) {
            ExhaustiveOptions o;
            o.peel_leaves = peel;
            Result r = exhaustive_synchronous(net, o, quiet());
            CHECK(r.complete);
            for (const auto& a : r.attractors) check_is_cycle(net, a);
            CHECK(state_sets(r.attractors) == state_sets(expected));
            if (!has_constant) CHECK(basins(r.attractors) == basins(expected));
        }
    }
}

TEST_CASE("held variables shrink the space to 2^(n - fixed) states, as in BoolNet") {
    for (std::uint64_t seed = 1; seed <= 100; ++seed) {
        CAPTURE(seed);
        Network net = oracle::random_network(8, 3, seed);
        Perturbation p;
        p.add_fix(net, {VarId{0}, false}, "test");
        p.add_fix(net, {VarId{3}, true}, "test");
        Network perturbed = apply(net, p);
        Result r = exhaustive_synchronous(perturbed, {}, quiet());
        std::uint64_t total = 0;
        for (const auto& a : r.attractors) {
            total += *a.basin_size;
            for (const auto& s : a.states) {
                CHECK_FALSE(s.get(0));  // a knockout is 0 in every attractor state
                CHECK(s.get(3));
            }
        }
        std::size_t constants = 0;
        for (std::uint32_t v = 0; v < 8; ++v) constants += perturbed.is_constant(VarId{v});
        CHECK(total == (std::uint64_t{1} << (8 - constants)));
        // The oracle's attractors restricted to states that respect the held values
        // are exactly ours (held variables never change).
        auto all = oracle::synchronous_attractors(perturbed);
        std::vector<std::vector<State>> kept;
        for (const auto& a : all) {
            bool ok = true;
            for (std::uint32_t v = 0; v < 8; ++v)
                if (perturbed.is_constant(VarId{v}))
                    ok = ok && a.states.front().get(v) == perturbed.rule(VarId{v}).constant_value();
            if (ok) kept.push_back(a.states);
        }
        CHECK(state_sets(r.attractors) == kept);
    }
}

TEST_CASE("exhaustive asynchronous search equals the oracle") {
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        CAPTURE(seed);
        std::size_t n = 1 + seed % 9;
        Network net = oracle::random_network(n, 3, seed);
        bool has_constant = false;
        for (std::uint32_t v = 0; v < n; ++v) has_constant = has_constant || net.is_constant(VarId{v});
        ExhaustiveOptions o;
        o.basins = true;
        Result r = exhaustive_asynchronous(net, o, quiet());
        for (const auto& a : r.attractors) check_is_terminal_scc(net, a);
        // Constant variables settle before any attractor, so the sets agree either way.
        (void)has_constant;
        CHECK(state_sets(r.attractors) == state_sets(oracle::asynchronous_attractors(net)));
    }
}

TEST_CASE("fixed points are the same under both update schemes") {
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        CAPTURE(seed);
        Network net = oracle::random_network(1 + seed % 10, 3, seed);
        auto fixed_of = [](const Result& r) {
            std::vector<State> out;
            for (const auto& a : r.attractors)
                if (a.states.size() == 1) out.push_back(a.states.front());
            return out;
        };
        auto sync = fixed_of(exhaustive_synchronous(net, {}, quiet()));
        auto async = fixed_of(exhaustive_asynchronous(net, {}, quiet()));
        CHECK(sync == async);
    }
}

TEST_CASE("asynchronous strong basins count states that reach only that attractor") {
    for (std::uint64_t seed = 1; seed <= 80; ++seed) {
        CAPTURE(seed);
        std::size_t n = 2 + seed % 7;
        Network net = oracle::random_network(n, 3, seed);
        ExhaustiveOptions o;
        o.basins = true;
        Result r = exhaustive_asynchronous(net, o, quiet());
        Projection proj = project_constants(net);
        // Brute force: from each state of the searched space, which attractors are reachable?
        std::map<State, std::size_t> owner;
        for (std::size_t a = 0; a < r.attractors.size(); ++a)
            for (const auto& s : r.attractors[a].states) owner[s] = a;
        std::vector<std::uint64_t> expected(r.attractors.size(), 0);
        std::size_t k = proj.kept.size();
        for (std::uint64_t x = 0; x < (std::uint64_t{1} << k); ++x) {
            State start = proj.expand(State::from_index(x, k));
            std::set<State> seen{start};
            std::vector<State> queue{start};
            std::set<std::size_t> reached;
            for (std::size_t q = 0; q < queue.size(); ++q) {
                if (owner.count(queue[q])) reached.insert(owner[queue[q]]);
                for (const auto& t : successors_asynchronous(net, queue[q]))
                    if (seen.insert(t).second) queue.push_back(t);
            }
            if (reached.size() == 1) ++expected[*reached.begin()];
        }
        CHECK(basins(r.attractors) == expected);
    }
}

TEST_CASE("percolation keeps the attractors of perturbed networks") {
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        CAPTURE(seed);
        Network net = oracle::random_network(10, 2, seed);
        Perturbation p;
        p.add_fix(net, {VarId{static_cast<std::uint32_t>(seed % 10)}, seed % 3 == 0}, "test");
        p.add_fix(net, {VarId{static_cast<std::uint32_t>((seed + 3) % 10)}, seed % 2 == 0}, "test");
        Network perturbed = apply(net, p);
        for (auto update : {UpdateScheme::synchronous, UpdateScheme::asynchronous}) {
            CAPTURE(update);
            SearchOptions full;
            full.update = update;
            full.method = Method::exhaustive;
            SearchOptions reduced = full;
            reduced.method = Method::automatic;
            // Too small for the full space, large enough for the percolated network.
            reduced.auto_sync_limit = synchronous_core_size(percolate(perturbed).reduced);
            Result a = find_attractors(perturbed, full, quiet());
            Result b = find_attractors(perturbed, reduced, quiet());
            CHECK(b.complete);
            CHECK(state_sets(a.attractors) == state_sets(b.attractors));
        }
    }
}

TEST_CASE("sampling finds only real attractors and, on small networks, all of them") {
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        CAPTURE(seed);
        Network net = oracle::random_network(7, 3, seed);
        for (auto update : {UpdateScheme::synchronous, UpdateScheme::asynchronous}) {
            CAPTURE(update);
            SamplingOptions o;
            o.samples = 2048;
            o.steps = 200;
            Result r = sample_attractors(net, update, o, quiet());
            CHECK_FALSE(r.complete);
            Result exact = update == UpdateScheme::synchronous ? exhaustive_synchronous(net, {}, quiet())
                                                               : exhaustive_asynchronous(net, {}, quiet());
            auto found = state_sets(r.attractors);
            auto all = state_sets(exact.attractors);
            for (const auto& f : found) CHECK(std::find(all.begin(), all.end(), f) != all.end());
            std::uint64_t credited = 0;
            for (const auto& a : r.attractors) credited += a.samples.value_or(0);
            CHECK(credited == 2048);
        }
    }
}

TEST_CASE("a search that would not fit in memory is refused with advice") {
    ExhaustiveOptions o;
    CHECK_THROWS_AS(require_exhaustive_fits(40, UpdateScheme::synchronous, o), ResourceError);
    o.memory_fraction = 1e-9;
    CHECK_THROWS_WITH_AS(require_exhaustive_fits(20, UpdateScheme::asynchronous, o),
                         doctest::Contains("fix some inputs, or use --method sat"), ResourceError);
}

TEST_CASE("a search stopped by its deadline returns what it found, marked incomplete") {
    // Ten free inputs and a copy of each: 1,024 fixed points, one per input combination.
    std::string text = "targets, factors\n";
    for (int i = 0; i < 10; ++i) text += "i" + std::to_string(i) + ", i" + std::to_string(i) + "\n";
    for (int i = 0; i < 10; ++i) text += "c" + std::to_string(i) + ", i" + std::to_string(i) + "\n";
    Network net = read_bnet(text, "inputs.bnet");
    Control past;
    past.deadline = Control::Clock::now() - std::chrono::seconds(1);
    CHECK(past.timed_out());
    for (Method m : {Method::sat, Method::exhaustive, Method::sample, Method::fixed_points}) {
        CAPTURE(to_string(m));
        SearchOptions o;
        o.method = m;
        Result r = find_attractors(net, o, past);
        CHECK_FALSE(r.complete);
        CHECK(r.timed_out);
        CHECK(std::any_of(r.notes.begin(), r.notes.end(), [](const std::string& n) {
            return n.find("stopped at the time limit") != std::string::npos;
        }));
        for (const auto& a : r.attractors) CHECK(step_synchronous(net, a.states.front()) == a.states.front());
    }
    // A Ctrl-C is never mistaken for a deadline: it still stops the search.
    std::atomic<bool> cancel{true};
    Control both = past;
    both.cancel = &cancel;
    CHECK_FALSE(both.timed_out());
    SearchOptions o;
    o.method = Method::sat;
    CHECK_THROWS_AS(find_attractors(net, o, both), Interrupted);
    // Without a deadline the same search is complete.
    Result full = find_attractors(net, o, quiet());
    CHECK(full.complete);
    CHECK_FALSE(full.timed_out);
    CHECK(full.attractors.size() == 1024);
}

TEST_CASE("the planner warns when free inputs alone guarantee a huge answer") {
    std::string text = "targets, factors\n";
    for (int i = 0; i < 18; ++i) text += "i" + std::to_string(i) + ", i" + std::to_string(i) + "\n";
    text += "x, i0 & !x\n";
    Network net = read_bnet(text, "inputs.bnet");
    std::vector<std::string> warnings;
    Control c;
    c.warn = [&](const std::string& w) { warnings.push_back(w); };
    c.deadline = Control::Clock::now() + std::chrono::milliseconds(200);
    SearchOptions o;
    o.method = Method::sat;
    Result r = find_attractors(net, o, c);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0] == "at least 262,144 attractors: each of the 2^18 combinations of the 18 free inputs holds "
                         "one; hold inputs with --fix or --context, count them with `bitsig fixed-points`, or "
                         "bound the run with --timeout");
    CHECK(r.notes.front() == warnings[0]);
}

TEST_CASE("automatic synchronous search uses SAT beyond the whole-space limit unless basins are asked for") {
    SearchOptions o;
    o.auto_full_space_limit = 2;  // so that a small network takes the SAT branch
    Network small = oracle::random_network(20, 2, 5);
    REQUIRE(synchronous_core_size(small) > 2);
    Result by_sat = find_attractors(small, o, quiet());
    CHECK(by_sat.method == Algorithm::sat_cycles);
    CHECK(by_sat.complete);
    o.sync_basins = true;
    Result by_enumeration = find_attractors(small, o, quiet());
    CHECK(by_enumeration.method == Algorithm::exhaustive);
    CHECK(state_sets(by_sat.attractors) == state_sets(by_enumeration.attractors));
}

TEST_CASE("a cancelled search stops with Interrupted") {
    Network net = oracle::random_network(20, 2, 7);
    std::atomic<bool> cancel{true};
    Control c;
    c.cancel = &cancel;
    CHECK_THROWS_AS(exhaustive_synchronous(net, {}, c), Interrupted);
}
}
