// SPDX-License-Identifier: MIT
// Attractor candidates (attractor/candidates.hpp), the negative feedback vertex set they
// come from (analysis/feedback.hpp) and their symbolic check (symbolic/attractors.hpp),
// checked against brute force: signs and cycles from the one-state evaluator, fixed points
// of the reduced state graph over all 2^n states, and the oracle's attractors.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <random>
#include <string>

#include "analysis/feedback.hpp"
#include "attractor/candidates.hpp"
#include "attractor/succession.hpp"
#include "io/bnet.hpp"
#include "oracle/oracle.hpp"
#include "symbolic/attractors.hpp"
#include "trapspace/trap_spaces.hpp"

using namespace bitsig;

namespace {

std::vector<bool> bools(const State& s) { return s.to_bools(); }

// Per edge u -> v: 1 when raising u can raise f_v, 2 when it can lower it (3: both), 0 when
// u has no effect, by evaluating the rule on every state.
std::vector<std::vector<int>> brute_signs(const Network& net) {
    const std::size_t n = net.num_vars();
    std::vector<std::vector<int>> sign(n, std::vector<int>(n, 0));
    for (std::uint64_t i = 0; i < (std::uint64_t{1} << n); ++i) {
        std::vector<bool> x = bools(State::from_index(i, n));
        for (std::size_t u = 0; u < n; ++u) {
            if (x[u]) continue;
            std::vector<bool> y = x;
            y[u] = true;
            for (std::size_t v = 0; v < n; ++v) {
                if (net.is_input(VarId{static_cast<std::uint32_t>(v)})) continue;
                const bool lo = evaluate(net.rule(VarId{static_cast<std::uint32_t>(v)}), x);
                const bool hi = evaluate(net.rule(VarId{static_cast<std::uint32_t>(v)}), y);
                if (lo != hi) sign[u][v] |= hi ? 1 : 2;
            }
        }
    }
    return sign;
}

// Whether some simple cycle avoiding `removed` is negative (a dual edge counts as both),
// by depth-first enumeration of every simple cycle from its smallest variable.
bool has_negative_cycle(const std::vector<std::vector<int>>& sign, const std::vector<char>& removed) {
    const std::size_t n = sign.size();
    std::vector<char> on_path(n, 0);
    std::function<bool(std::size_t, std::size_t, int)> dfs = [&](std::size_t start, std::size_t at, int parities) {
        for (std::size_t next = start; next < n; ++next) {
            const int s = sign[at][next];
            if (s == 0 || removed[next]) continue;
            // parities: bit 0 = an even path exists, bit 1 = an odd one.
            int after = 0;
            if (s & 1) after |= parities;
            if (s & 2) after |= ((parities & 1) << 1) | ((parities & 2) >> 1);
            if (next == start) {
                if (after & 2) return true;
                continue;
            }
            if (on_path[next]) continue;
            on_path[next] = 1;
            const bool found = dfs(start, next, after);
            on_path[next] = 0;
            if (found) return true;
        }
        return false;
    };
    for (std::size_t start = 0; start < n; ++start) {
        if (removed[start]) continue;
        on_path[start] = 1;
        const bool found = dfs(start, start, 1);
        on_path[start] = 0;
        if (found) return true;
    }
    return false;
}

// The fixed points of the reduced state graph outside `avoid`, over all 2^n states.
std::vector<State> brute_candidates(const Network& net, const std::vector<std::uint32_t>& nfvs,
                                    const std::vector<bool>& retained, const std::vector<Subspace>& avoid) {
    const std::size_t n = net.num_vars();
    std::vector<State> out;
    for (std::uint64_t i = 0; i < (std::uint64_t{1} << n); ++i) {
        const State s = State::from_index(i, n);
        if (std::any_of(avoid.begin(), avoid.end(), [&](const Subspace& a) { return a.contains(s); })) continue;
        const std::vector<bool> x = bools(s);
        bool fixed = true;
        for (std::uint32_t v = 0; v < n && fixed; ++v) {
            const bool f = evaluate(net.rule(VarId{v}), x);
            const auto at = std::find(nfvs.begin(), nfvs.end(), v);
            if (at == nfvs.end())
                fixed = f == x[v];
            else
                fixed = f == x[v] || x[v] == retained[static_cast<std::size_t>(at - nfvs.begin())];
        }
        if (fixed) out.push_back(s);
    }
    std::sort(out.begin(), out.end());
    return out;
}

bool meets(const Attractor& a, const std::vector<State>& states) {
    return std::any_of(a.states.begin(), a.states.end(),
                       [&](const State& s) { return std::find(states.begin(), states.end(), s) != states.end(); });
}

bool inside_any(const Attractor& a, const std::vector<Subspace>& spaces) {
    return std::any_of(spaces.begin(), spaces.end(), [&](const Subspace& t) { return t.contains(a.states.front()); });
}

std::vector<Subspace> maximal_trap_spaces(const Network& net) {
    trapspace::Options o;
    o.kind = trapspace::Kind::maximal;
    return trapspace::find_trap_spaces(net, o, Control{}).trap_spaces;
}

std::string note_with(const Result& r, const std::string& text) {
    for (const auto& n : r.notes)
        if (n.find(text) != std::string::npos) return n;
    return {};
}

}  // namespace

