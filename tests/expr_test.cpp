// SPDX-License-Identifier: MIT
// Rules: the parser (precedence, keywords, constants, deep nesting), the printer (what it
// prints reads back to the same function), constant folding in substitute() and remap(),
// and every syntax error verbatim. Truth tables come from the reference evaluator over the
// five variables A..E, so the checks do not depend on the compiled evaluator.
#include <algorithm>
#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "expr/expr.hpp"
#include "expr/parse.hpp"

namespace {

using bitsig::Expr;
using bitsig::Op;
using bitsig::VarId;

const std::vector<std::string> kNames{"A", "B", "C", "D", "E"};

std::optional<VarId> resolve_name(std::string_view name) {
    for (std::uint32_t i = 0; i < kNames.size(); ++i)
        if (kNames[i] == name) return VarId{i};
    return std::nullopt;
}

// Errors point into a pretend file `rules.txt` whose line 7 is exactly the rule, so a
// column is the 1-based offset in the rule text.
bitsig::ParsedRule parse_raw(std::string_view text) {
    bitsig::RuleSource source{bitsig::Location{"rules.txt", 7, 1}, std::string(text)};
    return bitsig::parse_rule(text, source, resolve_name);
}

Expr parse(std::string_view text) {
    bitsig::ParsedRule parsed = parse_raw(text);
    REQUIRE(parsed.unresolved.empty());
    return parsed.expr;
}

// Bit i is the value of `e` when variable j is bit j of i.
std::uint32_t truth_table(const Expr& e) {
    std::uint32_t table = 0;
    for (std::uint32_t i = 0; i < 32; ++i) {
        std::vector<bool> state(kNames.size());
        for (std::size_t j = 0; j < state.size(); ++j) state[j] = (i >> j) & 1;
        if (bitsig::evaluate(e, state)) table |= std::uint32_t{1} << i;
    }
    return table;
}

using Fn = bool (*)(bool a, bool b, bool c, bool d);

std::uint32_t truth_table(Fn f) {
    std::uint32_t table = 0;
    for (std::uint32_t i = 0; i < 32; ++i)
        if (f(i & 1, (i >> 1) & 1, (i >> 2) & 1, (i >> 3) & 1)) table |= std::uint32_t{1} << i;
    return table;
}

std::string print(const Expr& e, bitsig::Syntax syntax = bitsig::Syntax::bitsig) {
    return bitsig::to_string(e, kNames, syntax);
}

// Random trees built with the Expr API directly, so they include shapes the parser never
// produces: nested same-operator nodes, double negations, constants anywhere.
std::uint32_t random_node(Expr& e, std::mt19937_64& rng, int depth) {
    std::uniform_int_distribution<int> pick(0, depth <= 0 ? 2 : 9);
    int kind = pick(rng);
    if (kind <= 1) return e.add_variable(VarId{static_cast<std::uint32_t>(rng() % kNames.size())});
    if (kind == 2) return e.add_constant(rng() % 2 == 1);
    if (kind <= 4) {
        std::uint32_t kid[1] = {random_node(e, rng, depth - 1)};
        return e.add_operator(Op::negation, kid);
    }
    const Op ops[3] = {Op::conjunction, Op::disjunction, Op::exclusive_or};
    Op op = ops[rng() % 3];
    std::vector<std::uint32_t> kids(2 + rng() % 3);
    for (auto& k : kids) k = random_node(e, rng, depth - 1);
    return e.add_operator(op, kids);
}

Expr random_expr(std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    Expr e;
    e.set_root(random_node(e, rng, 5));
    return e;
}

// Depth of the tree below the root (a leaf has depth 1).
std::size_t depth(const Expr& e) {
    std::vector<std::size_t> d(e.size(), 1);
    for (std::uint32_t i = 0; i < e.size(); ++i)
        for (auto c : e.children(i)) d[i] = std::max(d[i], d[c] + 1);
    return d[e.root()];
}

}  // namespace

