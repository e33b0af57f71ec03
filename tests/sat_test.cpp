// SPDX-License-Identifier: MIT
// The SAT seam, the Tseitin encoding and the two SAT-based searches (every fixed point;
// synchronous attractors), checked against the brute-force oracle on hundreds of random
// networks, against an independent blocking-clause enumeration on networks too large for
// the oracle, and on hand-made networks whose answers are known.
#include <algorithm>
#include <atomic>
#include <random>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "attractor/fixed_points.hpp"
#include "attractor/sync_sample.hpp"
#include "attractor/sync_sat.hpp"
#include "core/error.hpp"
#include "dynamics/step.hpp"
#include "expr/parse.hpp"
#include "io/bnet.hpp"
#include "oracle/oracle.hpp"
#include "sat/cnf.hpp"
#include "sat/solver.hpp"

namespace {

using bitsig::Attractor;
using bitsig::Expr;
using bitsig::Network;
using bitsig::State;
using bitsig::VarId;

Network bnet(const std::string& text) { return bitsig::read_bnet(text, "net.bnet"); }

std::vector<State> states_of(const std::vector<Attractor>& attractors) {
    std::vector<State> out;
    for (const auto& a : attractors) out.insert(out.end(), a.states.begin(), a.states.end());
    return out;
}

std::vector<std::vector<State>> cycles_of(const std::vector<Attractor>& attractors) {
    std::vector<std::vector<State>> out;
    for (const auto& a : attractors) out.push_back(a.states);
    return out;
}

/// Rule text over variables x0..x{n-1}.
Expr rule(const std::string& text, std::size_t n) {
    bitsig::NameResolver resolve = [n](std::string_view name) -> std::optional<VarId> {
        if (name.size() < 2 || name[0] != 'x') return std::nullopt;
        std::size_t i = std::stoul(std::string(name.substr(1)));
        if (i >= n) return std::nullopt;
        return VarId{static_cast<std::uint32_t>(i)};
    };
    return bitsig::parse_rule(text, bitsig::RuleSource{}, resolve).expr;
}

std::vector<std::string> names(std::size_t n) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back("x" + std::to_string(i));
    return out;
}

/// A random network of nested canalizing rules over k regulators (the shape of most
/// biological rules): no exclusive-or, so cycles stay short enough to walk.
Network random_canalizing(std::size_t n, std::size_t k, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::string text = "targets, factors\n";
    for (std::size_t i = 0; i < n; ++i) {
        std::string r;
        if (rng() % 25 == 0) {
            r = "x" + std::to_string(i);
        } else {
            for (std::size_t j = 0; j < k; ++j) {
                std::string lit = (rng() % 3 == 0 ? "!x" : "x") + std::to_string(rng() % n);
                r = r.empty() ? lit : lit + (rng() % 2 ? " & (" : " | (") + r + ")";
            }
        }
        text += "x" + std::to_string(i) + ", " + r + "\n";
    }
    return bnet(text);
}

std::vector<bool> bits(std::uint64_t index, std::size_t n) {
    std::vector<bool> s(n);
    for (std::size_t i = 0; i < n; ++i) s[i] = (index >> i) & 1;
    return s;
}

bool same_function(const Expr& a, const Expr& b, std::size_t n) {
    for (std::uint64_t x = 0; x < (std::uint64_t{1} << n); ++x)
        if (bitsig::evaluate(a, bits(x, n)) != bitsig::evaluate(b, bits(x, n))) return false;
    return true;
}

/// A random DNF over x0..x{n-1} with `terms` terms, nested the way exported truth tables
/// are (((a & b) & c) | ...), large enough to take the decision-diagram path of normalize.
std::string random_dnf(std::size_t n, std::size_t terms, std::mt19937_64& rng) {
    std::string text;
    for (std::size_t t = 0; t < terms; ++t) {
        std::string term;
        for (std::size_t i = 0; i < n; ++i) {
            if (rng() % 3 == 0) continue;
            std::string lit = (rng() % 2 ? "!x" : "x") + std::to_string(i);
            term = term.empty() ? lit : "(" + term + " & " + lit + ")";
        }
        if (term.empty()) term = "x0";
        text = text.empty() ? term : "(" + text + " | " + term + ")";
    }
    return text;
}