TEST_SUITE("candidates") {

TEST_CASE("the negative feedback vertex set cuts every negative cycle, and each of its variables is needed") {
    std::size_t nonempty = 0;
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        CAPTURE(seed);
        const Network net = oracle::random_network(6 + seed % 4, 3, seed);
        const auto sign = brute_signs(net);
        const std::vector<std::uint32_t> nfvs = negative_feedback_vertex_set(net);
        CHECK(std::is_sorted(nfvs.begin(), nfvs.end()));
        std::vector<char> removed(net.num_vars(), 0);
        for (auto u : nfvs) removed[u] = 1;
        CHECK_FALSE(has_negative_cycle(sign, removed));
        for (auto u : nfvs) {
            CAPTURE(u);
            removed[u] = 0;
            CHECK(has_negative_cycle(sign, removed));
            removed[u] = 1;
        }
        nonempty += !nfvs.empty();
    }
    CHECK(nonempty > 20);
}

TEST_CASE("the candidates are the reduced graph's fixed points and every attractor holds one") {
    std::size_t with_avoid = 0;
    for (std::uint64_t seed = 1; seed <= 80; ++seed) {
        CAPTURE(seed);
        const Network net = oracle::random_network(7 + seed % 5, 3, seed);
        const std::vector<std::uint32_t> nfvs = negative_feedback_vertex_set(net);
        // Every other minimal trap space: the attractors of the others lie outside `avoid`.
        std::vector<Subspace> avoid;
        if (seed % 2) {
            const auto minimal = trapspace::find_trap_spaces(net, trapspace::Options{}, Control{}).trap_spaces;
            for (std::size_t i = 0; i < minimal.size(); i += 2) avoid.push_back(minimal[i]);
        }
        std::vector<bool> retained = retained_values(net, nfvs, avoid);
        if (seed % 3 == 0) {  // any retained values will do
            std::mt19937_64 rng(seed);
            for (std::size_t j = 0; j < retained.size(); ++j) retained[j] = rng() & 1;
        }
        auto listed = attractor_candidates(net, nfvs, retained, avoid, 1u << 12, Control{});
        REQUIRE(listed);
        CHECK(*listed == brute_candidates(net, nfvs, retained, avoid));
        for (const auto& a : oracle::asynchronous_attractors(net)) {
            if (inside_any(a, avoid)) continue;
            with_avoid += !avoid.empty();
            CHECK(meets(a, *listed));
        }
        if (listed->size() > 1) CHECK_FALSE(attractor_candidates(net, nfvs, retained, avoid, 1, Control{}));
    }
    CHECK(with_avoid > 0);
}

TEST_CASE("random walks drop candidates but keep one in every attractor outside the trap spaces") {
    std::size_t before = 0, after = 0;
    for (std::uint64_t seed = 1; seed <= 80; ++seed) {
        CAPTURE(seed);
        const Network net = oracle::random_network(8 + seed % 4, 3, seed);
        const std::vector<Subspace> avoid = seed % 2 ? maximal_trap_spaces(net) : std::vector<Subspace>{};
        const std::vector<std::uint32_t> nfvs = negative_feedback_vertex_set(net);
        auto listed = attractor_candidates(net, nfvs, retained_values(net, nfvs, avoid), avoid, 1u << 12, Control{});
        REQUIRE(listed);
        before += listed->size();
        const std::vector<State> left = thin_candidates(net, *listed, avoid, 1 + seed % 64, seed, Control{});
        after += left.size();
        std::size_t outside = 0;
        for (const auto& a : oracle::asynchronous_attractors(net)) {
            if (inside_any(a, avoid)) continue;
            ++outside;
            CHECK(meets(a, left));
        }
        if (avoid.empty()) CHECK(!left.empty());
        CHECK(left.size() >= (avoid.empty() ? std::min<std::size_t>(outside, 1) : outside));
    }
    CHECK(after < before);
}