TEST_SUITE("expr") {

TEST_CASE("expr: not binds tightest then and then xor then or and the words mean the same") {
    struct Case {
        const char* text;
        Fn expected;
    };
    // clang-format off
    const Case cases[] = {
        {"A",                   [](bool a, bool, bool, bool) { return a; }},
        {"!A & B",              [](bool a, bool b, bool, bool) { return !a && b; }},
        {"!(A & B)",            [](bool a, bool b, bool, bool) { return !(a && b); }},
        {"A & B | C",           [](bool a, bool b, bool c, bool) { return (a && b) || c; }},
        {"A | B & C",           [](bool a, bool b, bool c, bool) { return a || (b && c); }},
        {"(A | B) & C",         [](bool a, bool b, bool c, bool) { return (a || b) && c; }},
        {"A ^ B & C",           [](bool a, bool b, bool c, bool) { return a != (b && c); }},
        {"A & B ^ C",           [](bool a, bool b, bool c, bool) { return (a && b) != c; }},
        {"A | B ^ C",           [](bool a, bool b, bool c, bool) { return a || (b != c); }},
        {"A ^ B | C",           [](bool a, bool b, bool c, bool) { return (a != b) || c; }},
        {"A ^ B | C ^ D",       [](bool a, bool b, bool c, bool d) { return (a != b) || (c != d); }},
        {"!A ^ B",              [](bool a, bool b, bool, bool) { return !a != b; }},
        {"A ^ B ^ C",           [](bool a, bool b, bool c, bool) { return (a != b) != c; }},
        {"A ^ B ^ C ^ D",       [](bool a, bool b, bool c, bool d) { return ((a != b) != c) != d; }},
        {"not A and B or C",    [](bool a, bool b, bool c, bool) { return (!a && b) || c; }},
        {"A or B and not C",    [](bool a, bool b, bool c, bool) { return a || (b && !c); }},
        {"A AND B OR NOT C",    [](bool a, bool b, bool c, bool) { return (a && b) || !c; }},
        {"A And B Or Not C",    [](bool a, bool b, bool c, bool) { return (a && b) || !c; }},
        {"A && B || C",         [](bool a, bool b, bool c, bool) { return (a && b) || c; }},
        {"A&&!B||C&D",          [](bool a, bool b, bool c, bool d) { return (a && !b) || (c && d); }},
        {"~A | B",              [](bool a, bool b, bool, bool) { return !a || b; }},
        {"!!A",                 [](bool a, bool, bool, bool) { return a; }},
        {"!!!A",                [](bool a, bool, bool, bool) { return !a; }},
        {"!(!A)",               [](bool a, bool, bool, bool) { return a; }},
        {"not not A",           [](bool a, bool, bool, bool) { return a; }},
        {"!(!(A | B))",         [](bool a, bool b, bool, bool) { return a || b; }},
        {"1",                   [](bool, bool, bool, bool) { return true; }},
        {"0",                   [](bool, bool, bool, bool) { return false; }},
        {"true",                [](bool, bool, bool, bool) { return true; }},
        {"False",               [](bool, bool, bool, bool) { return false; }},
        {"TRUE & A",            [](bool a, bool, bool, bool) { return a; }},
        {"false | A",           [](bool a, bool, bool, bool) { return a; }},
        {"!0",                  [](bool, bool, bool, bool) { return true; }},
        {"A & 0 | B",           [](bool, bool b, bool, bool) { return b; }},
        {"((A))",               [](bool a, bool, bool, bool) { return a; }},
        {"  A\t&\n B  ",        [](bool a, bool b, bool, bool) { return a && b; }},
        {"A & (B | C) & !(D ^ A)",
                                [](bool a, bool b, bool c, bool d) { return a && (b || c) && !(d != a); }},
    };
    // clang-format on
    for (const auto& c : cases) {
        CAPTURE(std::string(c.text));
        CHECK(truth_table(parse(c.text)) == truth_table(c.expected));
    }
}

TEST_CASE("expr: chains of one operator become one n-ary node however they are parenthesised") {
    struct Case {
        const char* text;
        Op op;
        std::size_t children;
    };
    const Case cases[] = {
        {"A & B & C & D", Op::conjunction, 4},     {"A & (B & (C & D))", Op::conjunction, 4},
        {"((A & B) & C) & D", Op::conjunction, 4}, {"A | (B | C) | (D | E)", Op::disjunction, 5},
        {"A ^ (B ^ C)", Op::exclusive_or, 3},      {"A & (B | C) & D", Op::conjunction, 3},
        {"!(A & B) & C", Op::conjunction, 2},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.text));
        Expr e = parse(c.text);
        CHECK(e.node(e.root()).op == c.op);
        CHECK(e.children(e.root()).size() == c.children);
    }
}

