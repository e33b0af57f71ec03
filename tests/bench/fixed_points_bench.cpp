// SPDX-License-Identifier: MIT
// Timing of the SAT-based searches: every fixed point of each model in the BBM collection
// (BITSIG_SHARED_DIR/models/bbm), then all synchronous attractors of random N-K networks
// (Kauffman 1969) with n = 100, k = 2, the case where BoolNet's sat.exhaustive needed
// minutes. Wall-clock seconds of single runs: on a shared machine compare repeated runs,
// or instruction counts, rather than one number.
//
// Usage: fixed_points_bench [FILTER] [--max-solutions N] [--exact-count] [--count-seconds S]
//                           [--nk-networks N] [--seed S]
// FILTER keeps the models whose file name contains it ("-" skips the models).
// --exact-count tries the decision diagram first, as `bitsig fixed-points --exact-count`.
// --count-seconds counts in a child process alongside the enumeration, as `bitsig
// fixed-points` does by default (1 s there; 0 here unless given).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "attractor/fixed_points.hpp"
#include "attractor/sync_sat.hpp"
#include "expr/expr.hpp"
#include "io/source.hpp"
#include "model/network.hpp"

namespace {

using bitsig::Expr;
using bitsig::Network;
using bitsig::VarId;

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// A random N-K network: each variable gets k distinct random regulators and a random
/// truth table over them, written as a DNF of its true rows (constant when it has none
/// or all of them).
Network random_nk(std::size_t n, std::size_t k, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    bitsig::NetworkBuilder b("nk_" + std::to_string(seed));
    for (std::size_t i = 0; i < n; ++i) b.declare("x" + std::to_string(i));
    std::vector<std::uint32_t> pool(n);
    for (std::size_t i = 0; i < n; ++i) pool[i] = static_cast<std::uint32_t>(i);
    for (std::size_t i = 0; i < n; ++i) {
        std::shuffle(pool.begin(), pool.end(), rng);
        const std::size_t rows = std::size_t{1} << k;
        std::vector<std::size_t> true_rows;
        for (std::size_t row = 0; row < rows; ++row)
            if (rng() % 2) true_rows.push_back(row);
        Expr e;
        if (true_rows.empty() || true_rows.size() == rows) {
            e = Expr::constant(!true_rows.empty());
        } else {
            std::vector<std::uint32_t> terms;
            for (std::size_t row : true_rows) {
                std::vector<std::uint32_t> lits;
                for (std::size_t j = 0; j < k; ++j) {
                    std::uint32_t x = e.add_variable(VarId{pool[j]});
                    if (!((row >> j) & 1)) {
                        const std::uint32_t kid[] = {x};
                        x = e.add_operator(bitsig::Op::negation, kid);
                    }
                    lits.push_back(x);
                }
                terms.push_back(lits.size() == 1 ? lits[0] : e.add_operator(bitsig::Op::conjunction, lits));
            }
            e.set_root(terms.size() == 1 ? terms[0] : e.add_operator(bitsig::Op::disjunction, terms));
        }
        b.set_rule(VarId{static_cast<std::uint32_t>(i)}, std::move(e));
    }
    return std::move(b).build();
}

void bench_models(const std::string& filter, std::uint64_t max_solutions, bool exact_count, double count_seconds) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(BITSIG_SHARED_DIR) / "models" / "bbm";
    if (!fs::is_directory(dir)) {
        std::printf("skipping the BBM models: %s not found\n", dir.c_str());
        return;
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == ".bnet" && entry.path().filename().string().find(filter) != std::string::npos)
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());

    std::printf("%-55s %9s %26s %9s %6s %9s\n", "model", "variables", "fixed points", "listed", "method", "seconds");
    double total = 0, slowest = 0;
    std::string slowest_name;
    std::size_t limited = 0, under_second = 0;
    bitsig::FixedPointOptions options;
    options.max_solutions = max_solutions;
    if (exact_count) options.symbolic_max_nodes = bitsig::FixedPointOptions::kSymbolicNodes;
    options.background_count_seconds = count_seconds;
    for (const auto& file : files) {
        const Network net = bitsig::load_network(file.string());
        const auto start = std::chrono::steady_clock::now();
        const bitsig::Result r = bitsig::find_fixed_points(net, options, {});
        const double s = seconds_since(start);
        total += s;
        if (s > slowest) {
            slowest = s;
            slowest_name = file.filename().string();
        }
        if (!r.fixed_point_count) ++limited;
        const std::string count = r.fixed_point_count ? r.fixed_point_count->to_string() : "> listed";
        std::printf("%-55s %9zu %26s %9zu %6s %9.3f\n", file.filename().c_str(), net.num_vars(), count.c_str(),
                    r.attractors.size(), bitsig::to_string(r.method).c_str(), s);
        if (s < 1.0) ++under_second;
        std::fflush(stdout);
    }
    std::printf("%zu models, %zu under 1 s, %zu without an exact count (max_solutions = %llu); total %.3f s, "
                "slowest %.3f s (%s)\n\n",
                files.size(), under_second, limited, static_cast<unsigned long long>(max_solutions), total, slowest,
                slowest_name.c_str());
}

void bench_nk(std::size_t count, std::uint64_t first_seed) {
    std::printf("%-12s %5s %3s %11s %13s %8s %9s\n", "N-K seed", "n", "k", "attractors", "longest cycle", "complete",
                "seconds");
    double total = 0, slowest = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint64_t seed = first_seed + i;
        const Network net = random_nk(100, 2, seed);
        const auto start = std::chrono::steady_clock::now();
        const bitsig::Result r = bitsig::find_sync_attractors_sat(net, {}, {});
        const double s = seconds_since(start);
        total += s;
        slowest = std::max(slowest, s);
        std::size_t longest = 0;
        for (const auto& a : r.attractors) longest = std::max<std::size_t>(longest, a.size);
        std::printf("%-12llu %5d %3d %11zu %13zu %8s %9.3f\n", static_cast<unsigned long long>(seed), 100, 2,
                    r.attractors.size(), longest, r.complete ? "yes" : "no", s);
        std::fflush(stdout);
    }
    if (count) std::printf("%zu networks; total %.3f s, slowest %.3f s\n", count, total, slowest);
}

}  // namespace

int main(int argc, char** argv) {
    try {
        std::string filter;
        std::uint64_t max_solutions = bitsig::FixedPointOptions{}.max_solutions;
        std::size_t nk_networks = 10;
        std::uint64_t seed = 1;
        bool exact_count = false;
        double count_seconds = 0;
        for (int i = 1; i < argc; ++i) {
            const std::string arg = argv[i];
            if (arg == "--exact-count")
                exact_count = true;
            else if (arg == "--count-seconds" && i + 1 < argc)
                count_seconds = std::stod(argv[++i]);
            else if (arg == "--max-solutions" && i + 1 < argc)
                max_solutions = std::stoull(argv[++i]);
            else if (arg == "--nk-networks" && i + 1 < argc)
                nk_networks = std::stoul(argv[++i]);
            else if (arg == "--seed" && i + 1 < argc)
                seed = std::stoull(argv[++i]);
            else
                filter = arg;
        }
        if (filter != "-") bench_models(filter, max_solutions, exact_count, count_seconds);
        bench_nk(nk_networks, seed);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fixed_points_bench: %s\n", e.what());
        return 1;
    }
}
