// SPDX-License-Identifier: MIT
// Stochastic simulation against the exact chain (tests/oracle/ctmc.hpp): final and
// window probabilities within 5 standard errors on random networks, MaBoSS models and
// small BBM models; stationary distributions; discrete time; held variables; thread-count
// independence; the MaBoSS reader's messages.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include <doctest/doctest.h>

#include "io/bnet.hpp"
#include "io/maboss.hpp"
#include "io/source.hpp"
#include "io/yaml.hpp"
#include "oracle/ctmc.hpp"
#include "oracle/oracle.hpp"
#include "paths.hpp"
#include "perturb/conditions.hpp"
#include "simulate/simulate.hpp"
#include "simulate/windows.hpp"

namespace fs = std::filesystem;
using namespace bitsig;

namespace {

Control one_thread() {
    Control c;
    c.threads = 1;
    return c;
}

// |simulated - exact| <= 5 standard errors of a proportion with the exact value, plus a
// little slack for the quadrature of window averages.
void check_close(const std::vector<double>& exact, const std::vector<double>& simulated, std::uint64_t samples,
                 const std::vector<std::string>& names, double slack = 1e-9) {
    REQUIRE(exact.size() == simulated.size());
    for (std::size_t s = 0; s < exact.size(); ++s) {
        CAPTURE(names[s]);
        CAPTURE(exact[s]);
        CAPTURE(simulated[s]);
        const double se = std::sqrt(exact[s] * (1 - exact[s]) / static_cast<double>(samples));
        CHECK(std::abs(exact[s] - simulated[s]) <= 5 * se + slack);
    }
}

// Final marginals, final-state probabilities and one window average against the oracle.
void check_against_oracle(const StochasticModel& m, const SimulationOptions& o) {
    SimulationResult r = simulate(m, o, one_thread());
    auto exact = oracle::transient_distribution(m, o.max_time);
    check_close(oracle::marginals(m, exact), r.final_probabilities, r.samples, r.names);
    for (const auto& f : r.final_states) {
        CAPTURE(f.state);
        std::uint32_t index = 0;
        for (std::size_t v = 0; v < f.state.size(); ++v) index |= (f.state[v] == '1' ? 1u : 0u) << v;
        const double p = exact[index];
        CHECK(std::abs(p - f.probability) <= 5 * std::sqrt(p * (1 - p) / static_cast<double>(r.samples)) + 1e-9);
    }
    // A middle window: time averages (the standard error of an average is at most that of
    // a proportion with the same mean).
    const std::size_t k = r.times.size() / 2;
    auto avg = oracle::window_average(m, r.times[k], std::min(r.times[k] + o.time_tick, o.max_time));
    std::vector<double> sim;
    for (const auto& series : r.probabilities) sim.push_back(series[k]);
    check_close(avg, sim, r.samples, r.names, 1e-4);
}

StochasticModel random_rates(StochasticModel m, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> rate(0.2, 3.0);
    for (auto& v : m.rates) {
        v.up[0].rate = rate(rng);
        v.down[0].rate = rate(rng);
    }
    return m;
}

std::string read(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

const fs::path kMaboss = fs::path(BITSIG_SOURCE_DIR) / "tests" / "data" / "maboss";

MabossModel maboss(const std::string& stem) {
    auto bnd = (kMaboss / (stem + ".bnd")).string(), cfg = (kMaboss / (stem + ".cfg")).string();
    return read_maboss(read(bnd), bnd, read(cfg), cfg);
}

SimulationOptions from(const MabossSettings& s) {
    SimulationOptions o;
    o.samples = s.sample_count.value_or(10000);
    o.max_time = s.max_time.value_or(5);
    o.time_tick = s.time_tick.value_or(0.5);
    o.seed = s.seed.value_or(1);
    o.discrete_time = s.discrete_time.value_or(false);
    return o;
}

Network bnet(const std::string& text) { return read_bnet(text, "net.bnet"); }

}  // namespace

TEST_SUITE("simulate") {

TEST_CASE("simulated probabilities match the exact transient distribution on random networks") {
    for (std::uint64_t seed = 1; seed <= 24; ++seed) {
        CAPTURE(seed);
        const std::size_t n = 3 + seed % 8;
        Network net = oracle::random_network(n, 3, seed);
        // Half with unit rates (the equal-rate fast path), half with random ones.
        StochasticModel m = stochastic_model(net, Perturbation{});
        if (seed % 2) m = random_rates(m, seed);
        SimulationOptions o;
        o.samples = 20000;
        o.max_time = 1.5 + static_cast<double>(seed % 3);
        o.time_tick = 0.5;
        o.seed = seed;
        // Both engines on every other seed (the table is the default on these sizes).
        for (SimulationEngine engine : {SimulationEngine::table, SimulationEngine::lanes}) {
            if (engine == SimulationEngine::lanes && seed % 4 >= 2) continue;
            CAPTURE(static_cast<int>(engine));
            o.engine = engine;
            check_against_oracle(m, o);
        }
    }
}

TEST_CASE("the table and lanes engines follow the same trajectories for a seed") {
    // Same draws and the same choice: equal counts; window sums added in another order.
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        CAPTURE(seed);
        Network net = oracle::random_network(4 + seed, 3, seed + 100);
        StochasticModel m = stochastic_model(net, Perturbation{});
        if (seed % 2) m = random_rates(m, seed);
        SimulationOptions o;
        o.samples = 5000;
        o.max_time = 3;
        o.time_tick = 0.25;
        o.seed = seed;
        o.discrete_time = seed == 6;
        o.engine = SimulationEngine::table;
        SimulationResult t = simulate(m, o, one_thread());
        o.engine = SimulationEngine::lanes;
        SimulationResult l = simulate(m, o, one_thread());
        CHECK(t.transitions == l.transitions);
        CHECK(t.final_probabilities == l.final_probabilities);
        REQUIRE(t.final_states.size() == l.final_states.size());
        for (std::size_t i = 0; i < t.final_states.size(); ++i) {
            CHECK(t.final_states[i].state == l.final_states[i].state);
            CHECK(t.final_states[i].probability == l.final_states[i].probability);
        }
        for (std::size_t s = 0; s < t.probabilities.size(); ++s)
            for (std::size_t k = 0; k < t.probabilities[s].size(); ++k)
                CHECK(std::abs(t.probabilities[s][k] - l.probabilities[s][k]) <= 1e-12);
    }
}

TEST_CASE("the vector walk gives the same bytes as the scalar table walk") {
    // Unit and random rates, state-dependent rates, joint initial states, readouts,
    // discrete time, windows finer and coarser than the jumps, sample counts that are no
    // multiple of the 8 lanes and span several blocks: every output equal, bit for bit.
    if (!vector_walk_available()) MESSAGE("no AVX-512 here: both runs take the scalar walk");
    auto same = [](const StochasticModel& m, SimulationOptions o) {
        o.engine = SimulationEngine::table;
        o.vector_walk = true;
        const SimulationResult v = simulate(m, o, one_thread());
        o.vector_walk = false;
        const SimulationResult s = simulate(m, o, one_thread());
        CHECK(v.transitions == s.transitions);
        CHECK(v.probabilities == s.probabilities);
        CHECK(v.standard_errors == s.standard_errors);
        CHECK(v.final_probabilities == s.final_probabilities);
        CHECK(v.distinct_final_states == s.distinct_final_states);
        REQUIRE(v.final_states.size() == s.final_states.size());
        for (std::size_t i = 0; i < v.final_states.size(); ++i) {
            CHECK(v.final_states[i].state == s.final_states[i].state);
            CHECK(v.final_states[i].probability == s.final_states[i].probability);
        }
    };
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        CAPTURE(seed);
        StochasticModel m = stochastic_model(oracle::random_network(3 + seed, 3, seed + 200), Perturbation{});
        if (seed % 2) m = random_rates(m, seed);
        SimulationOptions o;
        o.samples = 4096 + 1000 * seed + seed;
        o.max_time = 1 + static_cast<double>(seed);
        o.time_tick = seed % 3 == 0 ? 0.01 : 0.3;
        o.seed = seed;
        o.discrete_time = seed == 4 || seed == 7;
        same(m, o);
    }
    for (const char* stem : {"cell_cycle", "p53_mdm2"}) {
        CAPTURE(stem);
        MabossModel mm = maboss(stem);
        same(stochastic_model(mm.net, Perturbation{}, mm.rates, mm.initial), from(mm.settings));
    }
    Network with_readouts = read_yaml("format: bitsig-network/1\nname: r\nvariables:\n"
                                      "  A: {rule: \"!C\"}\n  B: {rule: A}\n  C: {rule: B}\n"
                                      "readouts:\n  AB: {rule: \"A & B\"}\n",
                                      "r.yaml");
    REQUIRE(with_readouts.readouts().size() == 1);
    SimulationOptions o;
    o.samples = 3001;
    o.max_time = 7;
    o.time_tick = 0.5;
    same(random_rates(stochastic_model(with_readouts, Perturbation{}), 5), o);
}