/// Every fixed point by the textbook method (SAT, block each model on all variables):
/// independent of find_fixed_points' search, for networks too large for the oracle.
std::vector<State> fixed_points_by_blocking(const Network& net) {
    bitsig::sat::Solver solver;
    const std::size_t n = net.num_vars();
    std::vector<int> x(n);
    for (auto& l : x) l = solver.new_var();
    for (std::uint32_t v = 0; v < n; ++v) {
        int f = bitsig::sat::encode(solver, net.rule(VarId{v}), x);
        solver.add_clause({-x[v], f});
        solver.add_clause({x[v], -f});
    }
    std::vector<State> out;
    while (solver.solve()) {
        State s(n);
        std::vector<int> block;
        for (std::uint32_t v = 0; v < n; ++v) {
            s.set(v, solver.value(x[v]));
            block.push_back(s.get(v) ? -x[v] : x[v]);
        }
        out.push_back(s);
        solver.add_clause(block);
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// A synchronous cycle in successor order really is one: each state steps to the next and
/// the last one back to the first, and no state repeats.
bool is_cycle(const Network& net, const Attractor& a) {
    const auto& s = a.states;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (bitsig::step_synchronous(net, s[i]) != s[(i + 1) % s.size()]) return false;
        for (std::size_t j = 0; j < i; ++j)
            if (s[j] == s[i]) return false;
    }
    return !s.empty();
}

/// The synchronous state graph by brute force with the reference evaluator: each state's
/// successor, its transient (steps to the first state on a cycle) and the cycles.
struct SyncGraph {
    std::vector<std::uint64_t> next;
    std::vector<std::size_t> transient;
    std::vector<Attractor> cycles;  // canonical order, as searches return them
};

SyncGraph sync_graph(const Network& net) {
    const std::size_t n = net.num_vars();
    const std::uint64_t total = std::uint64_t{1} << n;
    SyncGraph g;
    g.next.resize(total);
    for (std::uint64_t x = 0; x < total; ++x) {
        const std::vector<bool> s = bits(x, n);
        std::uint64_t y = 0;
        for (std::uint32_t v = 0; v < n; ++v)
            if (bitsig::evaluate(net.rule(VarId{v}), s)) y |= std::uint64_t{1} << v;
        g.next[x] = y;
    }
    constexpr std::size_t unknown = SIZE_MAX, on_path = SIZE_MAX - 1;
    g.transient.assign(total, unknown);
    std::vector<std::uint64_t> path;
    for (std::uint64_t x = 0; x < total; ++x) {
        path.clear();
        std::uint64_t y = x;
        while (g.transient[y] == unknown) {
            g.transient[y] = on_path;
            path.push_back(y);
            y = g.next[y];
        }
        std::size_t end = path.size();
        std::size_t base = 0;
        if (g.transient[y] == on_path) {  // a new cycle: from y to the end of the path
            const std::size_t first = static_cast<std::size_t>(std::find(path.begin(), path.end(), y) - path.begin());
            Attractor a;
            for (std::size_t i = first; i < end; ++i) {
                g.transient[path[i]] = 0;
                a.states.push_back(State::from_index(path[i], n));
            }
            g.cycles.push_back(std::move(a));
            end = first;
        } else {
            base = g.transient[y];
        }
        for (std::size_t i = 0; i < end; ++i) g.transient[path[i]] = base + (end - i);
    }
    bitsig::canonicalize(g.cycles, bitsig::UpdateScheme::synchronous);
    return g;
}

/// Long transients and several attractors: a ring of r variables where the first needs
/// both of the last two on (a block of ones shrinks by one per lap, so transients run to
/// about r^2 / 2 steps), read by n - r variables with random two-regulator rules.
Network slow_ring_network(std::size_t n, std::size_t r, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    auto name = [](std::size_t i) { return "x" + std::to_string(i); };
    std::string text = "targets, factors\n" + name(0) + ", " + name(r - 1) + " & " + name(r - 2) + "\n";
    for (std::size_t i = 1; i < r; ++i) text += name(i) + ", " + name(i - 1) + "\n";
    const char* ops[] = {" & ", " | ", " ^ ", " & !", " | !"};
    for (std::size_t i = r; i < n; ++i)
        text += name(i) + ", " + name(rng() % n) + ops[rng() % 5] + name(rng() % n) + "\n";
    return bnet(text);
}

/// Random networks of 4 to 16 variables, every other one with a slow ring inside.
Network small_sync_network(std::uint64_t seed) {
    const std::size_t n = 4 + seed % 13;
    if (seed % 2 == 0) return bitsig::oracle::random_network(n, 2 + seed % 2, 7000 + seed);
    return slow_ring_network(n, std::min<std::size_t>(n, 3 + seed % 10), 7000 + seed);
}

const bitsig::Control no_control{};

/// The enumerating search alone (find_fixed_points tries a decision diagram first).
bitsig::FixedPointOptions explicit_search() {
    bitsig::FixedPointOptions options;
    options.symbolic_max_nodes = 0;
    return options;
}

}  // namespace

