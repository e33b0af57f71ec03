// SPDX-License-Identifier: MIT
// The regulatory graph: signs of edges (checked against a brute-force reading of the
// reference evaluator), truth tables, strongly connected components and the census of
// feedback loops on small networks whose loops can be counted by hand.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "analysis/loops.hpp"
#include "analysis/regulation.hpp"
#include "expr/expr.hpp"
#include "io/bnet.hpp"

namespace {

using bitsig::Network;
using bitsig::Sign;
using bitsig::VarId;

Network bnet(const std::string& text) { return bitsig::read_bnet(text, "net.bnet"); }

// "A>B+" style rendering of an edge list, in the order regulations() returns it:
// + activation, - inhibition, ~ dual, 0 non-functional; '?' marks a sign read from the text.
std::string edges_of(const Network& net) {
    std::string out;
    for (const auto& r : bitsig::regulations(net)) {
        if (!out.empty()) out += ' ';
        out += net.name(r.regulator) + ">" + net.name(r.target);
        out += r.sign == Sign::activation ? "+" : r.sign == Sign::inhibition ? "-" : r.sign == Sign::dual ? "~" : "0";
        if (!r.exact) out += '?';
    }
    return out;
}

std::string components_of(const Network& net) {
    std::string out;
    for (const auto& c : bitsig::strongly_connected_components(net, bitsig::regulations(net))) {
        out += '{';
        for (std::size_t i = 0; i < c.size(); ++i) out += (i ? "," : "") + net.name(c[i]);
        out += '}';
    }
    return out;
}

// The sign of regulator u in rule f by brute force over all states of n variables.
Sign brute_sign(const bitsig::Expr& f, std::size_t u, std::size_t n) {
    bool up = false, down = false;
    for (std::uint32_t s = 0; s < (1u << n); ++s) {
        if ((s >> u) & 1) continue;
        std::vector<bool> off(n), on(n);
        for (std::size_t j = 0; j < n; ++j) off[j] = on[j] = (s >> j) & 1;
        on[u] = true;
        bool a = bitsig::evaluate(f, off), b = bitsig::evaluate(f, on);
        up = up || (!a && b);
        down = down || (a && !b);
    }
    return up && down ? Sign::dual : up ? Sign::activation : down ? Sign::inhibition : Sign::none;
}

// .bnet lines declaring inputs p0..p(n-1) (appended piecewise: `"p" + std::to_string(i)`
// trips a GCC 12 -Wrestrict false positive at -O2).
std::string input_lines(const char* prefix, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        std::string name = prefix;
        name += std::to_string(i);
        out += name;
        out += ", ";
        out += name;
        out += '\n';
    }
    return out;
}

// A random rule over variables v0..v(n-1) as .bnet text.
std::string random_rule(std::mt19937_64& rng, std::size_t n, int depth) {
    if (depth == 0 || rng() % 4 == 0) return (rng() % 3 == 0 ? "!v" : "v") + std::to_string(rng() % n);
    const char* ops[] = {" & ", " | ", " & ", " | ", " ^ "};
    std::string a = random_rule(rng, n, depth - 1), b = random_rule(rng, n, depth - 1);
    std::string text = "(" + a + ops[rng() % 5] + b + ")";
    return rng() % 4 == 0 ? "!" + text : text;
}

}  // namespace