TEST_CASE("the table engine's window bookkeeping adds exactly what the lanes engine's adds") {
    // SignalWindows (the vector walk's replay) takes the same intervals signal by signal.
    // Random on/off switching, with jumps onto window starts, jumps over many windows and
    // jumps of zero length: the same sums, bit for bit, from LaneWindows (which searches
    // the windows of both ends at every switch-off) and WalkWindows (which follows the
    // window as time grows and adds a window's on-time as soon as an interval leaves it).
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        CAPTURE(seed);
        std::mt19937_64 rng(seed);
        const double max_time = 3 + static_cast<double>(seed % 3), dt = seed % 2 ? 0.25 : 0.1;
        const std::size_t signals = 1 + seed % 5;
        const TimeWindows windows(max_time, dt);
        WindowSums lane_sums(windows, signals), walk_sums(windows, signals), signal_sums(windows, signals);
        LaneWindows lane(windows, signals);
        WalkWindows walk(windows);
        std::uniform_real_distribution<double> unit(0, 1);
        const std::uint64_t trajectories = 300;
        for (std::uint64_t traj = 0; traj < trajectories; ++traj) {
            Word on = rng() & ((Word{1} << signals) - 1);
            const Word start = on;
            std::vector<std::vector<double>> switches(signals);
            for (Word m = on; m != 0; m &= m - 1) lane.switch_on(lowest_bit(m), 0);
            walk.start(on);
            double t = 0;
            for (;;) {
                const double kind = unit(rng);
                double next = kind < 0.15   ? t                                                // zero length
                              : kind < 0.4  ? windows.start(windows.index(t) + 1 + rng() % 2)  // on a window start
                              : kind < 0.45 ? t + 10 * dt * unit(rng)                          // over many windows
                                            : t + dt * unit(rng);
                if (!(next < max_time)) break;
                t = next;
                walk.advance(t);
                const std::size_t s = rng() % signals;
                const Word bit = Word{1} << s;
                switches[s].push_back(t);
                if (on & bit) {
                    lane.switch_off(s, t, lane_sums);
                    walk.switch_off(s, walk_sums);
                } else {
                    lane.switch_on(s, t);
                    walk.switch_on(s);
                }
                on ^= bit;
            }
            lane.finish(max_time, lane_sums);
            walk.finish(on, walk_sums);
            for (std::size_t s = 0; s < signals; ++s) {
                SignalWindows signal(windows, signal_sums, s);
                std::vector<double> ends = switches[s];
                if ((start >> s) & 1) ends.insert(ends.begin(), 0.0);
                if (ends.size() % 2) ends.push_back(max_time);
                for (std::size_t i = 0; i < ends.size(); i += 2)
                    signal.on_between(ends[i], windows.index(ends[i]), ends[i + 1], windows.index(ends[i + 1]));
                signal.finish();
            }
        }
        std::vector<std::vector<double>> lane_mean, lane_error, walk_mean, walk_error, signal_mean, signal_error;
        lane_sums.finish(trajectories, lane_mean, lane_error);
        walk_sums.finish(trajectories, walk_mean, walk_error);
        signal_sums.finish(trajectories, signal_mean, signal_error);
        CHECK(lane_mean == walk_mean);
        CHECK(lane_error == walk_error);
        CHECK(signal_mean == walk_mean);
        CHECK(signal_error == walk_error);
    }
}