TEST_CASE("expr: ten thousand nested parentheses of one operator parse without deep recursion") {
    const std::size_t n = 10000;
    SUBCASE("right-nested conjunction") {
        std::string text;
        for (std::size_t i = 0; i < n; ++i) text += kNames[i % 5] + " & (";
        text += "E";
        text += std::string(n, ')');
        Expr e = parse(text);
        CHECK(e.node(e.root()).op == Op::conjunction);
        CHECK(e.children(e.root()).size() == n + 1);
        CHECK(depth(e) == 2);
        CHECK(truth_table(e) == truth_table(parse("A & B & C & D & E")));
    }
    SUBCASE("left-nested disjunction") {
        std::string text = std::string(n, '(') + "A";
        for (std::size_t i = 0; i < n; ++i) text += " | " + kNames[i % 5] + ")";
        Expr e = parse(text);
        CHECK(e.node(e.root()).op == Op::disjunction);
        CHECK(depth(e) == 2);
        CHECK(truth_table(e) == truth_table(parse("A | B | C | D | E")));
    }
    SUBCASE("parentheses around a single name") {
        Expr e = parse(std::string(n, '(') + "C" + std::string(n, ')'));
        CHECK(e.is_variable(VarId{2}));
    }
    SUBCASE("negations stacked without parentheses cancel in pairs") {
        CHECK(print(parse(std::string(n, '!') + "A")) == "A");
        CHECK(print(parse(std::string(n + 1, '!') + "A")) == "!A");
    }
}

TEST_CASE("expr: nesting deeper than the limit is refused with a message instead of a crash") {
    // Alternating operators cannot be flattened; 2000 levels are accepted, more are not.
    auto alternating = [](std::size_t levels) {
        std::string text;
        for (std::size_t i = 0; i + 1 < levels; ++i) text += i % 2 ? "A | (" : "B & (";
        return text + "C" + std::string(levels - 1, ')');
    };
    Expr ok = parse(alternating(2000));
    CHECK(depth(ok) == 2000);
    // The source line is cut to 100 characters around the caret.
    const std::string expected = "rules.txt:7:1: error: rule nested too deeply (2001 levels of alternating "
                                 "operators; at most 2000 are supported)\n"
                                 "    7 | " +
                                 alternating(2001).substr(0, 100) +
                                 "...\n"
                                 "      | ^";
    CHECK_THROWS_WITH_AS(parse_raw(alternating(2001)), expected.c_str(), bitsig::InputError);
    std::string negations;
    for (int i = 0; i < 10000; ++i) negations += "!(";
    negations += "A" + std::string(10000, ')');
    CHECK_THROWS_AS(parse_raw(negations), bitsig::InputError);
}

TEST_CASE("expr: unknown names are collected with their columns instead of thrown") {
    bitsig::ParsedRule parsed = parse_raw("A & Zed | !Q & B");
    REQUIRE(parsed.unresolved.size() == 2);
    CHECK(parsed.unresolved[0].name == "Zed");
    CHECK(parsed.unresolved[0].where.file == "rules.txt");
    CHECK(parsed.unresolved[0].where.line == 7);
    CHECK(parsed.unresolved[0].where.column == 5);
    CHECK(parsed.unresolved[1].name == "Q");
    CHECK(parsed.unresolved[1].where.column == 12);
}