TEST_SUITE("sat") {
TEST_CASE("the solver reports models, assumptions and failed assumptions") {
    bitsig::sat::Solver s;
    int a = s.new_var(), b = s.new_var(), c = s.new_var();
    s.add_clause({a, b});
    s.add_clause({-a, c});
    CHECK(s.solve());
    CHECK((s.value(a) || s.value(b)));
    CHECK(s.value(-a) == !s.value(a));
    CHECK(s.solve({-b}));
    CHECK(s.value(a));
    CHECK(s.value(c));
    // Both of -b and -c are needed for the conflict; d is in no clause.
    const int d = s.new_var();
    CHECK_FALSE(s.solve({-b, d, -c}));
    CHECK(s.failed(-b));
    CHECK(s.failed(-c));
    CHECK_FALSE(s.failed(d));
    CHECK(s.solve());                  // assumptions last one call
    CHECK(s.value(d) != s.value(-d));  // in no clause, yet it has a value
    CHECK(s.num_vars() == 4);
}

TEST_CASE("a cancelled solve throws Interrupted") {
    bitsig::sat::Solver s;
    // The pigeonhole formula for 9 pigeons in 8 holes takes long enough to be interrupted.
    const int pigeons = 9, holes = 8;
    std::vector<std::vector<int>> p(pigeons, std::vector<int>(holes));
    for (auto& row : p)
        for (auto& l : row) l = s.new_var();
    for (const auto& row : p) s.add_clause(row);
    for (int h = 0; h < holes; ++h)
        for (int i = 0; i < pigeons; ++i)
            for (int j = 0; j < i; ++j) s.add_clause({-p[i][h], -p[j][h]});
    s.set_terminator([] { return true; });
    CHECK_THROWS_AS(s.solve(), bitsig::Interrupted);
}

TEST_CASE("encoded rules agree with the evaluator on every assignment") {
    std::mt19937_64 rng(7);
    for (std::uint64_t seed = 0; seed < 120; ++seed) {
        CAPTURE(seed);
        const std::size_t n = 1 + seed % 8;
        std::string text;
        if (seed % 3 == 0)
            text = random_dnf(n, 2 + seed % 60, rng);  // often the diagram path
        else
            text = bitsig::to_string(bitsig::oracle::random_network(n, 1 + seed % 4, seed).rule(VarId{0}), names(n));
        CAPTURE(text);
        const Expr e = rule(text, n);
        bitsig::sat::Solver s;
        std::vector<int> lits(n);
        for (auto& l : lits) l = s.new_var();
        const int out = bitsig::sat::encode(s, e, lits);
        const auto diagram = bitsig::sat::decision_diagram(e);
        REQUIRE(diagram);
        for (std::uint64_t x = 0; x < (std::uint64_t{1} << n); ++x) {
            std::vector<int> assume;
            for (std::size_t i = 0; i < n; ++i) assume.push_back((x >> i) & 1 ? lits[i] : -lits[i]);
            REQUIRE(s.solve(assume));
            const bool expected = bitsig::evaluate(e, bits(x, n));
            CHECK(s.value(out) == expected);
            std::uint32_t node = diagram->root;
            while (node > bitsig::sat::DecisionDiagram::kTrue)
                node = (x >> diagram->nodes[node].var) & 1 ? diagram->nodes[node].hi : diagram->nodes[node].lo;
            CHECK((node == bitsig::sat::DecisionDiagram::kTrue) == expected);
        }
    }
}

TEST_CASE("constants fold instead of becoming solver variables") {
    bitsig::sat::Solver s;
    std::vector<int> lits{s.new_var(), bitsig::sat::true_literal, -bitsig::sat::true_literal};
    CHECK(bitsig::sat::encode_folded(s, rule("x1 | x0", 3), lits) == bitsig::sat::true_literal);
    CHECK(bitsig::sat::encode_folded(s, rule("x2 & x0", 3), lits) == -bitsig::sat::true_literal);
    CHECK(bitsig::sat::encode_folded(s, rule("x1 & x0", 3), lits) == lits[0]);
    CHECK(bitsig::sat::encode_folded(s, rule("x0 ^ x1", 3), lits) == -lits[0]);
    CHECK(bitsig::sat::encode_folded(s, rule("x0 & !x0", 3), lits) == -bitsig::sat::true_literal);
    CHECK(s.num_vars() == 1);
    const int pinned = bitsig::sat::encode(s, rule("x1", 3), lits);  // encode returns a real literal
    REQUIRE(s.solve());
    CHECK(s.value(pinned));
}

TEST_CASE("equivalent agrees with truth-table comparison") {
    for (std::uint64_t seed = 0; seed < 300; ++seed) {
        CAPTURE(seed);
        const std::size_t n = 1 + seed % 7;
        const Network net = bitsig::oracle::random_network(n, 1 + seed % 4, seed);
        for (std::uint32_t i = 0; i < n; ++i)
            for (std::uint32_t j = 0; j < n; ++j) {
                CAPTURE(i);
                CAPTURE(j);
                const Expr& a = net.rule(VarId{i});
                const Expr& b = net.rule(VarId{j});
                CHECK(bitsig::sat::equivalent(a, b, n) == same_function(a, b, n));
            }
    }
    // Rewritings that change the text but not the function.
    struct Case {
        const char* a;
        const char* b;
        bool same;
    };
    const Case cases[] = {
        {"!(x0 & x1)", "!x0 | !x1", true},
        {"x0 ^ x1 ^ x2", "(x0 & !x1 | !x0 & x1) ^ x2", true},
        {"x0 | x0 & x1", "x0", true},
        {"x0 & (x1 | x2)", "x0 & x1 | x0 & x2", true},
        {"x0 | !x0", "1", true},
        {"x0 ^ x0", "0", true},
        {"x0 & x1", "x0 | x1", false},
        {"x0 ^ x1", "!(x0 ^ x1)", false},
        {"1", "0", false},
    };
    for (const Case& c : cases) {
        CAPTURE(c.a);
        CAPTURE(c.b);
        CHECK(bitsig::sat::equivalent(rule(c.a, 3), rule(c.b, 3), 3) == c.same);
    }
}

TEST_CASE("fixed points equal the oracle's on random networks") {
    // Up to seven regulators per rule: rules over at most six are evaluated as truth
    // tables during the search, larger ones by walking their decision diagrams.
    for (std::uint64_t seed = 0; seed < 400; ++seed) {
        CAPTURE(seed);
        const std::size_t n = 1 + seed % 12;
        const Network net = bitsig::oracle::random_network(n, 1 + seed % 7, seed);
        const bitsig::Result r = bitsig::find_fixed_points(net, explicit_search(), no_control);
        CHECK(r.complete);
        CHECK(r.method == bitsig::Algorithm::sat_fixed_points);
        CHECK(states_of(r.attractors) == bitsig::oracle::fixed_points(net));
        for (const auto& a : r.attractors) {
            CHECK(a.kind == bitsig::AttractorKind::fixed_point);
            CHECK(a.size == 1);
        }
    }
}

TEST_CASE("fixed points of networks with truth-table rules equal the oracle's") {
    // DNFs large enough to be searched as decision diagrams rather than as circuits.
    std::mt19937_64 rng(11);
    for (std::uint64_t seed = 0; seed < 24; ++seed) {
        CAPTURE(seed);
        const std::size_t n = 5 + seed % 4;
        std::string text = "targets, factors\n";
        for (std::size_t i = 0; i < n; ++i) {
            const std::string r = i % 3 == 0 ? random_dnf(n, 80 + seed % 40, rng) : "x" + std::to_string((i + 1) % n);
            text += "x" + std::to_string(i) + ", " + r + "\n";
        }
        const Network net = bnet(text);
        const bitsig::Result r = bitsig::find_fixed_points(net, explicit_search(), no_control);
        CHECK(r.complete);
        CHECK(states_of(r.attractors) == bitsig::oracle::fixed_points(net));
        CHECK(cycles_of(bitsig::find_sync_attractors_sat(net, {}, no_control).attractors) ==
              cycles_of(bitsig::oracle::synchronous_attractors(net)));
    }
}

TEST_CASE("a rule whose decision diagram is too large still gives exact fixed points") {
    // (x0 & x20) | (x1 & x21) | ... in the order x0..x19 first has a diagram of about
    // 2^20 nodes, beyond the budget, so Y's rule is searched as a circuit instead.
    std::string all, pairs;
    for (int i = 0; i < 20; ++i) {
        all += (i ? " & x" : "x") + std::to_string(i);
        pairs += " | x" + std::to_string(i) + " & x" + std::to_string(i + 20);
    }
    CHECK_FALSE(bitsig::sat::decision_diagram(rule("(" + all + " & 0)" + pairs, 40)));
    std::string text = "targets, factors\n";
    for (int i = 0; i < 40; ++i) text += "x" + std::to_string(i) + ", Y\n";
    text += "Y, (" + all + " & 0)" + pairs + "\n";
    const Network net = bnet(text);
    const bitsig::Result r = bitsig::find_fixed_points(net, explicit_search(), no_control);
    CHECK(r.complete);
    CHECK(states_of(r.attractors) == fixed_points_by_blocking(net));
    CHECK(r.attractors.size() == 2);
}

TEST_CASE("fixed points equal a blocking-clause enumeration on larger random networks") {
    // Too large for the oracle; dense enough that the search needs its SAT oracle.
    for (std::uint64_t seed = 0; seed < 40; ++seed) {
        CAPTURE(seed);
        const std::size_t n = 20 + seed % 41;
        const Network net = bitsig::oracle::random_network(n, 2 + seed % 4, 1000 + seed);
        const bitsig::Result r = bitsig::find_fixed_points(net, explicit_search(), no_control);
        CHECK(r.complete);
        CHECK(states_of(r.attractors) == fixed_points_by_blocking(net));
    }
}

TEST_CASE("fixed points of hand-made networks") {
    struct Case {
        const char* text;
        std::vector<std::string> expected;
    };
    const Case cases[] = {
        {"targets, factors\nA, !A\n", {}},
        {"targets, factors\nA, B\nB, A\n", {"00", "11"}},
        {"targets, factors\nA, !B\nB, !A\n", {"01", "10"}},
        {"targets, factors\nA, A\nB, A\nC, 1\n", {"001", "111"}},
        {"targets, factors\nA, A\nB, B\nC, A ^ B\n", {"000", "011", "101", "110"}},
        {"targets, factors\nA, 0\nB, A | B\n", {"00", "01"}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        const bitsig::Result r = bitsig::find_fixed_points(bnet(c.text), explicit_search(), no_control);
        std::vector<std::string> got;
        for (const State& s : states_of(r.attractors)) got.push_back(s.to_string());
        CHECK(got == c.expected);
        CHECK(r.complete);
    }
}

TEST_CASE("fixed points behind many feedback variables need the SAT oracle") {
    // Twelve self-sustaining variables are decided before O, whose rule has a fixed
    // point only when all of them are on: propagation alone meets 4095 dead ends.
    std::string text = "targets, factors\n";
    std::string all;
    for (int i = 0; i < 12; ++i) {
        const std::string s = "S" + std::to_string(i);
        text += s + ", " + s + " | " + s + "\n";
        all += (i ? " & " : "") + s;
    }
    const Network one = bnet(text + "O, !O | (" + all + ")\n");
    const bitsig::Result r = bitsig::find_fixed_points(one, explicit_search(), no_control);
    CHECK(r.complete);
    CHECK(states_of(r.attractors) == bitsig::oracle::fixed_points(one));
    CHECK(r.attractors.size() == 1);
    const Network none = bnet(text + "O, !O\n");
    const bitsig::Result empty = bitsig::find_fixed_points(none, explicit_search(), no_control);
    CHECK(empty.complete);
    CHECK(empty.attractors.empty());
}

TEST_CASE("the fixed-point limit gives complete = false with a note") {
    // 14 free inputs and a follower: 2^14 fixed points.
    std::string text = "targets, factors\n";
    for (int i = 0; i < 14; ++i) text += "I" + std::to_string(i) + ", I" + std::to_string(i) + "\n";
    text += "Y, I0 & !I1 | I2\n";
    const Network net = bnet(text);
    bitsig::FixedPointOptions options = explicit_search();
    options.max_solutions = 100;
    const bitsig::Result r = bitsig::find_fixed_points(net, options, no_control);
    CHECK_FALSE(r.complete);
    CHECK(r.attractors.size() == 100);
    CHECK_FALSE(r.notes.empty());
    for (const auto& a : r.attractors) CHECK(bitsig::step_synchronous(net, a.states[0]) == a.states[0]);
    auto states = states_of(r.attractors);
    CHECK(std::is_sorted(states.begin(), states.end()));
    CHECK(std::adjacent_find(states.begin(), states.end()) == states.end());

    options.max_solutions = std::size_t{1} << 14;  // exactly enough
    const bitsig::Result all = bitsig::find_fixed_points(net, options, no_control);
    CHECK(all.complete);
    CHECK(all.attractors.size() == options.max_solutions);

    options.max_solutions = 0;
    CHECK_FALSE(bitsig::find_fixed_points(net, options, no_control).complete);
    CHECK(bitsig::find_fixed_points(bnet("targets, factors\nA, !A\n"), options, no_control).complete);
}

TEST_CASE("fixed-point search reports progress and can be cancelled") {
    std::string text = "targets, factors\n";
    for (int i = 0; i < 16; ++i) text += "I" + std::to_string(i) + ", I" + std::to_string(i) + "\n";
    const Network net = bnet(text);
    std::atomic<bool> cancel{false};
    bitsig::Control control;
    control.cancel = &cancel;
    double last = -2;
    std::string what;
    control.progress = [&](double fraction, const std::string& message) {
        last = fraction;
        what = message;
        cancel = true;
    };
    CHECK_THROWS_AS(bitsig::find_fixed_points(net, explicit_search(), control), bitsig::Interrupted);
    // How many fixed points remain is unknown while listing: no fraction (-1), a count.
    CHECK(last == -1);
    CHECK(what == "fixed points: 16384 found (listing at most 100000)");
}

TEST_CASE("synchronous SAT attractors equal the oracle's on random networks") {
    for (std::uint64_t seed = 0; seed < 300; ++seed) {
        CAPTURE(seed);
        const std::size_t n = 1 + seed % 10;
        const Network net = bitsig::oracle::random_network(n, 1 + seed % 4, seed);
        const bitsig::Result r = bitsig::find_sync_attractors_sat(net, {}, no_control);
        CHECK(r.complete);
        CHECK(r.method == bitsig::Algorithm::sat_cycles);
        CHECK(r.update == bitsig::UpdateScheme::synchronous);
        CHECK(cycles_of(r.attractors) == cycles_of(bitsig::oracle::synchronous_attractors(net)));
        for (const auto& a : r.attractors) {
            CHECK(is_cycle(net, a));
            CHECK(a.size == a.states.size());
            CHECK((a.kind == bitsig::AttractorKind::fixed_point) == (a.size == 1));
        }
    }
}

TEST_CASE("with a cycle length bound every oracle attractor up to that length is found") {
    for (std::uint64_t seed = 0; seed < 300; ++seed) {
        CAPTURE(seed);
        const std::size_t n = 1 + seed % 10;
        const Network net = bitsig::oracle::random_network(n, 1 + seed % 4, seed + 5000);
        bitsig::SyncSatOptions options;
        options.max_cycle_length = 1 + seed % 5;
        const bitsig::Result r = bitsig::find_sync_attractors_sat(net, options, no_control);
        CHECK_FALSE(r.complete);
        std::vector<std::vector<State>> expected;
        for (const auto& a : bitsig::oracle::synchronous_attractors(net))
            if (a.states.size() <= options.max_cycle_length) expected.push_back(a.states);
        CHECK(cycles_of(r.attractors) == expected);
        for (const auto& a : r.attractors) CHECK(is_cycle(net, a));
    }
}

TEST_CASE("fixed points from both searches agree on larger random networks") {
    for (std::uint64_t seed = 0; seed < 30; ++seed) {
        CAPTURE(seed);
        const Network net = random_canalizing(30 + seed, 2 + seed % 2, 2000 + seed);
        const bitsig::Result sync = bitsig::find_sync_attractors_sat(net, {}, no_control);
        const bitsig::Result fixed = bitsig::find_fixed_points(net, {}, no_control);
        REQUIRE(sync.complete);
        std::vector<State> from_sync;
        for (const auto& a : sync.attractors) {
            CHECK(is_cycle(net, a));
            if (a.size == 1) from_sync.push_back(a.states[0]);
        }
        CHECK(from_sync == states_of(fixed.attractors));
    }
}

TEST_CASE("synchronous attractors of hand-made networks") {
    struct Case {
        const char* text;
        std::vector<std::vector<std::string>> expected;
    };
    const Case cases[] = {
        {"targets, factors\nA, !A\n", {{"0", "1"}}},
        {"targets, factors\nA, B\nB, A\n", {{"00"}, {"01", "10"}, {"11"}}},
        // A 3-bit ring that rotates a single token (and its complement).
        {"targets, factors\nA, C\nB, A\nC, B\n", {{"000"}, {"001", "100", "010"}, {"011", "101", "110"}, {"111"}}},
        {"targets, factors\nA, 1\nB, A & !B\n", {{"10", "11"}}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        const bitsig::Result r = bitsig::find_sync_attractors_sat(bnet(c.text), {}, no_control);
        std::vector<std::vector<std::string>> got;
        for (const auto& a : r.attractors) {
            got.emplace_back();
            for (const State& s : a.states) got.back().push_back(s.to_string());
        }
        CHECK(got == c.expected);
        CHECK(r.complete);
    }
}

TEST_CASE("synchronous search limits give complete = false with a note") {
    // A ring of 12 where a variable needs both predecessors on: blocks of ones shrink
    // by one per lap, so transients run to about a hundred steps.
    std::string ring = "targets, factors\nC0, C11 & C10\n";
    for (int i = 1; i < 12; ++i) ring += "C" + std::to_string(i) + ", C" + std::to_string(i - 1) + "\n";
    const Network slow = bnet(ring);
    const bitsig::Result all = bitsig::find_sync_attractors_sat(slow, {}, no_control);
    CHECK(all.complete);
    CHECK(cycles_of(all.attractors) == cycles_of(bitsig::oracle::synchronous_attractors(slow)));

    bitsig::SyncSatOptions options;
    options.max_unrolling = 4;
    const bitsig::Result shallow = bitsig::find_sync_attractors_sat(slow, options, no_control);
    CHECK_FALSE(shallow.complete);
    CHECK_FALSE(shallow.notes.empty());
    for (const auto& a : shallow.attractors) CHECK(is_cycle(slow, a));

    // A 6-bit binary counter: one cycle of 64 states.
    std::string text = "targets, factors\nB0, !B0\n";
    std::string carry = "B0";
    for (int i = 1; i < 6; ++i) {
        text += "B" + std::to_string(i) + ", B" + std::to_string(i) + " ^ (" + carry + ")\n";
        carry += " & B" + std::to_string(i);
    }
    const Network counter = bnet(text);
    const bitsig::Result cycle = bitsig::find_sync_attractors_sat(counter, {}, no_control);
    CHECK(cycle.complete);
    REQUIRE(cycle.attractors.size() == 1);
    CHECK(cycle.attractors[0].size == 64);
    CHECK(is_cycle(counter, cycle.attractors[0]));
    options = {};
    options.max_cycle_length = 63;
    const bitsig::Result bounded = bitsig::find_sync_attractors_sat(counter, options, no_control);
    CHECK_FALSE(bounded.complete);
    CHECK(bounded.attractors.empty());
    options.max_cycle_length = 64;
    CHECK(bitsig::find_sync_attractors_sat(counter, options, no_control).attractors.size() == 1);

    // Many attractors: 8 free inputs give 256 fixed points.
    std::string inputs = "targets, factors\n";
    for (int i = 0; i < 8; ++i) inputs += "I" + std::to_string(i) + ", I" + std::to_string(i) + "\n";
    options = {};
    options.max_attractors = 10;
    const bitsig::Result few = bitsig::find_sync_attractors_sat(bnet(inputs), options, no_control);
    CHECK_FALSE(few.complete);
    CHECK(few.attractors.size() == 10);
    CHECK(bitsig::find_sync_attractors_sat(bnet(inputs), {}, no_control).attractors.size() == 256);
}

TEST_CASE("a network with nothing left to search has its one state as the answer") {
    // The planner hands over the percolated network, which is empty when everything
    // is fixed; a network of constants percolates to nothing inside the SAT search.
    const Network empty;
    const bitsig::Result fixed = bitsig::find_fixed_points(empty, {}, no_control);
    REQUIRE(fixed.attractors.size() == 1);
    CHECK(fixed.attractors[0].states[0].size() == 0);
    CHECK(bitsig::find_sync_attractors_sat(empty, {}, no_control).attractors.size() == 1);
    const Network constants = bnet("targets, factors\nA, 1\nB, A & 0\nC, A | B\n");
    const bitsig::Result sync = bitsig::find_sync_attractors_sat(constants, {}, no_control);
    REQUIRE(sync.attractors.size() == 1);
    CHECK(sync.attractors[0].states[0].to_string() == "101");
    CHECK(sync.complete);
}

TEST_CASE("every lane of the trajectory sampler closes on a cycle with true transient bounds") {
    for (std::uint64_t seed = 0; seed < 40; ++seed) {
        CAPTURE(seed);
        const Network net = small_sync_network(seed);
        const SyncGraph g = sync_graph(net);
        bitsig::SyncLaneSampler lanes(net, seed);
        std::vector<bitsig::ClosedTrajectory> closed;
        for (int step = 0; step < 400; ++step) lanes.step(closed);
        REQUIRE(closed.size() >= bitsig::SyncLaneSampler::kLanes);
        CHECK(lanes.started() == closed.size() + bitsig::SyncLaneSampler::kLanes);
        auto walk = [&](std::uint64_t x, std::size_t steps) {
            while (steps-- > 0) x = g.next[x];
            return x;
        };
        for (const bitsig::ClosedTrajectory& c : closed) {
            const std::uint64_t start = c.start.index();
            CHECK(g.transient[c.on_cycle.index()] == 0);
            CHECK(g.transient[start] <= c.checkpoint_age);
            CHECK(c.earlier_age == c.checkpoint_age / 2);
            CHECK(walk(start, c.earlier_age) == c.earlier.index());
            // The cycle state is where the lane stood when it came back to its checkpoint.
            CHECK(g.transient[walk(start, c.checkpoint_age)] == 0);
        }
    }
}

TEST_CASE("synchronous SAT attractors equal brute force up to 16 variables, with and without the early phases") {
    std::size_t longest_transient = 0, most_attractors = 0;
    for (std::uint64_t seed = 0; seed < 60; ++seed) {
        CAPTURE(seed);
        const Network net = small_sync_network(seed);
        const SyncGraph g = sync_graph(net);
        longest_transient = std::max(longest_transient, *std::max_element(g.transient.begin(), g.transient.end()));
        most_attractors = std::max(most_attractors, g.cycles.size());
        // The deep unrolling alone, everything before it, and short cycles without sampling.
        const std::pair<std::size_t, std::size_t> phases[] = {{0, 0}, {std::size_t{1} << 16, 16}, {0, 3}};
        for (const auto& phase : phases) {
            const std::size_t sample_steps = phase.first, short_cycles = phase.second;
            CAPTURE(sample_steps);
            CAPTURE(short_cycles);
            bitsig::SyncSatOptions options;
            options.sample_steps = sample_steps;
            options.short_cycles = short_cycles;
            const bitsig::Result r = bitsig::find_sync_attractors_sat(net, options, no_control);
            CHECK(r.complete);
            CHECK(cycles_of(r.attractors) == cycles_of(g.cycles));
        }
    }
    // The networks are meant to test deep unrollings and several attractors.
    CHECK(longest_transient >= 40);
    CHECK(most_attractors >= 5);
}

TEST_CASE("synchronous search can be cancelled") {
    const Network net = bitsig::oracle::random_network(60, 2, 99);
    std::atomic<bool> cancel{true};
    bitsig::Control control;
    control.cancel = &cancel;
    CHECK_THROWS_AS(bitsig::find_sync_attractors_sat(net, {}, control), bitsig::Interrupted);
}
}