TEST_CASE("internal nodes are left out of the final states and kept in the per-node tables") {
    Network net = oracle::random_network(6, 3, 11);
    StochasticModel m = stochastic_model(net, Perturbation{});
    SimulationOptions o;
    o.samples = 4000;
    o.max_time = 2;
    o.time_tick = 0.5;
    o.top_states = 64;
    SimulationResult all = simulate(m, o, one_thread());
    const std::vector<std::string> names = net.names();
    m.internal = {names[1], names[4]};
    for (SimulationEngine engine : {SimulationEngine::table, SimulationEngine::lanes}) {
        CAPTURE(static_cast<int>(engine));
        o.engine = engine;
        SimulationResult r = simulate(m, o, one_thread());
        CHECK(r.state_nodes == std::vector<std::string>{names[0], names[2], names[3], names[5]});
        CHECK(r.final_probabilities == all.final_probabilities);  // every node still reported
        CHECK(r.probabilities.size() == all.probabilities.size());
        // The same trajectories: each projected state's probability is the sum over the
        // full states that project onto it.
        std::map<std::string, double> expected;
        for (const auto& f : all.final_states)
            expected[std::string{f.state[0], f.state[2], f.state[3], f.state[5]}] += f.probability;
        CHECK(r.distinct_final_states == expected.size());
        double sum = 0;
        for (const auto& f : r.final_states) {
            CAPTURE(f.state);
            REQUIRE(f.state.size() == 4);
            CHECK(std::abs(f.probability - expected[f.state]) <= 1e-12);
            sum += f.probability;
        }
        CHECK(std::abs(sum - 1) <= 1e-12);
    }
}

