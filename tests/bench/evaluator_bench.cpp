// SPDX-License-Identifier: MIT
// Compiled evaluator vs one-state evaluator on the largest BBM models (and 004 ERBB, the
// model with the widest rule people know). The compiled Program evaluates 64*W states per
// instruction (bit-sliced blocks); the reference evaluator walks each rule's tree once per
// state over a std::vector<bool>. Both are timed in the same run, on the same machine
// load, and reported as nanoseconds per state per variable, with their ratio.
//
// Timing: each measurement repeats its loop until it has run for at least 40 ms and keeps
// the best of five such rounds, which filters out most of the noise of a shared machine.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "dynamics/program.hpp"
#include "expr/expr.hpp"
#include "io/source.hpp"
#include "model/network.hpp"

namespace {

namespace fs = std::filesystem;
using bitsig::Network;
using bitsig::Program;
using bitsig::VarId;
using bitsig::Word;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kLargest = 4;  // how many of the largest models to time
constexpr double kMinRoundSeconds = 0.04;
constexpr int kRounds = 5;

// Keeps results observable so the optimizer cannot drop the work.
volatile Word g_sink = 0;

// Best-of-kRounds time per call of `body`, in nanoseconds.
template <class Body>
double best_ns_per_call(Body&& body) {
    double best = 1e300;
    for (int round = 0; round < kRounds; ++round) {
        std::size_t calls = 0;
        auto start = Clock::now();
        double elapsed = 0;
        do {
            body();
            ++calls;
            elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        } while (elapsed < kMinRoundSeconds);
        best = std::min(best, elapsed * 1e9 / static_cast<double>(calls));
    }
    return best;
}

template <std::size_t W>
double compiled_ns(const Program& p, std::size_t n, std::mt19937_64& rng) {
    std::vector<Word> in(n * W), out(n * W), scratch(p.scratch_words(W));
    for (auto& w : in) w = rng();
    double ns = best_ns_per_call([&] {
        p.run<W>(in.data(), out.data(), scratch.data());
        g_sink = g_sink ^ out[0];
    });
    return ns / static_cast<double>(64 * W) / static_cast<double>(n);
}

double one_state_ns(const Network& net, std::mt19937_64& rng) {
    const std::size_t n = net.num_vars();
    constexpr std::size_t kStates = 64;
    std::vector<std::vector<bool>> states(kStates, std::vector<bool>(n));
    for (auto& s : states)
        for (std::size_t v = 0; v < n; ++v) s[v] = rng() & 1;
    std::vector<bool> next(n);
    double ns = best_ns_per_call([&] {
        for (const auto& s : states)
            for (std::uint32_t v = 0; v < n; ++v) next[v] = bitsig::evaluate(net.rule(VarId{v}), s);
        g_sink = g_sink ^ static_cast<Word>(next[0]);
    });
    return ns / static_cast<double>(kStates) / static_cast<double>(n);
}

std::size_t total_nodes(const Network& net) {
    std::size_t nodes = 0;
    for (std::uint32_t v = 0; v < net.num_vars(); ++v) nodes += net.rule(VarId{v}).size();
    return nodes;
}

}  // namespace

int main() {
    const fs::path dir = fs::path(BITSIG_SHARED_DIR) / "models" / "bbm";
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        std::printf("evaluator_bench: skipped, no BBM models in %s\n", dir.string().c_str());
        return 0;
    }
    struct Model {
        std::string file;
        Network net;
    };
    std::vector<Model> all;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".bnet")
            all.push_back({e.path().filename().string(), bitsig::load_network(e.path().string())});
    std::sort(all.begin(), all.end(), [](const Model& a, const Model& b) {
        return a.net.num_vars() != b.net.num_vars() ? a.net.num_vars() > b.net.num_vars() : a.file < b.file;
    });
    std::vector<const Model*> chosen;
    for (std::size_t i = 0; i < all.size() && i < kLargest; ++i) chosen.push_back(&all[i]);
    for (const auto& m : all)
        if (m.file.rfind("004_", 0) == 0 && std::find(chosen.begin(), chosen.end(), &m) == chosen.end())
            chosen.push_back(&m);

    std::printf("ns per state per variable (best of %d rounds of >= %.0f ms each)\n", kRounds, kMinRoundSeconds * 1e3);
    std::printf("%-44s %6s %8s %6s | %8s %8s %8s | %10s | %7s\n", "model", "vars", "nodes", "instrs", "W=1", "W=4",
                "W=8", "one-state", "ratio");
    for (const Model* m : chosen) {
        const Network& net = m->net;
        const std::size_t n = net.num_vars();
        Program p = Program::compile(net);
        std::mt19937_64 rng(12345);
        double w1 = compiled_ns<1>(p, n, rng);
        double w4 = compiled_ns<4>(p, n, rng);
        double w8 = compiled_ns<8>(p, n, rng);
        double ref = one_state_ns(net, rng);
        double best = std::min({w1, w4, w8});
        std::printf("%-44s %6zu %8zu %6zu | %8.4f %8.4f %8.4f | %10.3f | %6.0fx\n", m->file.substr(0, 44).c_str(), n,
                    total_nodes(net), p.size(), w1, w4, w8, ref, ref / best);
    }
    std::printf("ratio = one-state / best compiled width\n");
    return 0;
}
