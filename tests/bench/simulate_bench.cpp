// SPDX-License-Identifier: MIT
// Stochastic simulation throughput: the bit-parallel engine (simulate/) against a plain
// one-trajectory-at-a-time Gillespie written here, in the same run, on the same models and
// settings (unit rates, max_time 50, time_tick 0.1, one thread), and against MaBoSS
// 2.6.6's published single-thread throughput quoted in issue 13 (128,000 trajectories/s
// on a 10-variable cell cycle; 684 trajectories/s on a 133-variable model).
//
// The baseline is what a straightforward simulator does per jump: evaluate every rule on
// the current state with the reference evaluator, sum the enabled rates, draw the waiting
// time and the transition, and add the time spent in the state to every node's current
// window (MaBoSS's probtraj accumulation). It uses the same random-stream class.
//
// Cost per transition is compared with the evaluator's limit: one compiled evaluation of
// every rule for one state (Program::run<4> per state), the work bit-slicing cannot avoid.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "dynamics/program.hpp"
#include "io/bnet.hpp"
#include "io/source.hpp"
#include "simulate/random.hpp"
#include "simulate/simulate.hpp"

namespace {

namespace fs = std::filesystem;
using namespace bitsig;
// CPU time of this thread: the machine is shared with other jobs, and wall-clock time
// would charge their work to whichever side happened to run beside it.
struct Clock {
    using time_point = double;
    static double now() {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
    }
};

// Fauré et al. (2006) mammalian cell cycle, 10 variables (CycD an input).
constexpr const char* kCellCycle =
    "CycD, CycD\n"
    "Rb, (!CycD & !CycE & !CycA & !CycB) | (p27 & !CycD & !CycB)\n"
    "E2F, (!Rb & !CycA & !CycB) | (p27 & !Rb & !CycB)\n"
    "CycE, E2F & !Rb\n"
    "CycA, (E2F & !Rb & !Cdc20 & !(Cdh1 & UbcH10)) | (CycA & !Rb & !Cdc20 & !(Cdh1 & UbcH10))\n"
    "p27, (!CycD & !CycE & !CycA & !CycB) | (p27 & !(CycE & CycA) & !CycB & !CycD)\n"
    "Cdc20, CycB\n"
    "Cdh1, (!CycA & !CycB) | Cdc20 | (p27 & !CycB)\n"
    "UbcH10, !Cdh1 | (Cdh1 & UbcH10 & (Cdc20 | CycA | CycB))\n"
    "CycB, !Cdc20 & !Cdh1\n";

volatile double g_sink = 0;

double seconds_since(Clock::time_point t) { return Clock::now() - t; }

struct Throughput {
    double trajectories_per_s = 0;
    double transitions_per_s = 0;
    double transitions_per_trajectory = 0;
};

// The plain simulator: one trajectory at a time, every rule evaluated per jump.
Throughput baseline(const StochasticModel& m, const SimulationOptions& o, std::uint64_t samples) {
    const std::size_t n = m.net.num_vars();
    const auto windows = static_cast<std::size_t>(std::ceil(o.max_time / o.time_tick - 1e-6));
    std::vector<double> sums(windows * n, 0.0);
    std::vector<bool> x(n), f(n);
    std::vector<double> rate(n);
    std::uint64_t transitions = 0;
    auto start = Clock::now();
    for (std::uint64_t traj = 0; traj < samples; ++traj) {
        TrajectoryRandom rng(o.seed, traj);
        for (std::size_t v = 0; v < n; ++v) x[v] = m.held[v] >= 0 ? m.held[v] == 1 : (rng.next() & 1);
        double t = 0;
        for (;;) {
            double total = 0;
            for (std::uint32_t v = 0; v < n; ++v) {
                f[v] = evaluate(m.net.rule(VarId{v}), x);
                rate[v] = (m.held[v] < 0 && f[v] != x[v]) ? 1.0 : 0.0;
                total += rate[v];
            }
            const double dt = total > 0 ? rng.exponential(total) : o.max_time;
            const double until = std::min(o.max_time, t + dt);
            // The state holds on [t, until): add its share to each window it overlaps.
            for (double a = t; a < until;) {
                const auto k = std::min(windows - 1, static_cast<std::size_t>(a / o.time_tick));
                const double b = std::min(until, static_cast<double>(k + 1) * o.time_tick);
                for (std::size_t v = 0; v < n; ++v)
                    if (x[v]) sums[k * n + v] += b - a;
                if (b <= a) break;
                a = b;
            }
            if (t + dt >= o.max_time) break;
            double target = rng.unit() * total;
            std::size_t chosen = n - 1;
            for (std::size_t v = 0; v < n; ++v) {
                target -= rate[v];
                if (rate[v] > 0 && target < 0) {
                    chosen = v;
                    break;
                }
            }
            x[chosen] = !x[chosen];
            t += dt;
            ++transitions;
        }
    }
    const double s = seconds_since(start);
    g_sink = g_sink + sums[0];
    return {static_cast<double>(samples) / s, static_cast<double>(transitions) / s,
            static_cast<double>(transitions) / static_cast<double>(samples)};
}

Throughput engine(const StochasticModel& m, SimulationOptions o, std::uint64_t samples) {
    o.samples = samples;
    Control one;
    one.threads = 1;
    auto start = Clock::now();
    SimulationResult r = simulate(m, o, one);
    const double s = seconds_since(start);
    g_sink = g_sink + r.final_probabilities[0];
    return {static_cast<double>(samples) / s, static_cast<double>(r.transitions) / s,
            static_cast<double>(r.transitions) / static_cast<double>(samples)};
}

// Compiled evaluation of all rules for one state, in nanoseconds (best of 5).
double evaluator_ns_per_state(const Network& net) {
    Program p = Program::compile(net);
    std::vector<Word> in(net.num_vars() * 4), out(net.num_vars() * 4), scratch(p.scratch_words(4));
    TrajectoryRandom rng(1, 1);
    for (auto& w : in) w = rng.next();
    double best = 1e300;
    for (int round = 0; round < 5; ++round) {
        std::size_t calls = 0;
        auto start = Clock::now();
        double s = 0;
        do {
            p.run<4>(in.data(), out.data(), scratch.data());
            in[0] ^= out[0];
            ++calls;
            s = seconds_since(start);
        } while (s < 0.04);
        best = std::min(best, s * 1e9 / static_cast<double>(calls) / 256.0);
    }
    g_sink = g_sink + static_cast<double>(in[0] & 1);
    return best;
}

void run(const char* label, const Network& net, double maboss_trajectories_per_s, double maboss_transitions_per_s,
         std::uint64_t engine_samples, std::uint64_t baseline_samples) {
    StochasticModel m = stochastic_model(net, Perturbation{});
    SimulationOptions o;
    o.max_time = 50;
    o.time_tick = 0.1;
    o.seed = 1;
    Throughput b = baseline(m, o, baseline_samples);
    Throughput e = engine(m, o, engine_samples);
    const double limit = evaluator_ns_per_state(net);
    std::printf("%s: %zu variables, %zu readouts; max_time 50, time_tick 0.1, unit rates, one thread\n", label,
                net.num_vars(), net.readouts().size());
    std::printf("  %-28s %14s %16s %14s\n", "", "trajectories/s", "transitions/s", "jumps/traj");
    std::printf("  %-28s %14.0f %16.0f %14.1f\n", "plain Gillespie (baseline)", b.trajectories_per_s,
                b.transitions_per_s, b.transitions_per_trajectory);
    std::printf("  %-28s %14.0f %16.0f %14.1f\n", "bitsig simulate (bit-parallel)", e.trajectories_per_s,
                e.transitions_per_s, e.transitions_per_trajectory);
    std::printf("  %-28s %14.0f %16.0f\n", "MaBoSS 2.6.6 (published)", maboss_trajectories_per_s,
                maboss_transitions_per_s);
    std::printf("  speed-up over the baseline: %.1fx trajectories/s, %.1fx transitions/s\n",
                e.trajectories_per_s / b.trajectories_per_s, e.transitions_per_s / b.transitions_per_s);
    std::printf("  ratio to MaBoSS: %.1fx trajectories/s, %.1fx transitions/s (goal: 50x)\n",
                e.trajectories_per_s / maboss_trajectories_per_s, e.transitions_per_s / maboss_transitions_per_s);
    std::printf(
        "  cost per transition %.1f ns; evaluator limit (all rules, one state, compiled) %.1f ns: %.1fx the limit\n\n",
        1e9 / e.transitions_per_s, limit, 1e9 / e.transitions_per_s / limit);
}

}  // namespace

int main() {
    std::printf("simulate_bench (thread CPU time, one run; the machine may be shared: compare ratios)\n\n");
    run("cell cycle (Faure et al. 2006)", read_bnet(kCellCycle, "cell_cycle.bnet"), 128000, 1.7e6, 200000, 20000);
    // 083 is the prostate-cancer model of Montagud et al. (2022) that MaBoSS was timed on
    // (133 variables, about 195 jumps per trajectory with unit rates, as the 193);
    // 002 (139 variables, 843 jumps per trajectory) is a second, busier large model.
    const fs::path bbm = fs::path(BITSIG_SHARED_DIR) / "models" / "bbm";
    for (const char* name : {"083_SIGNALING-IN-PROSTATE-CANCER.bnet", "002_SIGNAL-TRANSDUCTION-IN-FIBROBLASTS.bnet"}) {
        const fs::path file = bbm / name;
        if (!fs::exists(file)) {
            std::printf("skipped: %s not found\n", file.string().c_str());
            continue;
        }
        run(name, load_network(file.string()), 684, 0.13e6, 20000, 1000);
    }
    return 0;
}