TEST_CASE("expr: syntax errors name the problem and point at it") {
    struct Case {
        const char* text;
        const char* expected;
    };
    // clang-format off
    const Case cases[] = {
        {"",
         "rules.txt:7:1: error: empty rule: expected an expression"},
        {"   ",
         "rules.txt:7:1: error: empty rule: expected an expression\n"
         "    7 |    \n"
         "      | ^"},
        {"A &",
         "rules.txt:7:4: error: unexpected end of rule: expected a name, '!', '(' or a constant\n"
         "    7 | A &\n"
         "      |    ^"},
        {"!",
         "rules.txt:7:2: error: unexpected end of rule: expected a name, '!', '(' or a constant\n"
         "    7 | !\n"
         "      |  ^"},
        {"A & & B",
         "rules.txt:7:5: error: expected a name, '!', '(' or a constant, found '&'\n"
         "    7 | A & & B\n"
         "      |     ^"},
        {"A | && B",
         "rules.txt:7:5: error: expected a name, '!', '(' or a constant, found '&&'\n"
         "    7 | A | && B\n"
         "      |     ^~"},
        {"A & or B",
         "rules.txt:7:5: error: expected a name, '!', '(' or a constant, found 'or'\n"
         "    7 | A & or B\n"
         "      |     ^~"},
        {"(A & B",
         "rules.txt:7:7: error: expected ')' to close the '(' at column 1\n"
         "    7 | (A & B\n"
         "      |       ^"},
        {"A & (B | (C)",
         "rules.txt:7:13: error: expected ')' to close the '(' at column 5\n"
         "    7 | A & (B | (C)\n"
         "      |             ^"},
        {"A & B)",
         "rules.txt:7:6: error: unmatched ')' in rule\n"
         "    7 | A & B)\n"
         "      |      ^"},
        {"()",
         "rules.txt:7:2: error: empty parentheses: expected an expression\n"
         "    7 | ()\n"
         "      |  ^"},
        {"A & )",
         "rules.txt:7:5: error: expected a name, '!', '(' or a constant before ')'\n"
         "    7 | A & )\n"
         "      |     ^"},
        {"A B",
         "rules.txt:7:3: error: expected an operator ('&', '|', '^') or the end of the rule, found 'B'\n"
         "    7 | A B\n"
         "      |   ^"},
        {"A !B",
         "rules.txt:7:3: error: expected an operator ('&', '|', '^') or the end of the rule, found '!'\n"
         "    7 | A !B\n"
         "      |   ^"},
        {"A (B)",
         "rules.txt:7:3: error: expected an operator ('&', '|', '^') or the end of the rule, found '('\n"
         "    7 | A (B)\n"
         "      |   ^"},
        {"A AnD B",
         "rules.txt:7:3: error: expected an operator ('&', '|', '^') or the end of the rule, found 'AnD'\n"
         "    7 | A AnD B\n"
         "      |   ^~~"},
        {"A & 2x",
         "rules.txt:7:5: error: invalid name '2x': names start with a letter or '_'\n"
         "    7 | A & 2x\n"
         "      |     ^~"},
        {"A $ B",
         "rules.txt:7:3: error: unexpected character '$' in rule: expected a name, '!', '(', '0' or '1'\n"
         "    7 | A $ B\n"
         "      |   ^"},
        {"A & \xce\xb2",
         "rules.txt:7:5: error: unexpected character '\xce\xb2' in rule: expected a name, '!', '(', '0' or '1'\n"
         "    7 | A & \xce\xb2\n"
         "      |     ^"},
        {"A = B",
         "rules.txt:7:3: error: unexpected character '=' in rule: expected a name, '!', '(', '0' or '1'\n"
         "    7 | A = B\n"
         "      |   ^"},
    };
    // clang-format on
    for (const auto& c : cases) {
        CAPTURE(std::string(c.text));
        CHECK_THROWS_WITH_AS(parse_raw(c.text), c.expected, bitsig::InputError);
    }
}

TEST_CASE("expr: errors on later lines of a multi-line rule point at the file's line and column") {
    // As in a YAML block scalar: the rule starts on line 12 at column 7, and its second
    // line is indented like the first in the file.
    bitsig::RuleSource source{bitsig::Location{"net.yaml", 12, 7}, "      A &"};
    auto parse_block = [&] { return bitsig::parse_rule("A &\n& B\n", source, resolve_name); };
    CHECK_THROWS_WITH_AS(parse_block(),
                         "net.yaml:13:7: error: expected a name, '!', '(' or a constant, found '&'\n"
                         "   13 |       & B\n"
                         "      |       ^",
                         bitsig::InputError);
}

TEST_CASE("expr: a syntax error carries one diagnostic with its location") {
    try {
        parse_raw("A | | B");
        FAIL("expected an InputError");
    } catch (const bitsig::InputError& e) {
        REQUIRE(e.diagnostics().size() == 1);
        const auto& d = e.diagnostics()[0];
        CHECK(d.where.file == "rules.txt");
        CHECK(d.where.line == 7);
        CHECK(d.where.column == 5);
        CHECK(d.span == 1);
        CHECK(d.note.empty());
    }
}

