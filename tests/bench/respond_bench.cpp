// SPDX-License-Identifier: MIT
// Exact asynchronous response: random N-K networks (Kauffman 1969; K = 2 regulators per
// variable, random truth tables) of 20, 24 and 28 variables, and the flagship under every
// context (from the context's attractors, trastuzumab added). For each case it times the
// whole exact answer of respond() (reachable states, attractors, absorption) as users get
// it (layout chosen automatically: the whole-space bitsets of response/dense.cpp when the
// reachable set is not small) and, in the same run, the previous method (the reachable
// states numbered as met with an edge list, Kosaraju, absorption per component; forced
// with StepLayout::reachable), and prints states per second and the ratio. The answers of
// the two must agree (attractors and probabilities within 1e-9); a mismatch is printed.
// Peak resident memory is that of the whole process so far (getrusage), so the new method
// runs first for every size. Last, a 49-variable BBM model answered by decision diagrams.
//
//   respond_bench [--no-previous] [FLAGSHIP.yaml]
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>

#include "expr/parse.hpp"
#include "io/source.hpp"
#include "response/response.hpp"

using namespace bitsig;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double peak_rss_gib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / (1024.0 * 1024.0);
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

struct Run {
    ResponseResult result;
    double seconds = 0;
    std::string refused;
};

Run timed(const Network& net, const ResponseQuery& q, StepLayout layout) {
    ResponseOptions o;
    o.method = ResponseMethod::exact;
    o.limits.layout = layout;
    Run r;
    auto t0 = std::chrono::steady_clock::now();
    try {
        r.result = respond(net, q, o, Control{});
    } catch (const ResourceError& e) {
        r.refused = e.what();
    }
    r.seconds = seconds_since(t0);
    return r;
}

// Same attractors (first states) and probabilities within 1e-9.
bool agree(const ResponseResult& a, const ResponseResult& b) {
    if (a.attractors.size() != b.attractors.size() || a.responses.size() != b.responses.size()) return false;
    for (std::size_t i = 0; i < a.attractors.size(); ++i)
        if (a.attractors[i].states.front() != b.attractors[i].states.front()) return false;
    for (std::size_t s = 0; s < a.responses.size(); ++s) {
        if (a.responses[s].reachable != b.responses[s].reachable) return false;
        for (std::size_t j = 0; j < a.responses[s].probabilities.size(); ++j)
            if (std::abs(a.responses[s].probabilities[j] - b.responses[s].probabilities[j]) > 1e-9) return false;
    }
    return true;
}

struct Case {
    std::string label;
    Network net;
    ResponseQuery query;
};

void print_header() {
    std::printf("%-34s %11s %5s %9s %12s %8s | %9s %12s %7s %s\n", "case", "states", "attrs", "new_s", "new_st/s",
                "peak_GiB", "prev_s", "prev_st/s", "ratio", "agree");
}

}  // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    bool previous = true;
    std::filesystem::path flagship;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--no-previous") == 0)
            previous = false;
        else
            flagship = argv[i];
    }
    std::printf("exact asynchronous response (respond --method exact): automatic layout vs the previous method "
                "(reachable states with an edge list), same run\n");
    print_header();
    for (std::size_t n : {20, 24, 28}) {
        std::vector<Case> cases;
        for (std::uint64_t seed = 1; seed <= 3; ++seed) {
            Case c{"N-K N=" + std::to_string(n) + " K=2 seed " + std::to_string(seed),
                   random_nk(n, 2, seed * 1000 + n),
                   {}};
            c.query.update = UpdateScheme::asynchronous;
            c.query.initial = std::string(n, '0');
            c.query.steps.push_back(Conditions::parse("ko=v0"));
            cases.push_back(std::move(c));
        }
        std::vector<Run> fresh;
        for (auto& c : cases) fresh.push_back(timed(c.net, c.query, StepLayout::automatic));
        double peak = peak_rss_gib();
        for (std::size_t i = 0; i < cases.size(); ++i) {
            const Run& a = fresh[i];
            if (!a.refused.empty()) {
                std::printf("%-34s refused: %s\n", cases[i].label.c_str(), a.refused.c_str());
                continue;
            }
            double states = static_cast<double>(a.result.explored_states);
            std::printf("%-34s %11llu %5zu %9.3f %12.0f %8.2f |", cases[i].label.c_str(),
                        static_cast<unsigned long long>(a.result.explored_states), a.result.attractors.size(),
                        a.seconds, states / a.seconds, peak);
            if (!previous) {
                std::printf(" (previous method not run)\n");
                continue;
            }
            Run b = timed(cases[i].net, cases[i].query, StepLayout::reachable);
            if (!b.refused.empty()) {
                std::printf(" previous refused: %s\n", b.refused.c_str());
                continue;
            }
            std::printf(" %9.3f %12.0f %7.1f %s\n", b.seconds, states / b.seconds, b.seconds / a.seconds,
                        agree(a.result, b.result) ? "yes" : "NO");
        }
    }
    // Beyond the whole-space limit: decision diagrams (no previous exact method could answer).
    std::filesystem::path big =
        std::filesystem::path(BITSIG_SHARED_DIR) / "models" / "bbm" / "176_MYELOFIBROTIC-MICROENVIRONMENT.bnet";
    if (std::filesystem::exists(big)) {
        Network net = load_network(big.string());
        ResponseQuery q;
        q.update = UpdateScheme::asynchronous;
        q.initial = std::string(net.num_vars(), '0');
        q.steps.push_back(Conditions::parse(""));
        Run a = timed(net, q, StepLayout::automatic);
        if (a.refused.empty())
            std::printf("%-34s %11llu %5zu %9.3f %12.0f %8.2f | (%s; previous method: out of reach)\n",
                        "BBM 176 (49 variables)", static_cast<unsigned long long>(a.result.explored_states),
                        a.result.attractors.size(), a.seconds,
                        static_cast<double>(a.result.explored_states) / a.seconds, peak_rss_gib(),
                        a.result.method.c_str());
        else
            std::printf("BBM 176: refused: %s\n", a.refused.c_str());
    }
    if (flagship.empty()) {
        flagship = std::filesystem::path(BITSIG_SHARED_DIR) / ".." / "main" / "networks" / "her2_trastuzumab.yaml";
        if (!std::filesystem::exists(flagship)) flagship = "networks/her2_trastuzumab.yaml";
    }
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
        Run a = timed(net, q, StepLayout::automatic);
        std::string label = "flagship " + (c.empty() ? std::string("baseline") : c) + " + trast.";
        if (!a.refused.empty()) {
            std::printf("%-34s refused: %s\n", label.c_str(), a.refused.c_str());
            continue;
        }
        worst = std::max(worst, a.seconds);
        double states = static_cast<double>(a.result.explored_states);
        std::printf("%-34s %11llu %5zu %9.3f %12.0f %8.2f |", label.c_str(),
                    static_cast<unsigned long long>(a.result.explored_states), a.result.attractors.size(), a.seconds,
                    states / a.seconds, peak_rss_gib());
        if (!previous) {
            std::printf("\n");
            continue;
        }
        Run b = timed(net, q, StepLayout::reachable);
        std::printf(" %9.3f %12.0f %7.1f %s\n", b.seconds, states / b.seconds, b.seconds / a.seconds,
                    b.refused.empty() && agree(a.result, b.result) ? "yes" : "NO");
    }
    std::printf("flagship: slowest context %.3f s (goal: under 1 s each)\n", worst);
    return 0;
}
