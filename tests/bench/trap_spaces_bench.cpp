// SPDX-License-Identifier: MIT
// Minimal trap spaces on every shared BBM model: the first 1000 of each (goal: under 1 s
// each), maximal trap spaces likewise, and the fixed points of each model listed to the
// same limit by the existing exact search, as the baseline measured in the same run (a
// minimal trap space without '*' is a fixed point, so the listings are comparable work).
//   trap_spaces_bench [MODEL_DIR] [LIMIT]
// Prints one row per model (processor seconds), then totals and the ratio to the baseline;
// the ASP comparison is tests/bench/trap_spaces_asp.py.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "attractor/search.hpp"
#include "io/source.hpp"
#include "trapspace/trap_spaces.hpp"

using namespace bitsig;

namespace {

// Processor time of this (single-threaded) process: on a machine shared with other jobs,
// wall-clock times of single runs vary by a factor of three.
template <class F>
double seconds(F&& f) {
    const std::clock_t start = std::clock();
    f();
    return static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
}

}  // namespace

int main(int argc, char** argv) {
    const std::filesystem::path dir = argc > 1 ? argv[1] : std::filesystem::path(BITSIG_SHARED_DIR) / "models" / "bbm";
    const std::size_t limit = argc > 2 ? std::stoul(argv[2]) : 1000;
    std::vector<std::filesystem::path> models;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().extension() == ".bnet") models.push_back(e.path());
    std::sort(models.begin(), models.end());
    if (models.empty()) {
        std::fprintf(stderr, "no .bnet models in %s\n", dir.string().c_str());
        return 2;
    }
    std::printf("%-48s %5s %6s %4s %9s %6s %4s %9s %9s\n", "model", "vars", "min", "all", "min_s", "max", "all",
                "max_s", "fixed_s");
    double total_min = 0, total_max = 0, total_fixed = 0, worst = 0;
    std::string worst_model;
    std::size_t over_one_second = 0;
    for (const auto& path : models) {
        Network net = load_network(path.string());
        trapspace::Options o;
        o.limit = limit;
        trapspace::Result min, max;
        const double min_s = seconds([&] { min = trapspace::find_trap_spaces(net, o, Control{}); });
        o.kind = trapspace::Kind::maximal;
        const double max_s = seconds([&] { max = trapspace::find_trap_spaces(net, o, Control{}); });
        SearchOptions so;
        so.fixed_points.max_solutions = limit;
        const double fixed_s = seconds([&] { (void)find_all_fixed_points(net, so, Control{}); });
        std::printf("%-48s %5zu %6zu %4s %9.4f %6zu %4s %9.4f %9.4f\n", path.filename().string().c_str(),
                    net.num_vars(), min.trap_spaces.size(), min.complete ? "yes" : "no", min_s, max.trap_spaces.size(),
                    max.complete ? "yes" : "no", max_s, fixed_s);
        std::fflush(stdout);
        total_min += min_s;
        total_max += max_s;
        total_fixed += fixed_s;
        over_one_second += min_s >= 1.0;
        if (min_s > worst) {
            worst = min_s;
            worst_model = path.filename().string();
        }
    }
    std::printf("\n%zu models, first %zu of each\n", models.size(), limit);
    std::printf("minimal trap spaces: total %.2f s, slowest %.3f s (%s), %zu models at 1 s or more\n", total_min, worst,
                worst_model.c_str(), over_one_second);
    std::printf("maximal trap spaces: total %.2f s\n", total_max);
    std::printf("baseline, fixed points to the same limit: total %.2f s; minimal trap spaces / fixed points = %.2f\n",
                total_fixed, total_min / total_fixed);
    return 0;
}