TEST_CASE("the symbolic check of candidates gives exactly the oracle's attractors outside the trap spaces") {
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        CAPTURE(seed);
        const Network net = oracle::random_network(8, 3, seed);
        const std::vector<Subspace> avoid = seed % 2 ? maximal_trap_spaces(net) : std::vector<Subspace>{};
        // Every state is a candidate: transient ones must be dropped or lead to an attractor.
        std::vector<State> all;
        for (std::uint64_t i = 0; i < 256; ++i) all.push_back(State::from_index(i, 8));
        SymbolicAttractorOptions so;
        so.max_listed_states = seed % 4 == 1 ? 3 : 256;  // 3: the smallest states of each, in any level order
        so.wiring_order = seed % 2 == 0;
        SymbolicAttractors s = symbolic_candidate_attractors(net, all, avoid, so, Control{});
        REQUIRE(s.finished);
        std::vector<std::vector<State>> got, expected;
        for (const auto& a : s.attractors) {
            CHECK(a.truncated == (static_cast<double>(a.states.size()) < a.size));
            got.push_back(a.states);
        }
        for (const auto& a : oracle::asynchronous_attractors(net)) {
            if (inside_any(a, avoid)) continue;
            const std::size_t listed = std::min<std::size_t>(a.states.size(), so.max_listed_states);
            expected.emplace_back(a.states.begin(), a.states.begin() + static_cast<std::ptrdiff_t>(listed));
        }
        std::sort(got.begin(), got.end());
        std::sort(expected.begin(), expected.end());
        CHECK(got == expected);
    }
}

TEST_CASE("once the minimal trap spaces are searched, the diagram expands only nodes that may hold others") {
    // Decision diagrams of at most a few hundred nodes: the search over the whole space
    // stops, and the diagram walk takes over with the minimal trap spaces known.
    std::size_t pruned = 0;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        CAPTURE(seed);
        const Network net = oracle::random_network(9 + seed % 3, 3, seed);
        SuccessionOptions o;
        o.exhaustive_limit = 3;
        o.max_diagram_nodes = 300;
        o.max_candidates = seed % 2 ? 1000 : 0;  // 0: no node is decided by candidates alone
        o.max_listed_states = 1 << 12;
        Result r = succession_attractors(net, o, Control{});
        std::vector<std::vector<State>> got, expected;
        for (const auto& a : r.attractors) got.push_back(a.states);
        for (const auto& a : oracle::asynchronous_attractors(net)) expected.push_back(a.states);
        if (r.complete)
            CHECK(got == expected);
        else
            for (const auto& a : got) CHECK(std::find(expected.begin(), expected.end(), a) != expected.end());
        pruned += note_with(r, " left unexpanded (no candidate outside their minimal trap spaces)") != "";
    }
    CHECK(pruned > 0);
}

TEST_CASE("the succession diagram with candidates finds motif-avoidant attractors and proves their absence") {
    // Rozum et al. 2021: the motif-avoidant attractor must come from a candidate; the
    // driven copies add nodes whose candidates the walks or the check must eliminate.
    const char* rozum = "targets, factors\nA, (!A & !B) | C\nB, (!A & !B) | C\nC, A & B\n";
    std::size_t without = 0, checked = 0;
    for (std::uint64_t seed = 0; seed <= 40; ++seed) {
        CAPTURE(seed);
        Network net = seed == 0 ? read_bnet(rozum, "rozum.bnet") : oracle::random_network(8 + seed % 4, 3, seed);
        SuccessionOptions o;
        o.exhaustive_limit = 0;
        o.max_listed_states = 1 << 14;
        o.walk_rounds = seed % 3 == 0 ? 1 : 1024;  // short walks leave more to the symbolic check
        Result r = succession_attractors(net, o, Control{});
        CHECK(r.complete);
        std::vector<std::vector<State>> got, expected;
        for (const auto& a : r.attractors) got.push_back(a.states);
        for (const auto& a : oracle::asynchronous_attractors(net)) expected.push_back(a.states);
        CHECK(got == expected);
        const std::string note = note_with(r, "attractor candidates: ");
        REQUIRE(!note.empty());
        if (seed == 0) CHECK(note_with(r, ", 1 motif-avoidant attractors") != "");
        without += note.find("attractor candidates: 0 trap") == std::string::npos;
        checked += note.find(", 0 by a symbolic check") == std::string::npos;
    }
    CHECK(without > 0);
    CHECK(checked > 0);
}

}  // TEST_SUITE
