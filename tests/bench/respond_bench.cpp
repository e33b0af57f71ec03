// SPDX-License-Identifier: MIT
// Exact asynchronous response: random N-K networks (Kauffman 1969; K = 2 regulators per
// variable, random truth tables) of 20, 24 and 28 variables, and the flagship under every
// context (from the context's attractors, trastuzumab added). Prints reachable states, time
// and states per second of the whole answer (exploration, terminal components, absorption),
// and, measured in the same run, the rate of a plain baseline: breadth-first exploration one
// state at a time with the reference evaluator and std::unordered_map (exploration only, so
// the ratio understates the gap). The baseline explores at most 2^20 states.
//
//   respond_bench [FLAGSHIP.yaml]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <unordered_map>

#include "dynamics/step.hpp"
#include "expr/parse.hpp"
#include "io/source.hpp"
#include "response/response.hpp"

using namespace bitsig;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Each variable reads K random variables through a random truth table (written as a DNF).
Network random_nk(std::size_t n, std::size_t k, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    NetworkBuilder b("nk_" + std::to_string(n) + "_" + std::to_string(seed));
    for (std::size_t i = 0; i < n; ++i) b.declare("v" + std::to_string(i));
    NameResolver resolve = [&](std::string_view name) { return b.find(name); };
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<std::string> regs;
        for (std::size_t r = 0; r < k; ++r) regs.push_back("v" + std::to_string(rng() % n));
        std::uint64_t table = rng();
        std::string text;
        for (std::uint64_t row = 0; row < (std::uint64_t{1} << k); ++row) {
            if (!((table >> row) & 1)) continue;
            std::string term;
            for (std::size_t r = 0; r < k; ++r)
                term += (r ? " & " : "") + std::string((row >> r) & 1 ? "" : "!") + regs[r];
            text += (text.empty() ? "" : " | ") + ("(" + term + ")");
        }
        if (text.empty()) text = "0";
        b.set_rule(VarId{static_cast<std::uint32_t>(i)}, parse_rule(text, RuleSource{}, resolve).expr);
    }
    return std::move(b).build();
}

// The baseline: one state at a time, reference successors, a node-based hash map.
double baseline_rate(const Network& net, const State& start, std::uint64_t limit, std::uint64_t& explored) {
    auto t0 = std::chrono::steady_clock::now();
    std::unordered_map<State, std::uint32_t> index;
    std::vector<State> queue{start};
    index.emplace(start, 0);
    for (std::size_t q = 0; q < queue.size() && queue.size() < limit; ++q)
        for (auto& next : successors_asynchronous(net, queue[q]))
            if (index.emplace(next, static_cast<std::uint32_t>(queue.size())).second) queue.push_back(next);
    explored = queue.size();
    return static_cast<double>(explored) / seconds_since(t0);
}

struct Run {
    ResponseResult result;
    double seconds = 0;
};

Run timed(const Network& net, const ResponseQuery& q) {
    ResponseOptions o;
    o.method = ResponseMethod::exact;
    auto t0 = std::chrono::steady_clock::now();
    Run r;
    r.result = respond(net, q, o, Control{});
    r.seconds = seconds_since(t0);
    return r;
}

void report(const std::string& label, const Run& run, double base_rate, std::uint64_t base_states) {
    double rate = static_cast<double>(run.result.explored_states) / run.seconds;
    std::size_t reached = run.result.attractors.size();
    std::printf("%-40s %11llu states %9.3f s %12.0f states/s  %zu attractors  max_error %.1e  baseline %10.0f states/s "
                "(%llu states)  ratio %6.1f\n",
                label.c_str(), static_cast<unsigned long long>(run.result.explored_states), run.seconds, rate, reached,
                run.result.max_error, base_rate, static_cast<unsigned long long>(base_states), rate / base_rate);
}

}  // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    std::printf("exact asynchronous response (respond, --method exact) vs one-state baseline exploration\n");
    for (std::size_t n : {20, 24, 28}) {
        // The network with the largest reachable set among a few seeds, from the all-zero state,
        // after knocking out v0: a response that has to explore.
        for (std::uint64_t seed = 1; seed <= 3; ++seed) {
            Network net = random_nk(n, 2, seed * 1000 + n);
            ResponseQuery q;
            q.update = UpdateScheme::asynchronous;
            q.initial = std::string(n, '0');
            q.steps.push_back(Conditions::parse("ko=v0"));
            Run run;
            try {
                run = timed(net, q);
            } catch (const ResourceError& e) {
                std::printf("N=%zu seed %llu: refused: %s\n", n, static_cast<unsigned long long>(seed), e.what());
                continue;
            }
            Network perturbed = apply(net, resolve(net, q.steps[0]));
            std::uint64_t base_states = 0;
            double base = baseline_rate(perturbed, State(n), std::uint64_t{1} << 20, base_states);
            report("N-K N=" + std::to_string(n) + " K=2 seed " + std::to_string(seed), run, base, base_states);
        }
    }
    std::filesystem::path flagship =
        argc > 1 ? argv[1]
                 : std::filesystem::path(BITSIG_SHARED_DIR) / ".." / "main" / "networks" / "her2_trastuzumab.yaml";
    if (!std::filesystem::exists(flagship)) flagship = "networks/her2_trastuzumab.yaml";
    if (!std::filesystem::exists(flagship)) {
        std::printf("flagship: skipped (%s not found)\n", flagship.string().c_str());
        return 0;
    }
    Network net = load_network(flagship.string());
    std::vector<std::string> contexts{""};
    for (const auto& c : net.contexts()) contexts.push_back(c.name);
    double worst = 0;
    for (const auto& c : contexts) {
        std::string base = c.empty() ? "" : "context=" + c;
        ResponseQuery q;
        q.update = UpdateScheme::asynchronous;
        q.from = Conditions::parse(base);
        q.steps.push_back(Conditions::parse(base + " drug=trastuzumab"));
        Run run = timed(net, q);
        worst = std::max(worst, run.seconds);
        // The baseline from the first start attractor, under the treatment.
        Network treated = apply(net, resolve(net, q.steps[0]));
        State start = run.result.start.front().states.front();
        for (std::uint32_t v = 0; v < net.num_vars(); ++v)
            if (treated.is_constant(VarId{v})) start.set(v, step_synchronous(treated, start).get(v));
        std::uint64_t base_states = 0;
        double base_rate = baseline_rate(treated, start, std::uint64_t{1} << 20, base_states);
        report("flagship " + (c.empty() ? std::string("baseline") : c) + " + trastuzumab", run, base_rate, base_states);
    }
    std::printf("flagship: slowest context %.3f s (goal: under 1 s each)\n", worst);
    return 0;
}