TEST_CASE("the table engine refuses models over its size") {
    Network net = oracle::random_network(kStateTableMaxVariables + 1, 2, 3);
    StochasticModel m = stochastic_model(net, Perturbation{});
    SimulationOptions o;
    o.samples = 10;
    o.engine = SimulationEngine::table;
    CHECK_THROWS_WITH_AS(simulate(m, o, one_thread()),
                         "error: the table engine takes at most 14 variables and 64 variables and readouts",
                         InputError);
}

TEST_CASE("reported standard errors match the spread of independent runs") {
    // 300 runs of 200 trajectories: the standard deviation of a window average across runs
    // is what the standard error of one run estimates (to about 4% with 300 runs).
    Network net = bnet("A, !C\nB, A\nC, B\n");
    StochasticModel m = stochastic_model(net, Perturbation{});
    SimulationOptions o;
    o.samples = 200;
    o.max_time = 4;
    o.time_tick = 2;  // wide windows: most trajectories are on for part of a window
    constexpr int kRuns = 300;
    for (std::size_t k = 0; k < 2; ++k) {
        CAPTURE(k);
        double sum = 0, sum2 = 0, reported = 0;
        for (int run = 0; run < kRuns; ++run) {
            o.seed = 1000 + static_cast<std::uint64_t>(run);
            SimulationResult r = simulate(m, o, one_thread());
            sum += r.probabilities[1][k];
            sum2 += r.probabilities[1][k] * r.probabilities[1][k];
            reported += r.standard_errors[1][k] / kRuns;
        }
        const double spread = std::sqrt((sum2 - sum * sum / kRuns) / (kRuns - 1));
        CAPTURE(spread);
        CAPTURE(reported);
        CHECK(reported > 0.85 * spread);
        CHECK(reported < 1.15 * spread);
        // A time average varies less than an instantaneous proportion with the same mean.
        const double p = sum / kRuns;
        CHECK(reported <= std::sqrt(p * (1 - p) / static_cast<double>(o.samples - 1)) * 1.05);
    }
}

TEST_CASE("a knockout holds the variable at 0 and the others follow the exact chain") {
    Network net = bnet("A, !C\nB, A & !D\nC, B | D\nD, !A\n");
    Conditions c;
    c.knockouts = {"D"};
    StochasticModel m = stochastic_model(net, resolve(net, c));
    SimulationOptions o;
    o.samples = 8000;
    o.max_time = 3;
    o.time_tick = 1;
    SimulationResult r = simulate(m, o, one_thread());
    CHECK(r.final_probabilities[3] == 0);
    for (const auto& series : r.probabilities) REQUIRE(series.size() == 3);
    CHECK(r.probabilities[3] == std::vector<double>{0, 0, 0});
    check_against_oracle(m, o);
}

