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
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "dynamics/program.hpp"
#include "io/bnet.hpp"
#include "io/maboss.hpp"
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

// The cell cycle as MaBoSS's own example runs it (maboss.curie.fr, cellcycle.bnd and
// cellcycle_runcfg.cfg, transcribed here): the same Fauré et al. (2006) logic written
// differently, a fast rate 10 and a slow rate 1, one initial state, time_tick 0.2, 50,000
// samples; that cfg sets no max_time, so the bench uses MaBoSS's default 10 (an assumption
// stated in the output: with it trajectories take about 29 jumps, against the ~13 the
// issue's figures imply).
constexpr const char* kMabossCellCycleBnd = R"(
node CycD { logic = CycD; rate_up = 0; rate_down = 0; }
node CycE { logic = !Rb & E2F; rate_up = @logic ? $slow : 0; rate_down = @logic ? 0 : $fast; }
node CycA {
  logic = !Rb & !Cdc20 & !(UbcH10 & cdh1) & (CycA | E2F);
  rate_up = @logic ? $slow : 0; rate_down = @logic ? 0 : $fast;
}
node CycB { logic = !Cdc20 & !cdh1; rate_up = @logic ? $slow : 0; rate_down = @logic ? 0 : $fast; }
node Rb { logic = !CycD & !CycB & (p27 | !(CycA | CycE)); rate_up = @logic ? $fast : 0; rate_down = @logic ? 0 : $fast; }
node E2F { logic = !Rb & !CycB & (!CycA | p27); rate_up = @logic ? $slow : 0; rate_down = @logic ? 0 : $fast; }
node p27 {
  logic = !CycD & !CycB & (!(CycA | CycE) | (p27 & !(CycE & CycA)));
  rate_up = @logic ? $fast : 0; rate_down = @logic ? 0 : $fast;
}
node Cdc20 { logic = CycB; rate_up = @logic ? $slow : 0; rate_down = @logic ? 0 : $fast; }
node UbcH10 {
  logic = (!(cdh1 & !UbcH10) & (CycA | CycB)) | (!CycA & !CycB & (!cdh1 | (Cdc20 & UbcH10)));
  rate_up = @logic ? $slow : 0; rate_down = @logic ? 0 : $fast;
}
node cdh1 { logic = Cdc20 | (!CycB & (!CycA | p27)); rate_up = @logic ? $fast : 0; rate_down = @logic ? 0 : $fast; }
)";
constexpr const char* kMabossCellCycleCfg = R"(
$fast = 10;
$slow = 1;
CycD.istate = 1; CycE.istate = 0; CycA.istate = 0; CycB.istate = 0; Rb.istate = 1;
E2F.istate = 0; p27.istate = 1; Cdc20.istate = 0; UbcH10.istate = 0; cdh1.istate = 1;
sample_count = 50000;
time_tick = 0.2;
max_time = 10;
)";

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
        for (std::size_t v = 0; v < n; ++v) x[v] = m.held.is_fixed(v) ? m.held.value(v) : (rng.next() & 1);
        double t = 0;
        for (;;) {
            double total = 0;
            for (std::uint32_t v = 0; v < n; ++v) {
                f[v] = evaluate(m.net.rule(VarId{v}), x);
                rate[v] = (!m.held.is_fixed(v) && f[v] != x[v]) ? 1.0 : 0.0;
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

// One engine, one or two threads, timed by the process's CPU time (over two for two
// threads: the wall time of an even split on two free cores; the wall time itself, on a
// machine shared with other jobs, measures their load, not ours). Not this thread's CPU
// time: simulate() runs its blocks on worker threads even with one thread, and this thread
// only waits.
Throughput engine(const StochasticModel& m, SimulationOptions o, std::uint64_t samples, SimulationEngine kind,
                  unsigned threads = 1, bool vector_walk = true) {
    o.samples = samples;
    o.engine = kind;
#ifdef BITSIG_SIMULATE_HAS_VECTOR_WALK  // simulate_before_after.sh builds this against older engines too
    o.vector_walk = vector_walk;
#else
    (void)vector_walk;
#endif
    Control c;
    c.threads = threads;
    auto process_seconds = [] {
        timespec ts{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
    };
    const double process = process_seconds();
    SimulationResult r = simulate(m, o, c);
    const double s = (process_seconds() - process) / threads;
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

void row(const char* what, const Throughput& t) {
    std::printf("  %-34s %14.0f %16.0f %12.1f\n", what, t.trajectories_per_s, t.transitions_per_s,
                t.transitions_per_trajectory);
}

void run(const char* label, const StochasticModel& m, const SimulationOptions& o, double maboss_trajectories_per_s,
         double maboss_transitions_per_s, std::uint64_t engine_samples, std::uint64_t baseline_samples) {
    const Network& net = m.net;
    const bool small = net.num_vars() <= kStateTableMaxVariables;
    // The plain baseline knows only unit rates and coin-flip initial states: 0 skips it.
    Throughput b;
    if (baseline_samples > 0) b = baseline(m, o, baseline_samples);
    Throughput lanes = engine(m, o, engine_samples, SimulationEngine::lanes);
    Throughput best = lanes;
    Throughput table, scalar, scalar_two;
    if (small) {
        // The scalar walk first, then the vector walk (where the processor has AVX-512).
        scalar = engine(m, o, engine_samples, SimulationEngine::table, 1, false);
        best = table = engine(m, o, engine_samples, SimulationEngine::table);
        scalar_two = engine(m, o, engine_samples, SimulationEngine::table, 2, false);
    }
    Throughput two = engine(m, o, engine_samples, SimulationEngine::automatic, 2);
    const double limit = evaluator_ns_per_state(net);
    std::printf("%s: %zu variables, %zu readouts; max_time %g, time_tick %g\n", label, net.num_vars(),
                net.readouts().size(), o.max_time, o.time_tick);
    std::printf("  %-34s %14s %16s %12s\n", "", "trajectories/s", "transitions/s", "jumps/traj");
    if (baseline_samples > 0) row("plain Gillespie (baseline, 1 thread)", b);
    row("lanes engine (bit-parallel, 1 thread)", lanes);
#ifdef BITSIG_SIMULATE_HAS_VECTOR_WALK
    const bool vector = small && vector_walk_available();
#else
    const bool vector = false;
#endif
    if (small) row("table engine, scalar walk (1 thread)", scalar);
    if (vector) row("table engine, vector walk (1 thread)", table);
    if (small) row("scalar walk, 2 threads (CPU/2)", scalar_two);
    row("default engine, 2 threads (CPU/2)", two);
    std::printf("  %-34s %14.0f %16.0f\n", "MaBoSS 2.6.6 (published, 1 thread)", maboss_trajectories_per_s,
                maboss_transitions_per_s);
    if (baseline_samples > 0)
        std::printf("  1 thread: %.1fx the baseline in transitions/s\n", best.transitions_per_s / b.transitions_per_s);
    if (vector)
        std::printf("  vector walk / scalar walk: %.2fx (1 thread), %.2fx (2 threads)\n",
                    table.transitions_per_s / scalar.transitions_per_s,
                    two.transitions_per_s / scalar_two.transitions_per_s);
    std::printf("  1 thread: %.1fx the lanes engine (the previous default) in trajectories/s\n",
                best.trajectories_per_s / lanes.trajectories_per_s);
    std::printf("  ratio to MaBoSS, 1 thread: %.1fx trajectories/s, %.1fx transitions/s (goal: 50x)\n",
                best.trajectories_per_s / maboss_trajectories_per_s, best.transitions_per_s / maboss_transitions_per_s);
    std::printf("  ratio to MaBoSS, 2 threads: %.1fx trajectories/s, %.1fx transitions/s\n",
                two.trajectories_per_s / maboss_trajectories_per_s, two.transitions_per_s / maboss_transitions_per_s);
    std::printf(
        "  cost per transition %.1f ns (1 thread); evaluator limit (all rules, one state, compiled) %.1f ns: %.1fx\n\n",
        1e9 / best.transitions_per_s, limit, 1e9 / best.transitions_per_s / limit);
}

void run_unit_rates(const char* label, const Network& net, double maboss_trajectories_per_s,
                    double maboss_transitions_per_s, std::uint64_t engine_samples, std::uint64_t baseline_samples) {
    SimulationOptions o;
    o.max_time = 50;
    o.time_tick = 0.1;
    o.seed = 1;
    run(label, stochastic_model(net, Perturbation{}), o, maboss_trajectories_per_s, maboss_transitions_per_s,
        engine_samples, baseline_samples);
}

}  // namespace

int main(int argc, char** argv) {
    // --small: the two 10-variable workloads only (simulate_before_after.sh runs them in turns).
    const bool small_only = argc > 1 && std::string(argv[1]) == "--small";
    // --walk N [scalar]: only the table engine on MaBoSS's example, N trajectories, one
    // thread, no timing: for instruction counts (valgrind --tool=callgrind), where the
    // difference between two values of N is the walk's own cost, start-up cancelled;
    // `scalar` takes the scalar walk where the vector walk would run.
    const bool walk_only = argc > 2 && std::string(argv[1]) == "--walk";
    if (!walk_only) std::printf("simulate_bench (CPU time, one run; the machine may be shared: compare ratios)\n\n");
    {
        MabossModel mm = read_maboss(kMabossCellCycleBnd, "cellcycle.bnd", kMabossCellCycleCfg, "cellcycle.cfg");
        StochasticModel m = stochastic_model(mm.net, Perturbation{}, mm.rates, mm.initial);
        SimulationOptions o;
        o.max_time = *mm.settings.max_time;
        o.time_tick = *mm.settings.time_tick;
        o.seed = 1;
        if (walk_only) {
            o.samples = std::stoull(argv[2]);
            o.engine = SimulationEngine::table;
#ifdef BITSIG_SIMULATE_HAS_VECTOR_WALK
            o.vector_walk = !(argc > 3 && std::string(argv[3]) == "scalar");
#endif
            Control one;
            one.threads = 1;
            const SimulationResult r = simulate(m, o, one);
            std::printf("%llu trajectories, %llu transitions\n", static_cast<unsigned long long>(r.samples),
                        static_cast<unsigned long long>(r.transitions));
            return 0;
        }
        run("cell cycle as MaBoSS's example runs it (rates 10/1, one initial state; max_time 10 assumed)", m, o, 128000,
            1.7e6, *mm.settings.sample_count * 4, 0);
    }
    run_unit_rates("cell cycle (Faure et al. 2006), unit rates, random initial states",
                   read_bnet(kCellCycle, "cell_cycle.bnet"), 128000, 1.7e6, 200000, 20000);
    // 083 is the prostate-cancer model of Montagud et al. (2022) that MaBoSS was timed on
    // (133 variables, about 195 jumps per trajectory with unit rates, as the issue's 193);
    // 002 (139 variables, 843 jumps per trajectory) is a second, busier large model.
    if (small_only) return 0;
    const fs::path bbm = fs::path(BITSIG_SHARED_DIR) / "models" / "bbm";
    for (const char* name : {"083_SIGNALING-IN-PROSTATE-CANCER.bnet", "002_SIGNAL-TRANSDUCTION-IN-FIBROBLASTS.bnet"}) {
        const fs::path file = bbm / name;
        if (!fs::exists(file)) {
            std::printf("skipped: %s not found\n", file.string().c_str());
            continue;
        }
        run_unit_rates(name, load_network(file.string()), 684, 0.13e6, 20000, 1000);
    }
    return 0;
}
