// SPDX-License-Identifier: MIT
// Complete asynchronous attractors on the shared BBM models: every model with its inputs
// held at 0 and at random values (seeded), under `--method auto --update async` with the
// succession diagram deciding its nodes from attractor candidates first (succession.hpp,
// candidates.hpp) and, as the baseline measured in the same run, the same diagram without
// them (`SuccessionOptions::use_candidates = false`: one backward reachability over
// decision diagrams per node), or with `planner` as fifth argument the planner as it was
// before the diagram (exhaustive when the percolated network fits, otherwise fixed points
// by SAT plus sampling, never complete). Each run gets a wall-clock limit.
//   async_attractors_bench [MODEL_DIR] [LIMIT_SECONDS=60] [FIRST=0] [STRIDE=1] [diagram|planner]
// One row per model and input setting, then how many finished complete and the total times.
//   async_attractors_bench nk N COUNT [LIMIT_SECONDS=60] [FIRST_SEED=1]
// Random critical N-K networks instead (k = 3 distinct regulators, truth-table rows 1 with
// probability p where 2kp(1 - p) = 1, the critical bias; seeds FIRST_SEED..), as in
// biobalm's benchmark (Trinh et al. 2024), with and without candidates.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <cmath>

#include "analysis/reduce.hpp"
#include "attractor/search.hpp"
#include "expr/parse.hpp"
#include "io/source.hpp"
#include "perturb/perturbation.hpp"

#include "nk_bench.hpp"

using namespace bitsig;