TEST_CASE("state-dependent MaBoSS rates and joint istates follow the exact chain") {
    for (const char* stem : {"cell_cycle", "p53_mdm2"}) {
        CAPTURE(stem);
        MabossModel mm = maboss(stem);
        StochasticModel m = stochastic_model(mm.net, Perturbation{}, mm.rates, mm.initial);
        SimulationOptions o = from(mm.settings);
        check_against_oracle(m, o);
    }
}

TEST_CASE("the cell-cycle cfg is read as written") {
    MabossModel mm = maboss("cell_cycle");
    CHECK(mm.net.num_vars() == 10);
    CHECK(mm.settings.sample_count == 20000u);
    CHECK(mm.settings.max_time == 3.0);
    CHECK(mm.settings.time_tick == 0.5);
    CHECK(mm.settings.seed == 7u);
    CHECK(mm.settings.thread_count == 1u);
    REQUIRE(mm.initial.size() == 3);
    CHECK(mm.initial[1].weights == std::vector<double>{0.7, 0.3});
    // CycB's rate_down reads Cdc20: two values (1.5 and 3), so two cases.
    CHECK(mm.rates[9].down.size() == 2);
    CHECK(mm.rates[1].up.size() == 1);
    CHECK(mm.rates[1].up[0].rate == 1.0);
}

TEST_CASE("discrete time follows the embedded jump chain, one jump per tick") {
    Network net = bnet("A, !C\nB, A\nC, B\n");
    StochasticModel m = random_rates(stochastic_model(net, Perturbation{}), 3);
    SimulationOptions o;
    o.samples = 8000;
    o.max_time = 3.5;
    o.time_tick = 1;
    o.discrete_time = true;
    SimulationResult r = simulate(m, o, one_thread());
    auto exact = oracle::marginals(m, oracle::discrete_distribution(m, 3));  // jumps at t = 1, 2, 3
    check_close(exact, r.final_probabilities, r.samples, r.names);
}

TEST_CASE("long runs reach the stationary distribution of an ergodic chain") {
    // A = !C, B = A, C = B with unequal rates: one terminal class (the async cycle).
    Network net = bnet("A, !C\nB, A\nC, B | (A & !B)\n");
    StochasticModel m = random_rates(stochastic_model(net, Perturbation{}), 11);
    SimulationOptions o;
    o.samples = 8000;
    o.max_time = 40;
    o.time_tick = 10;
    SimulationResult r = simulate(m, o, one_thread());
    auto pi = oracle::marginals(m, oracle::stationary_distribution(m));
    check_close(pi, r.final_probabilities, r.samples, r.names);
    // The exact transient at t = 40 agrees with the stationary solution (two oracles).
    auto late = oracle::marginals(m, oracle::transient_distribution(m, 40));
    for (std::size_t i = 0; i < pi.size(); ++i) CHECK(late[i] == doctest::Approx(pi[i]).epsilon(1e-6));
}

TEST_CASE("small BBM models follow the exact chain") {
    const fs::path dir = fs::path(BITSIG_SHARED_DIR) / "models" / "bbm";
    if (!fs::exists(dir)) {
        MESSAGE("skipped: no BBM models in " << dir.string());
        return;
    }
    for (const char* name :
         {"184_P53-MDM2-NETWORK.bnet", "007_CORTICAL-AREA-DEVELOPMENT.bnet", "158_LAMBDA-PHAGE-LYSOGENY.bnet"}) {
        CAPTURE(name);
        Network net = load_network((dir / name).string());
        REQUIRE(net.num_vars() <= 10);
        StochasticModel m = stochastic_model(net, Perturbation{});
        SimulationOptions o;
        o.samples = 6000;
        o.max_time = 2;
        o.time_tick = 0.5;
        check_against_oracle(m, o);
    }
}