TEST_SUITE("analysis") {

TEST_CASE("analysis: edge signs come from the function and not from the text") {
    struct Case {
        const char* rule;  // the rule of T; A, B, C are inputs
        const char* edges;
    };
    // clang-format off
    const Case cases[] = {
        {"A",                       "A>T+"},
        {"!A",                      "A>T-"},
        {"A & !B",                  "A>T+ B>T-"},
        {"A | !B & C",              "A>T+ B>T- C>T+"},
        {"A ^ B",                   "A>T~ B>T~"},
        {"A & B | !A & !B",         "A>T~ B>T~"},
        {"A & B | !A & C",          "A>T~ B>T+ C>T+"},
        {"A | A & B",               "A>T+ B>T0"},
        {"A & !A | B",              "A>T0 B>T+"},
        {"!(A & !B)",               "A>T- B>T+"},
        {"A ^ A ^ B",               "A>T0 B>T+"},
        {"1",                       ""},
        {"0 & A",                   "A>T0"},
        {"T | A",                   "A>T+ T>T+"},
        {"!T & A",                  "A>T+ T>T-"},
    };
    // clang-format on
    for (const auto& c : cases) {
        CAPTURE(std::string(c.rule));
        Network net = bnet(std::string("A, A\nB, B\nC, C\nT, ") + c.rule + "\n");
        CHECK(edges_of(net) == c.edges);
    }
}

TEST_CASE("analysis: inputs have no self-edge and edges are grouped by target in model order") {
    Network net = bnet("C, A & !B\nA, A\nB, C | A\nK, 1\n");
    CHECK(edges_of(net) == "A>C+ B>C- C>B+ A>B+");
}

TEST_CASE("analysis: exact signs match a brute-force reading of the rule") {
    // Up to 12 regulators, so the truth table spans several words and every shift path runs.
    for (std::uint64_t seed = 1; seed <= 150; ++seed) {
        CAPTURE(seed);
        std::mt19937_64 rng(seed);
        std::size_t n = 2 + rng() % 11;
        std::string text = input_lines("v", n);
        std::string rule = random_rule(rng, n, 5);
        CAPTURE(rule);
        Network net = bnet(text + "T, " + rule + "\n");
        VarId target{static_cast<std::uint32_t>(n)};
        for (const auto& r : bitsig::regulations(net)) {
            CAPTURE(net.name(r.regulator));
            CHECK(r.target == target);
            CHECK(r.exact);
            CHECK(r.sign == brute_sign(net.rule(target), r.regulator.index, n));
        }
    }
}

TEST_CASE("analysis: wide rules get signs from literal polarity and say so") {
    // 21 regulators: one more than the exact limit.
    std::string inputs = input_lines("x", 21), rule;
    for (int i = 0; i <= 20; ++i) {
        rule += i ? " & " : "";
        rule += i == 3 ? "!x" : "x";
        rule += std::to_string(i);
    }
    Network net = bnet(inputs + "T, " + rule + " | x0 ^ x20\n");
    auto edges = bitsig::regulations(net);
    REQUIRE(edges.size() == 21);
    for (const auto& r : edges) {
        CAPTURE(net.name(r.regulator));
        CHECK_FALSE(r.exact);
        Sign expected = r.regulator.index == 3                              ? Sign::inhibition
                        : r.regulator.index == 0 || r.regulator.index == 20 ? Sign::dual
                                                                            : Sign::activation;
        CHECK(r.sign == expected);
    }
}

TEST_CASE("analysis: truth tables list rows in index order") {
    for (std::uint64_t seed = 1; seed <= 100; ++seed) {
        CAPTURE(seed);
        std::mt19937_64 rng(seed);
        std::size_t n = 1 + rng() % 9;
        std::string text = input_lines("v", n);
        // Two unused variables in between, so the support is not 0..k-1.
        text += "u0, u0\nu1, u1\n";
        Network net = bnet(text + "T, " + random_rule(rng, n, 4) + "\n");
        const bitsig::Expr& rule = net.rule(VarId{static_cast<std::uint32_t>(n + 2)});
        std::vector<VarId> support = rule.support();
        std::vector<bitsig::Word> table = bitsig::truth_table(rule, support);
        std::size_t rows = std::size_t{1} << support.size();
        REQUIRE(table.size() == (rows + 63) / 64);
        for (std::size_t row = 0; row < table.size() * 64; ++row) {
            bool bit = (table[row / 64] >> (row % 64)) & 1;
            if (row >= rows) {
                CHECK_FALSE(bit);  // rows past 2^k are zero
                continue;
            }
            std::vector<bool> state(net.num_vars());
            for (std::size_t j = 0; j < support.size(); ++j) state[support[j].index] = (row >> j) & 1;
            CHECK(bit == bitsig::evaluate(rule, state));
        }
    }
    Network constant = bnet("A, 1\n");
    CHECK(bitsig::truth_table(constant.rule(VarId{0}), {}) == std::vector<bitsig::Word>{1});
}

TEST_CASE("analysis: strongly connected components follow functional edges only") {
    struct Case {
        const char* text;
        const char* components;
    };
    // clang-format off
    const Case cases[] = {
        {"A, C\nB, A\nC, B\nD, D\nE, E | D\nF, A\n",  "{A,B,C}{D}{E}{F}"},
        {"A, B\nB, A | A & C\nC, B\n",                "{A,B}{C}"},
        {"A, !B\nB, !A\nC, A ^ D\nD, C\n",            "{A,B}{C,D}"},
        {"X, 1\nY, 0\n",                              "{X}{Y}"},
        {"B, A\nA, B\nC, C\n",                        "{B,A}{C}"},
    };
    // clang-format on
    for (const auto& c : cases) {
        CAPTURE(std::string(c.text));
        CHECK(components_of(bnet(c.text)) == c.components);
    }
}

TEST_CASE("analysis: feedback loops are counted by sign") {
    struct Case {
        const char* text;
        std::size_t positive, negative, dual;
    };
    // clang-format off
    const Case cases[] = {
        {"A, B\nB, A\n",                          1, 0, 0},
        {"A, !B\nB, A\n",                         0, 1, 0},
        {"A, !B\nB, !A\n",                        1, 0, 0},
        {"A, A | B\nB, !B\n",                     1, 1, 0},  // two self-loops
        {"A, A\nB, A\n",                          0, 0, 0},  // an input keeping its value is no loop
        {"A, B ^ C\nB, A\nC, C\n",                0, 0, 1},
        {"A, B | C\nB, A | C\nC, A | B\n",        5, 0, 0},  // three 2-cycles and two 3-cycles
        {"A, B | B & C\nB, A\nC, A\n",            1, 0, 0},  // C -> A has no effect, so no A -> C -> A
        {"A, !C\nB, A\nC, B\n",                   0, 1, 0},
        {"A, !C\nB, !A\nC, !B\n",                 0, 1, 0},  // three inhibitions make a negative loop
        {"A, B\nB, C\nC, D\nD, !A & B\n",         1, 1, 0},  // A>B>C>D>A negative, B>C>D>B positive
        {"A, 1\nB, A\n",                          0, 0, 0},
    };
    // clang-format on
    for (const auto& c : cases) {
        CAPTURE(std::string(c.text));
        Network net = bnet(c.text);
        bitsig::LoopCensus census = bitsig::feedback_loops(net, bitsig::regulations(net), {1000, 1000});
        CHECK(census.positive == c.positive);
        CHECK(census.negative == c.negative);
        CHECK(census.dual == c.dual);
        CHECK(census.complete);
        CHECK(census.listed.size() == census.total());
    }
}

TEST_CASE("analysis: listed loops start at their smallest variable and follow the edges") {
    Network net = bnet("A, !C\nB, A\nC, B | C\n");
    bitsig::LoopCensus census = bitsig::feedback_loops(net, bitsig::regulations(net), {100, 100});
    REQUIRE(census.listed.size() == 2);
    std::vector<std::string> seen;
    for (const auto& loop : census.listed) {
        std::string s = loop.sign == Sign::activation ? "+" : loop.sign == Sign::inhibition ? "-" : "~";
        for (auto v : loop.vars) s += net.name(v);
        seen.push_back(s);
        CHECK(loop.vars.front() == *std::min_element(loop.vars.begin(), loop.vars.end()));
    }
    std::sort(seen.begin(), seen.end());
    CHECK(seen == std::vector<std::string>{"+C", "-ABC"});
}

TEST_CASE("analysis: the loop census stops at its limit and says it is incomplete") {
    // Complete graph on 4 variables: 6 two-cycles, 8 three-cycles, 6 four-cycles = 20.
    Network net = bnet("A, B | C | D\nB, A | C | D\nC, A | B | D\nD, A | B | C\n");
    auto edges = bitsig::regulations(net);
    bitsig::LoopCensus all = bitsig::feedback_loops(net, edges, {20, 5});
    CHECK(all.total() == 20);
    CHECK(all.positive == 20);
    CHECK(all.complete);
    CHECK(all.listed.size() == 5);

    bitsig::LoopCensus some = bitsig::feedback_loops(net, edges, {7, 100});
    CHECK(some.total() == 7);
    CHECK_FALSE(some.complete);
    CHECK(some.listed.size() == 7);

    bitsig::LoopCensus none = bitsig::feedback_loops(net, edges, {0, 100});
    CHECK(none.total() == 0);
    CHECK_FALSE(none.complete);
}

// Independent count of elementary circuits by signs: every simple path from a start s
// through variables greater than s that returns to s (exponential; tiny graphs only).
struct BruteLoops {
    std::size_t positive = 0, negative = 0, dual = 0;
};

BruteLoops brute_force_loops(const Network& net) {
    const std::size_t n = net.num_vars();
    std::vector<std::vector<Sign>> sign(n, std::vector<Sign>(n, Sign::none));
    for (const auto& r : bitsig::regulations(net)) sign[r.regulator.index][r.target.index] = r.sign;
    BruteLoops out;
    std::vector<std::size_t> path;
    std::vector<char> on_path(n, 0);
    std::function<void(std::size_t, std::size_t)> extend = [&](std::size_t s, std::size_t v) {
        for (std::size_t w = s; w < n; ++w) {
            if (sign[v][w] == Sign::none) continue;
            if (w == s) {
                bool dual = false, negative = false;
                for (std::size_t i = 0; i < path.size(); ++i) {
                    Sign e = sign[path[i]][i + 1 < path.size() ? path[i + 1] : s];
                    dual = dual || e == Sign::dual;
                    negative = negative != (e == Sign::inhibition);
                }
                (dual ? out.dual : negative ? out.negative : out.positive)++;
            } else if (!on_path[w]) {
                on_path[w] = 1;
                path.push_back(w);
                extend(s, w);
                path.pop_back();
                on_path[w] = 0;
            }
        }
    };
    for (std::size_t s = 0; s < n; ++s) {
        path = {s};
        on_path.assign(n, 0);
        on_path[s] = 1;
        extend(s, s);
    }
    return out;
}

TEST_CASE("analysis: the loop census equals a brute-force count of circuits on random networks") {
    for (std::uint32_t seed = 1; seed <= 60; ++seed) {
        CAPTURE(seed);
        std::mt19937 rng(seed);
        const std::size_t n = 3 + seed % 6;
        std::string text;
        for (std::size_t v = 0; v < n; ++v) {
            text += "x" + std::to_string(v) + ", ";
            const std::size_t k = 1 + rng() % 3;
            for (std::size_t i = 0; i < k; ++i) {
                if (i) text += (rng() % 2) ? " & " : (rng() % 3 ? " | " : " ^ ");
                if (rng() % 3 == 0) text += "!";
                text += "x" + std::to_string(rng() % n);
            }
            text += "\n";
        }
        CAPTURE(text);
        Network net = bnet(text);
        const BruteLoops want = brute_force_loops(net);
        bitsig::LoopCensus got = bitsig::feedback_loops(net, bitsig::regulations(net), {100000, 100000, 0});
        CHECK(got.complete);
        CHECK(got.positive == want.positive);
        CHECK(got.negative == want.negative);
        CHECK(got.dual == want.dual);
        for (const auto& loop : got.listed)
            CHECK(loop.vars.front() == *std::min_element(loop.vars.begin(), loop.vars.end()));
    }
}

// x0 is an input, x_i copies x_(i-1): no loop at all, and 200,000 variables deep.
std::string chain(std::size_t n, bool closed) {
    std::string text = closed ? "x0, x" + std::to_string(n - 1) + "\n" : "x0, x0\n";
    for (std::size_t i = 1; i < n; ++i) text += "x" + std::to_string(i) + ", x" + std::to_string(i - 1) + "\n";
    return text;
}

TEST_CASE("analysis: the loop census of a 100,000-variable chain and ring neither recurses nor goes quadratic") {
    Network open = bnet(chain(100000, false));
    bitsig::LoopCensus none = bitsig::feedback_loops(open, bitsig::regulations(open), {100000, 10, 0});
    CHECK(none.total() == 0);
    CHECK(none.complete);
    Network ring = bnet(chain(100000, true));
    bitsig::LoopCensus one = bitsig::feedback_loops(ring, bitsig::regulations(ring), {100000, 10, 0});
    CHECK(one.total() == 1);
    CHECK(one.positive == 1);
    CHECK(one.complete);
    REQUIRE(one.listed.size() == 1);
    CHECK(one.listed[0].vars.size() == 100000);
}

TEST_CASE("analysis: the loop census stops at its time limit and says why") {
    // Complete graph on 12 variables: about 10^8 circuits, far more than a millisecond allows.
    std::string text;
    for (int v = 0; v < 12; ++v) {
        text += "x" + std::to_string(v) + ", ";
        bool first = true;
        for (int u = 0; u < 12; ++u)
            if (u != v) {
                text += (first ? "" : " | ") + ("x" + std::to_string(u));
                first = false;
            }
        text += "\n";
    }
    Network net = bnet(text);
    bitsig::LoopCensus c = bitsig::feedback_loops(net, bitsig::regulations(net), {SIZE_MAX, 0, 0.001});
    CHECK_FALSE(c.complete);
    CHECK(c.stopped == bitsig::CensusStop::time_limit);
    CHECK(c.total() > 0);
    bitsig::LoopCensus counted = bitsig::feedback_loops(net, bitsig::regulations(net), {1000, 0, 0});
    CHECK(counted.stopped == bitsig::CensusStop::count_limit);
    CHECK(counted.total() == 1000);

    std::atomic<bool> cancel{true};
    bitsig::Control control;
    control.cancel = &cancel;
    CHECK_THROWS_AS(bitsig::feedback_loops(net, bitsig::regulations(net), {SIZE_MAX, 0, 0}, control),
                    bitsig::Interrupted);
}

TEST_CASE("analysis: sign names") {
    CHECK(bitsig::to_string(Sign::activation) == "activation");
    CHECK(bitsig::to_string(Sign::inhibition) == "inhibition");
    CHECK(bitsig::to_string(Sign::dual) == "dual");
    CHECK(bitsig::to_string(Sign::none) == "none");
}

}  // TEST_SUITE
