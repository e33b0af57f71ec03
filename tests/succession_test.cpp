// SPDX-License-Identifier: MIT
// The succession-diagram search for asynchronous attractors (attractor/succession.hpp) and
// its symbolic part (symbolic/attractors.hpp), checked against the brute-force oracle on
// random networks, on published networks with motif-avoidant attractors, and against the
// exhaustive search on the small shared BBM models.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>

#include "attractor/exhaustive.hpp"
#include "attractor/search.hpp"
#include "attractor/succession.hpp"
#include "io/bnet.hpp"
#include "io/source.hpp"
#include "oracle/oracle.hpp"
#include "paths.hpp"
#include "skip.hpp"
#include "symbolic/attractors.hpp"

using namespace bitsig;

namespace {

std::vector<std::vector<State>> state_sets(const std::vector<Attractor>& as) {
    std::vector<std::vector<State>> out;
    for (const auto& a : as) out.push_back(a.states);
    return out;
}

bool has_note(const Result& r, const std::string& text) {
    return std::any_of(r.notes.begin(), r.notes.end(),
                       [&](const std::string& n) { return n.find(text) != std::string::npos; });
}

// Rozum et al. 2021 (Science Advances 7, eabf8124): one fixed point (000, its only minimal
// trap space) and a motif-avoidant attractor of the six states where A or B is on.
const char* kRozum2021 = "targets, factors\nA, (!A & !B) | C\nB, (!A & !B) | C\nC, A & B\n";
// The locally monotonic example of biobalm's issue tracker (jcrozum/biobalm#64, after an
// example by J. Rozum): one fixed point and one motif-avoidant attractor.
const char* kBiobalm64 =
    "targets, factors\nA, !E | (A & B & C)\nB, !F | (A & B & C)\nC, !D | (A & B & C)\nD, A\nE, B\nF, C\n";

}  // namespace

TEST_SUITE("succession") {

TEST_CASE("the succession diagram finds exactly the oracle's asynchronous attractors on random networks") {
    for (std::uint64_t seed = 1; seed <= 102; ++seed) {
        CAPTURE(seed);
        const std::size_t n = seed <= 100 ? 8 + seed % 5 : 13 + seed % 2;  // the oracle is slow past 12
        Network net = oracle::random_network(n, 3, seed);
        SuccessionOptions o;
        o.exhaustive_limit = seed % 5;  // 0: every node goes through trap spaces and diagrams
        o.max_listed_states = 1 << 14;  // the oracle lists every state
        Result r = succession_attractors(net, o, Control{});
        CHECK(r.complete);
        CHECK(r.method == Algorithm::succession_diagram);
        CHECK(state_sets(r.attractors) == state_sets(oracle::asynchronous_attractors(net)));
    }
}

TEST_CASE("large attractors are listed in part, with their exact size and smallest states") {
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        CAPTURE(seed);
        Network net = oracle::random_network(10, 3, seed);
        SuccessionOptions o;
        o.exhaustive_limit = 0;
        o.max_listed_states = 2;
        Result r = succession_attractors(net, o, Control{});
        auto expected = oracle::asynchronous_attractors(net);
        REQUIRE(r.attractors.size() == expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            CHECK(r.attractors[i].size == expected[i].states.size());
            CHECK(r.attractors[i].truncated == (expected[i].states.size() > 2));
            const std::size_t listed = std::min<std::size_t>(2, expected[i].states.size());
            CHECK(r.attractors[i].states ==
                  std::vector<State>(expected[i].states.begin(), expected[i].states.begin() + listed));
            if (expected[i].states.size() > 1) CHECK(r.attractors[i].trap_space == summarize_space(expected[i].states));
        }
    }
}

TEST_CASE("motif-avoidant attractors of published examples are found") {
    for (const char* text : {kRozum2021, kBiobalm64}) {
        CAPTURE(text);
        Network net = read_bnet(text, "maa.bnet");
        SuccessionOptions o;
        o.exhaustive_limit = 0;
        Result r = succession_attractors(net, o, Control{});
        CHECK(r.complete);
        auto expected = oracle::asynchronous_attractors(net);
        REQUIRE(expected.size() == 2);
        CHECK(state_sets(r.attractors) == state_sets(expected));
        CHECK(has_note(r, ", 1 motif-avoidant attractors"));
    }
}

TEST_CASE("motif-avoidant attractors are found inside a larger network driven by them") {
    // The 3-variable example drives 9 random variables that do not feed back, so the
    // motif-avoidant attractor sits below a succession diagram of several levels.
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        CAPTURE(seed);
        Network extra = oracle::random_network(9, 2, seed);
        std::string text = kRozum2021;
        const auto names = extra.names();
        for (std::uint32_t v = 0; v < extra.num_vars(); ++v) {
            std::string rule = to_string(extra.rule(VarId{v}), names, Syntax::bnet);
            const char* driver = v % 3 == 0 ? "A" : (v % 3 == 1 ? "B" : "C");
            text += names[v] + ", (" + rule + ") " + (seed % 2 ? "| " : "& ") + driver + "\n";
        }
        Network net = read_bnet(text, "driven.bnet");
        SuccessionOptions o;
        o.exhaustive_limit = seed % 3;
        Result r = succession_attractors(net, o, Control{});
        CHECK(r.complete);
        CHECK(state_sets(r.attractors) == state_sets(oracle::asynchronous_attractors(net)));
    }
}