TEST_CASE("the same seed gives the same result with 1 and 2 threads") {
    Network net = oracle::random_network(9, 3, 5);
    StochasticModel m = stochastic_model(net, Perturbation{});
    SimulationOptions o;
    o.samples = 10000;  // three blocks
    o.max_time = 2;
    o.time_tick = 0.25;
    o.seed = 42;
    Control two;
    two.threads = 2;
    for (SimulationEngine engine : {SimulationEngine::table, SimulationEngine::lanes}) {
        CAPTURE(static_cast<int>(engine));
        o.engine = engine;
        SimulationResult x = simulate(m, o, one_thread()), y = simulate(m, o, two);
        CHECK(x.probabilities == y.probabilities);
        CHECK(x.standard_errors == y.standard_errors);
        CHECK(x.final_probabilities == y.final_probabilities);
    }
    o.engine = SimulationEngine::automatic;
    SimulationResult a = simulate(m, o, one_thread()), b = simulate(m, o, two);
    CHECK(a.probabilities == b.probabilities);
    CHECK(a.standard_errors == b.standard_errors);
    CHECK(a.final_probabilities == b.final_probabilities);
    CHECK(a.transitions == b.transitions);
    REQUIRE(a.final_states.size() == b.final_states.size());
    for (std::size_t i = 0; i < a.final_states.size(); ++i) CHECK(a.final_states[i].state == b.final_states[i].state);
    o.seed = 43;
    SimulationResult c = simulate(m, o, one_thread());
    CHECK(c.probabilities != a.probabilities);
}

TEST_CASE("--initial sets start values and rejects bad text") {
    Network net = bnet("A, A\nB, A\nC, !B\n");
    StochasticModel m = stochastic_model(net, Perturbation{});
    set_initial(m, "A=1, B=0");
    SimulationOptions o;
    o.samples = 2000;
    o.max_time = 0.5;
    o.time_tick = 0.5;
    SimulationResult r = simulate(m, o, one_thread());
    CHECK(r.final_probabilities[0] == 1.0);  // an input keeps its value
    check_against_oracle(m, o);
    StochasticModel full = stochastic_model(net, Perturbation{});
    set_initial(full, "101");
    CHECK(oracle::initial_distribution(full)[0b101] == 1.0);

    struct Case {
        const char* text;
        const char* message;
    };
    for (const Case& c : {Case{"Q=1", "--initial: error: unknown variable 'Q'\nnote: did you mean 'A'?"},
                          Case{"A=2", "--initial: error: expected NAME=0 or NAME=1, found 'A=2'"},
                          Case{"10", "--initial: error: state '10' has 2 values; the model has 3 variables"}}) {
        CAPTURE(c.text);
        StochasticModel fresh = stochastic_model(net, Perturbation{});
        CHECK_THROWS_WITH_AS(set_initial(fresh, c.text), c.message, InputError);
    }
    Conditions ko;
    ko.knockouts = {"B"};
    StochasticModel held = stochastic_model(net, resolve(net, ko));
    CHECK_THROWS_WITH_AS(set_initial(held, "B=1"),
                         "--initial: error: 'B' is held at 0 by the conditions and cannot start at 1", InputError);
}

TEST_CASE("invalid options are refused with their message") {
    Network net = bnet("A, !A\n");
    StochasticModel m = stochastic_model(net, Perturbation{});
    SimulationOptions o;
    o.samples = 0;
    CHECK_THROWS_WITH_AS(simulate(m, o, one_thread()), "error: --samples must be at least 1", InputError);
    o.samples = 10;
    o.time_tick = 0;
    CHECK_THROWS_WITH_AS(simulate(m, o, one_thread()), "error: --time-tick must be a positive number", InputError);
    o.time_tick = 1e-9;
    CHECK_THROWS_WITH_AS(simulate(m, o, one_thread()),
                         "error: --max-time / --time-tick gives more than 10^7 windows: use a larger --time-tick",
                         InputError);
}

TEST_CASE("a .bnd is a model everywhere: its logic, with MaBoSS operator precedence") {
    // XOR binds loosest in MaBoSS: A | B ^ C is (A | B) ^ C.
    Network net = read_bnd("Node A { logic = A; }\nNode B { logic = B; }\nNode C { logic = A | B ^ C; }\n"
                           "D : A AND NOT B OR C;\n",
                           "m.bnd");
    std::vector<std::string> names = net.names();
    CHECK(to_string(net.rule(VarId{2}), names) == "(A | B) ^ C");
    CHECK(to_string(net.rule(VarId{3}), names) == "A & !B | C");
    Network cond = read_bnd("Node A { logic = A; }\nNode B { logic = A ? 0 : 1; }\n", "m.bnd");
    for (bool a : {false, true}) CHECK(evaluate(cond.rule(VarId{1}), {a, false}) == !a);
}