TEST_CASE("expr: valid names are identifiers that are not keywords") {
    struct Case {
        const char* name;
        bool valid;
    };
    const Case cases[] = {
        {"A", true},    {"_x1", true}, {"p53", true},   {"AnD", true},    {"android", true}, {"v_AND_34", true},
        {"1A", false},  {"", false},   {"a-b", false},  {"and", false},   {"AND", false},    {"And", false},
        {"not", false}, {"or", false}, {"True", false}, {"false", false}, {"x y", false},    {"\xce\xb2", false},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        CHECK(bitsig::is_valid_name(c.name) == c.valid);
    }
}

TEST_CASE("expr: printing uses minimal parentheses") {
    struct Case {
        const char* text;
        const char* printed;
    };
    // clang-format off
    const Case cases[] = {
        {"A & B | C",            "A & B | C"},
        {"(A & B) | C",          "A & B | C"},
        {"A & (B | C)",          "A & (B | C)"},
        {"!(A & B)",             "!(A & B)"},
        {"!A & !B",              "!A & !B"},
        {"A ^ (B | C)",          "A ^ (B | C)"},
        {"(A ^ B) & C",          "(A ^ B) & C"},
        {"A ^ B & C",            "A ^ B & C"},
        {"(A ^ B) | C",          "A ^ B | C"},
        {"!(A ^ B)",             "!(A ^ B)"},
        {"!!A",                  "A"},
        {"not A or B",           "!A | B"},
        {"A and (B and C)",      "A & B & C"},
        {"true",                 "1"},
        {"FALSE",                "0"},
        {"A && B || !C",         "A & B | !C"},
    };
    // clang-format on
    for (const auto& c : cases) {
        CAPTURE(std::string(c.text));
        CHECK(print(parse(c.text)) == c.printed);
    }
}

TEST_CASE("expr: .bnet printing expands exclusive or into and or not") {
    struct Case {
        const char* text;
        const char* printed;
    };
    const Case cases[] = {
        {"A ^ B", "(A & !B | !A & B)"},
        {"!(A ^ B)", "!(A & !B | !A & B)"},
        {"A ^ B & C", "(A & !(B & C) | !A & (B & C))"},
        {"A & B | C", "A & B | C"},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.text));
        std::string printed = print(parse(c.text), bitsig::Syntax::bnet);
        CHECK(printed == c.printed);
        CHECK(printed.find('^') == std::string::npos);
        CHECK(truth_table(parse(printed)) == truth_table(parse(c.text)));
    }
}

TEST_CASE("expr: printing then parsing gives the same function for random trees") {
    for (std::uint64_t seed = 1; seed <= 500; ++seed) {
        CAPTURE(seed);
        Expr e = random_expr(seed);
        std::string text = print(e);
        CAPTURE(text);
        Expr back = parse(text);
        CHECK(truth_table(back) == truth_table(e));
        // Printing is stable after one parse (the parser flattens, so the first print may not be).
        CHECK(print(parse(print(back))) == print(back));
        std::string bnet = print(e, bitsig::Syntax::bnet);
        CAPTURE(bnet);
        CHECK(bnet.find('^') == std::string::npos);
        CHECK(truth_table(parse(bnet)) == truth_table(e));
    }
}

TEST_CASE("expr: printed_size is the length to_string produces in both syntaxes") {
    std::vector<std::string> names = {"A", "Bb", "Ccc", "Dddd", "E"};
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        CAPTURE(seed);
        Expr e = random_expr(seed);
        for (auto syntax : {bitsig::Syntax::bitsig, bitsig::Syntax::bnet})
            CHECK(bitsig::printed_size(e, names, syntax) == bitsig::to_string(e, names, syntax).size());
    }
}