TEST_CASE("past its node budget the diagram falls back to minimal trap spaces, or says it stopped") {
    std::size_t stopped = 0, fallback = 0;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        CAPTURE(seed);
        Network net = oracle::random_network(10, 2, seed);
        SuccessionOptions o;
        o.exhaustive_limit = 0;
        o.max_nodes = 1;
        o.use_candidates = false;  // the diagram first, then minimal trap spaces
        o.max_listed_states = 1 << 12;
        Result r = succession_attractors(net, o, Control{});
        auto expected = state_sets(oracle::asynchronous_attractors(net));
        if (r.complete) {
            // Walked within the budget, or answered by the fallback: exact either way.
            CHECK(state_sets(r.attractors) == expected);
            fallback += has_note(r, "(the succession diagram was too large)");
            continue;
        }
        ++stopped;
        for (const auto& a : state_sets(r.attractors))
            CHECK(std::find(expected.begin(), expected.end(), a) != expected.end());
        CHECK(has_note(r, "the succession diagram stopped at its budget of 1 trap spaces, and the search over "
                          "minimal trap spaces stopped at more than 1 minimal trap spaces: the attractors listed are "
                          "exact, but others may exist"));
    }
    CHECK(stopped > 0);
    CHECK(fallback > 0);
}

TEST_CASE("symbolic attractors outside trap spaces are the oracle's attractors outside them") {
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        CAPTURE(seed);
        Network net = oracle::random_network(8, 3, seed);
        // Every constant rule makes a trap space; avoid the half-space of the first one.
        std::vector<Subspace> avoid;
        for (std::uint32_t v = 0; v < net.num_vars() && avoid.empty(); ++v)
            if (net.is_constant(VarId{v})) {
                avoid.emplace_back(net.num_vars());
                avoid.back().fix(v, net.rule(VarId{v}).constant_value());
            }
        SymbolicAttractors s = symbolic_async_attractors(net, avoid, SymbolicAttractorOptions{}, Control{});
        REQUIRE(s.finished);
        std::vector<std::vector<State>> got, expected;
        for (const auto& a : s.attractors) got.push_back(a.states);
        for (const auto& a : oracle::asynchronous_attractors(net))
            if (avoid.empty() || !avoid[0].contains(a.states.front())) expected.push_back(a.states);
        std::sort(got.begin(), got.end());
        CHECK(got == expected);
    }
}

TEST_CASE("the planner runs the succession diagram for asynchronous networks beyond exhaustive size") {
    for (std::uint64_t seed = 1; seed <= 30; ++seed) {
        CAPTURE(seed);
        Network net = oracle::random_network(12, 3, seed);
        SearchOptions o;
        o.update = UpdateScheme::asynchronous;
        o.auto_async_limit = 4;
        Result r = find_attractors(net, o, Control{});
        const bool small = r.method == Algorithm::exhaustive;  // percolated to 4 variables or fewer
        if (!small) CHECK(to_string(r.method) == "succession-diagram");
        CHECK(r.complete);
        CHECK(state_sets(r.attractors) == state_sets(oracle::asynchronous_attractors(net)));
        o.use_succession = false;  // the planner before it: fixed points and sampling
        o.sampling.samples = 64;
        o.sampling.steps = 100;
        if (!small) CHECK_FALSE(find_attractors(net, o, Control{}).complete);
    }
}

TEST_CASE("the succession diagram equals the exhaustive search on the small BBM models") {
    const auto dir = std::filesystem::path(BITSIG_SHARED_DIR) / "models" / "bbm";
    if (!std::filesystem::is_directory(dir)) BITSIG_SKIP("no " << dir.string());
    std::vector<std::filesystem::path> models;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().extension() == ".bnet") models.push_back(e.path());
    std::sort(models.begin(), models.end());
    std::size_t checked = 0;
    for (const auto& path : models) {
        Network net = load_network(path.string());
        if (net.num_vars() > 16) continue;
        CAPTURE(path.filename().string());
        SuccessionOptions so;
        so.exhaustive_limit = 8;  // smaller, and models with many self-activations have diagrams of 3^loops nodes
        so.max_listed_states = 1 << 16;
        Result r = succession_attractors(net, so, Control{});
        ExhaustiveOptions eo;
        eo.basins = false;
        eo.max_listed_states = 1 << 16;
        CHECK(r.complete);
        CHECK(state_sets(r.attractors) == state_sets(exhaustive_asynchronous(net, eo, Control{}).attractors));
        ++checked;
    }
    MESSAGE(checked << " BBM models of at most 16 variables checked");
    CHECK(checked > 20);
}

}  // TEST_SUITE