TEST_CASE("MaBoSS reader errors are located and exact") {
    struct Case {
        const char* bnd;
        const char* cfg;
        const char* message;
    };
    const Case cases[] = {
        {"Node A { logic = B; }\n", "",
         "m.bnd:1:18: error: unknown node 'B'\n    1 | Node A { logic = B; }\n      |                  ^\nnote: "
         "did you mean 'A'?"},
        {"Node A { logic = A }\n", "",
         "m.bnd:1:20: error: expected ';' after the value of 'logic', found '}'\n    1 | Node A { logic = A }\n    "
         "  |                    ^"},
        {"Node A { logic = A; rate_up = $k; }\n", "",
         "m.bnd:1:31: error: undefined parameter '$k'\n    1 | Node A { logic = A; rate_up = $k; }\n      |        "
         "                       ^~"},
        {"Node A { logic = A; rate_up = -1; }\n", "",
         "m.bnd:1:21: error: rate_up of 'A' is negative in some states: expected a rate >= 0\n"
         "    1 | Node A { logic = A; rate_up = -1; }\n      |                     ^~~~~~~"},
        {"Node A { logic = A > 0; }\n", "",
         "m.bnd:1:20: error: arithmetic and comparisons in a logic are not supported by bitsig: expected a Boolean "
         "formula\n    1 | Node A { logic = A > 0; }\n      |                    ^"},
        {"Node A { logic = A; }\ndivision { rate = 1; }\n", "",
         "m.bnd:2:1: error: 'division' blocks (PopMaBoSS) are not supported by bitsig\n    2 | division { rate = "
         "1; "
         "}\n      | ^~~~~~~~"},
        {"Node A { logic = A; }\n", "max_time = 5;\nuse_gpu = 1;\n",
         "m.cfg:2:1: error: setting 'use_gpu' is not supported: expected sample_count, max_time, time_tick, "
         "discrete_time, thread_count or seed_pseudorandom\n    2 | use_gpu = 1;\n      | ^~~~~~~"},
        {"Node A { logic = A; }\n", "A.istate = 0.5;\n",
         "m.cfg:1:12: error: expected 0, 1 or -1 (random) for 'istate'\n    1 | A.istate = 0.5;\n      |           "
         " ^~~"},
        {"Node A { logic = A; }\n", "[A].istate = 1 [0, 1];\n",
         "m.cfg:1:14: error: this state has 2 values for 1 nodes\n    1 | [A].istate = 1 [0, 1];\n      |          "
         "    ^"},
        {"Node A { logic = A; }\n", "Z.istate = 1;\n",
         "m.cfg:1:1: error: unknown node 'Z'\n    1 | Z.istate = 1;\n      | ^\nnote: did you mean 'A'?"},
        {"Node A { logic = A; }\n", "A.max_rank = 1;\n",
         "m.cfg:1:3: error: node attribute 'max_rank' is not supported: expected istate, is_internal or refstate\n"
         "    1 | A.max_rank = 1;\n      |   ^~~~~~~~"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.bnd);
        CAPTURE(c.cfg);
        CHECK_THROWS_WITH_AS(read_maboss(c.bnd, "m.bnd", c.cfg, "m.cfg"), c.message, InputError);
    }
}

}  // TEST_SUITE

TEST_SUITE("simulate") {

TEST_CASE("YAML rate_up and rate_down drive the simulation") {
    Network net = read_yaml("format: bitsig-network/1\nname: r\nvariables:\n"
                            "  A: {rule: \"!B\", rate_up: 3, rate_down: 0.25}\n"
                            "  B: {rule: \"A\", rate_down: 2}\n",
                            "r.yaml");
    StochasticModel m = stochastic_model(net, Perturbation{});
    REQUIRE(m.rates[0].up.size() == 1);
    CHECK(m.rates[0].up[0].rate == 3);
    CHECK(m.rates[0].down[0].rate == 0.25);
    CHECK(m.rates[1].up[0].rate == 1);
    CHECK(m.rates[1].down[0].rate == 2);
    SimulationOptions o;
    o.samples = 20000;
    o.max_time = 1.5;
    o.time_tick = 0.5;
    check_against_oracle(m, o);
    SimulationResult r = simulate(m, o, one_thread());
    CHECK(r.times == std::vector<double>{0, 0.5, 1});
}

}  // TEST_SUITE