TEST_CASE("expr: substitute folds constants") {
    struct Case {
        const char* text;
        const char* fixed;  // one of 0, 1 or - (keep) per variable A..E
        const char* printed;
    };
    // clang-format off
    const Case cases[] = {
        {"A & B",              "0----", "0"},
        {"A & B",              "1----", "B"},
        {"A | B",              "1----", "1"},
        {"A | B",              "0----", "B"},
        {"A & B & C",          "-1---", "A & C"},
        {"A | B | C",          "00---", "C"},
        {"A ^ B",              "1----", "!B"},
        {"A ^ B",              "0----", "B"},
        {"A ^ B ^ C",          "11---", "C"},
        {"A ^ B ^ C",          "111--", "1"},
        {"A ^ !B",             "-0---", "!A"},
        {"!(A & B)",           "1----", "!B"},
        {"!(A | B)",           "1----", "0"},
        {"!(A | B)",           "0----", "!B"},
        {"!!A",                "-----", "A"},
        {"(A | B) & C",        "0----", "B & C"},
        {"(A | B) & (C | D)",  "--1--", "A | B"},
        {"(A ^ B) | C",        "--0--", "A ^ B"},
        {"A & (B | C & D)",    "---1-", "A & (B | C)"},
        {"A & (B | C & D)",    "-0---", "A & C & D"},
        {"A & !A",             "-----", "A & !A"},
        {"1 & A",              "-----", "A"},
        {"0 | A & 1",          "-----", "A"},
        {"A | B",              "11111", "1"},
    };
    // clang-format on
    for (const auto& c : cases) {
        CAPTURE(std::string(c.text));
        CAPTURE(std::string(c.fixed));
        std::string space(c.fixed);
        std::replace(space.begin(), space.end(), '-', '*');
        bitsig::Substitution s{bitsig::Subspace::from_string(space)};
        CHECK(print(bitsig::substitute(parse(c.text), s)) == c.printed);
    }
}

TEST_CASE("expr: substitute agrees with evaluating under the fixed values") {
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        CAPTURE(seed);
        Expr e = random_expr(seed);
        std::mt19937_64 rng(seed * 7919);
        bitsig::Substitution s{bitsig::Subspace(kNames.size())};
        for (std::size_t v = 0; v < kNames.size(); ++v)
            if (const auto draw = rng() % 3; draw < 2) s.fixed.fix(v, draw == 1);
        Expr folded = bitsig::substitute(e, s);
        for (VarId v : folded.support()) CHECK_FALSE(s.fixed.is_fixed(v.index));
        for (std::uint32_t i = 0; i < 32; ++i) {
            std::vector<bool> state(kNames.size());
            for (std::size_t j = 0; j < state.size(); ++j)
                state[j] = s.fixed.is_fixed(j) ? s.fixed.value(j) : ((i >> j) & 1) != 0;
            CHECK(bitsig::evaluate(folded, state) == bitsig::evaluate(e, state));
        }
        // Without any fixed variable, substitute changes the tree but not the function.
        CHECK(truth_table(bitsig::substitute(e, bitsig::Substitution{})) == truth_table(e));
    }
}

TEST_CASE("expr: remap renames variables and keeps the function") {
    // A->C, B->A, C->B, D->D, E->E.
    const std::vector<VarId> map{VarId{2}, VarId{0}, VarId{1}, VarId{3}, VarId{4}};
    CHECK(print(bitsig::remap(parse("A & !B | C ^ D"), map)) == "C & !A | B ^ D");
    CHECK(print(bitsig::remap(parse("A & 1"), map)) == "C");
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        CAPTURE(seed);
        Expr e = random_expr(seed);
        Expr renamed = bitsig::remap(e, map);
        for (std::uint32_t i = 0; i < 32; ++i) {
            std::vector<bool> state(kNames.size()), moved(kNames.size());
            for (std::size_t j = 0; j < state.size(); ++j) state[j] = (i >> j) & 1;
            for (std::size_t j = 0; j < state.size(); ++j) moved[map[j].index] = state[j];
            CHECK(bitsig::evaluate(renamed, moved) == bitsig::evaluate(e, state));
        }
    }
}

TEST_CASE("expr: support lists each regulator once in order and constants have none") {
    Expr e = parse("D & !A | A ^ D | B");
    const std::vector<VarId> expected{VarId{0}, VarId{1}, VarId{3}};
    CHECK(e.support() == expected);
    CHECK(parse("1 | 0").support().empty());
    CHECK(Expr::constant(true).is_constant());
    CHECK(Expr::constant(true).constant_value());
    CHECK(Expr::variable(VarId{3}).is_variable(VarId{3}));
    CHECK_FALSE(Expr::variable(VarId{3}).is_variable(VarId{2}));
    CHECK_FALSE(parse("!D").is_variable(VarId{3}));
}

}  // TEST_SUITE