namespace {

struct Run {
    Result result;
    double seconds = 0;
    bool skipped = false;  // BENCH_BASELINE=0
};

Run skipped_run() {
    Run r;
    r.skipped = true;
    r.result.complete = false;
    return r;
}

enum class Mode { candidates, diagram, planner };

Run run(const Network& net, Mode mode, double limit) {
    SearchOptions o;
    o.update = UpdateScheme::asynchronous;
    o.use_succession = mode != Mode::planner;
    o.succession.use_candidates = mode == Mode::candidates;
    // BENCH_ORDER=0: decision diagrams in model order (the order before wiring_order).
    const char* order = std::getenv("BENCH_ORDER");
    o.succession.wiring_order = !(order && std::string(order) == "0");
    o.succession.max_seconds = limit;
    Control c;
    c.threads = 1;
    c = c.with_budget(limit);
    const auto start = std::chrono::steady_clock::now();
    Run r;
    r.result = find_attractors(net, o, c);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

std::size_t free_count(const Network& net) {
    std::size_t n = 0;
    for (std::uint32_t v = 0; v < net.num_vars(); ++v) n += !net.is_constant(VarId{v});
    return n;
}

// A random N-K network with k = 3 and critical bias, deterministic in `seed`.
Network critical_nk(std::size_t n, std::uint64_t seed) {
    constexpr std::size_t k = 3;
    const double p = (1 - std::sqrt(1 - 2.0 / k)) / 2;  // 2kp(1 - p) = 1
    std::bernoulli_distribution one(p);
    return bench::random_nk(n, k, seed, [&](std::mt19937_64& rng) { return one(rng); });
}

double median(std::vector<double> times) {
    std::sort(times.begin(), times.end());
    return times.empty() ? 0.0 : times[times.size() / 2];
}

int run_nk(std::size_t n, std::size_t count, double limit, std::uint64_t first_seed) {
    std::printf("%6s %5s %5s | %-10s %4s %5s %8s | %-10s %4s %5s %8s\n", "seed", "N", "core", "candidates", "done",
                "attr", "seconds", "diagram", "done", "attr", "seconds");
    std::size_t done = 0, done_old = 0;
    std::vector<double> times, times_old;
    for (std::uint64_t seed = first_seed; seed < first_seed + count; ++seed) {
        const Network net = critical_nk(n, seed);
        const std::size_t core = free_count(percolate(net).reduced);
        const Run now = run(net, Mode::candidates, limit);
        // BENCH_BASELINE=0 skips the baseline (it takes the whole limit where it cannot finish).
        const char* baseline = std::getenv("BENCH_BASELINE");
        const Run before = baseline && std::string(baseline) == "0" ? skipped_run() : run(net, Mode::diagram, limit);
        done += now.result.complete;
        done_old += before.result.complete;
        if (now.result.complete) times.push_back(now.seconds);
        if (before.result.complete) times_old.push_back(before.seconds);
        std::printf("%6llu %5zu %5zu | %-10s %4s %5zu %8.3f | %-10s %4s %5zu %8.3f\n",
                    static_cast<unsigned long long>(seed), n, core, "", now.result.complete ? "yes" : "no",
                    now.result.attractors.size(), now.seconds, "", before.result.complete ? "yes" : "no",
                    before.result.attractors.size(), before.seconds);
        if (std::getenv("BENCH_NOTES"))
            for (const auto* r : {&now, &before})
                for (const auto& note : r->result.notes) std::printf("       %s\n", note.c_str());
        std::fflush(stdout);
    }
    std::printf("\n%zu of %zu complete within %.0f s with candidates (median %.2f s)", done, count, limit,
                median(times));
    if (std::getenv("BENCH_BASELINE") && std::string(std::getenv("BENCH_BASELINE")) == "0")
        std::printf(", baseline skipped\n");
    else
        std::printf(", %zu without (median %.2f s)\n", done_old, median(times_old));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc > 1 && std::string(argv[1]) == "nk") {
        if (argc < 4) {
            std::fprintf(stderr, "usage: async_attractors_bench nk N COUNT [LIMIT_SECONDS] [FIRST_SEED]\n");
            return 2;
        }
        return run_nk(std::stoul(argv[2]), std::stoul(argv[3]), argc > 4 ? std::stod(argv[4]) : 60,
                      argc > 5 ? std::stoull(argv[5]) : 1);
    }
    const std::filesystem::path dir = argc > 1 ? argv[1] : std::filesystem::path(BITSIG_SHARED_DIR) / "models" / "bbm";
    const double limit = argc > 2 ? std::stod(argv[2]) : 60;
    const std::size_t first = argc > 3 ? std::stoul(argv[3]) : 0;
    const std::size_t stride = argc > 4 ? std::max<std::size_t>(1, std::stoul(argv[4])) : 1;
    const Mode baseline = argc > 5 && std::string(argv[5]) == "planner" ? Mode::planner : Mode::diagram;
    std::vector<std::filesystem::path> models;
    if (std::filesystem::is_directory(dir))
        for (const auto& e : std::filesystem::directory_iterator(dir))
            if (e.path().extension() == ".bnet") models.push_back(e.path());
    std::sort(models.begin(), models.end());
    if (models.empty()) {
        std::printf("skipped: no .bnet models in %s\n", dir.string().c_str());
        return 0;
    }
    std::printf("%-44s %6s %5s %4s | %-18s %4s %5s %8s | %-10s %4s %5s %8s\n", "model", "inputs", "vars", "core",
                "method", "done", "attr", "seconds", "baseline", "done", "attr", "seconds");
    std::size_t runs = 0, done_new = 0, done_old = 0, beyond = 0, beyond_new = 0, beyond_old = 0;
    double total_new = 0, total_old = 0, worst = 0;
    std::string worst_model;
    // BENCH_ONLY=004,079,...: only the models whose names start with one of these.
    const char* only = std::getenv("BENCH_ONLY");
    auto chosen = [&](const std::filesystem::path& path) {
        if (!only) return true;
        const std::string list = std::string(",") + only + ",", name = path.filename().string();
        return list.find("," + name.substr(0, 3) + ",") != std::string::npos;
    };
    for (std::size_t m = first; m < models.size(); m += stride) {
        if (!chosen(models[m])) continue;
        const Network net = load_network(models[m].string());
        std::vector<VarId> inputs;
        for (std::uint32_t v = 0; v < net.num_vars(); ++v)
            if (net.is_input(VarId{v})) inputs.push_back(VarId{v});
        for (int setting = 0; setting < 2; ++setting) {
            std::mt19937_64 rng(1000 + m);
            Perturbation p;
            for (VarId v : inputs) p.fixes.push_back(Fix{v, setting == 1 && (rng() & 1)});
            const Network held = apply(net, p);
            const std::size_t core = free_count(percolate(held).reduced);
            const Run now = run(held, Mode::candidates, limit);
            const char* with_baseline = std::getenv("BENCH_BASELINE");
            const Run before =
                with_baseline && std::string(with_baseline) == "0" ? skipped_run() : run(held, baseline, limit);
            ++runs;
            done_new += now.result.complete;
            done_old += before.result.complete;
            total_new += now.seconds;
            total_old += before.seconds;
            if (now.result.method != Algorithm::exhaustive) {
                ++beyond;
                beyond_new += now.result.complete;
                beyond_old += before.result.complete;
            }
            if (now.seconds > worst) {
                worst = now.seconds;
                worst_model = models[m].filename().string() + (setting ? " (random)" : " (zeros)");
            }
            const std::string name = models[m].filename().string().substr(0, 40) + (setting ? " rnd" : " 0");
            std::printf("%-44s %6zu %5zu %4zu | %-18s %4s %5zu %8.3f | %-10s %4s %5zu %8.3f\n", name.c_str(),
                        inputs.size(), net.num_vars(), core, to_string(now.result.method).c_str(),
                        now.result.complete ? "yes" : "no", now.result.attractors.size(), now.seconds,
                        to_string(before.result.method).c_str(), before.result.complete ? "yes" : "no",
                        before.result.attractors.size(), before.seconds);
            std::fflush(stdout);
        }
    }
    const char* before_name = baseline == Mode::planner ? "the planner before the diagram" : "the diagram without";
    std::printf("\n%zu runs (limit %.0f s each): complete %zu with candidates, %zu with %s\n", runs, limit, done_new,
                done_old, before_name);
    std::printf("beyond exhaustive size: %zu runs, %zu complete with candidates, %zu with %s\n", beyond, beyond_new,
                beyond_old, before_name);
    std::printf("total %.1f s now, %.1f s before (ratio %.2f); slowest now %.2f s (%s)\n", total_new, total_old,
                total_new / std::max(1e-9, total_old), worst, worst_model.c_str());
    return 0;
}
