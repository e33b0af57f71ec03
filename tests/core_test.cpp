// SPDX-License-Identifier: MIT
// core/: the diagnostic format editors jump to, typo suggestions, and the message catalogue.
#include <doctest/doctest.h>

#include "core/error.hpp"

using namespace bitsig;

TEST_SUITE("core") {
TEST_CASE("a diagnostic prints file:line:column, the source line with a caret, and the note") {
    Diagnostic d;
    d.where = Location{"m.bnet", 3, 5};
    d.message = "unexpected ')'";
    d.source_line = "A, (B)";
    d.note = "did you mean '('?";
    CHECK(format_diagnostic(d) ==
          "m.bnet:3:5: error: unexpected ')'\n    3 | A, (B)\n      |     ^\nnote: did you mean '('?");
    Diagnostic bare;
    bare.message = "nothing";
    CHECK(format_diagnostic(bare) == "error: nothing");
    CHECK(std::string(InputError(std::vector<Diagnostic>{bare, bare}).what()) == "error: nothing\nerror: nothing");
}

TEST_CASE("suggestions take close typos and unique abbreviations, nothing far") {
    const std::vector<std::string> names{"Proliferation", "Apoptosis", "AKT"};
    struct Row {
        const char* typed;
        const char* suggested;
    };
    for (Row row :
         {Row{"Prolif", "Proliferation"}, Row{"Apoptsis", "Apoptosis"}, Row{"akt", "AKT"}, Row{"Zebrafish", ""}}) {
        CAPTURE(row.typed);
        CHECK(nearest_name(row.typed, names) == row.suggested);
    }
    CHECK(did_you_mean("AKTT", names) == "did you mean 'AKT'?");
    CHECK(did_you_mean("Zebrafish", names).empty());
}

TEST_CASE("line_of returns one line without its newline, empty out of range") {
    CHECK(line_of("a\nbb\r\nccc", 2) == "bb");
    CHECK(line_of("a\nbb\r\nccc", 3) == "ccc");
    CHECK(line_of("a", 0).empty());
    CHECK(line_of("a", 2).empty());
}

TEST_CASE("the catalogue words each message once") {
    CHECK(format_diagnostic(errors::unknown_name("drug", "lapatinb", {"lapatinib", "trastuzumab"})) ==
          "error: unknown drug 'lapatinb'\nnote: did you mean 'lapatinib'?\nknown drugs: lapatinib, trastuzumab");
    CHECK(format_diagnostic(errors::unknown_name("context", "x", {})) ==
          "error: unknown context 'x'\nnote: the model defines no contexts");
    CHECK(errors::conflicting_fixes("--ko A", "A", false, "drug 'd'", true).message ==
          "conflicting perturbations: --ko A holds 'A' at 0 but drug 'd' holds it at 1");
    CHECK(errors::unknown_condition_key("drg", "drg=x").note == "did you mean 'drug'?");
    CHECK(errors::unknown_condition_key("zzzzzz", "zzzzzz=x").note ==
          "keys: drug, context, mutation, ko, oe, fix, cut, scenario");
    CHECK(errors::unknown_method("bdd", {"auto", "sat"}).message == "unknown search method 'bdd' (known: auto, sat)");
    CHECK(errors::bad_fix("A=2").message == "--fix expects NAME=0 or NAME=1, got 'A=2'");
    CHECK(errors::cut_not_in_rule("A->B", "A", "B").message == "--cut A->B: 'A' does not appear in the rule of 'B'");
}

TEST_CASE("a message about a word of the user's conditions carries that word as its subject") {
    struct Row {
        Diagnostic d;
        std::string subject;
    };
    const Row rows[] = {
        {errors::unknown_name("drug", "trastuzumb", {"trastuzumab"}), "trastuzumb"},
        {errors::conflicting_fixes("--ko A", "A", false, "--oe A", true), "A"},
        {errors::conflicting_fixes("drug 'herceptin'", "T", true, "--ko T", false, "herceptin"), "herceptin"},
        {errors::bad_fix("A=2"), "A=2"},
        {errors::bad_cut("AB"), "AB"},
        {errors::cut_not_in_rule("A->B", "A", "B"), "A"},
        {errors::general("--min and --max exclude each other"), ""},
    };
    for (const auto& row : rows) {
        CAPTURE(row.d.message);
        CHECK(row.d.subject == row.subject);
    }
}

TEST_CASE("each shape of message renders as the readers and options print it") {
    struct Row {
        Diagnostic d;
        std::string expected;
    };
    // The readers add the source line; with it the caret shows each message's span.
    auto shown = [](Diagnostic d, std::string line) {
        d.source_line = std::move(line);
        return d;
    };
    const Row rows[] = {
        {errors::general("--min and --max exclude each other"), "error: --min and --max exclude each other"},
        {errors::in_file("m.bnet", "is empty: expected a model", "a hint"),
         "m.bnet: error: is empty: expected a model\nnote: a hint"},
        {errors::located({"m.bnet", 2, 3}, "bad", "A, B", 2), "m.bnet:2:3: error: bad\n    2 | A, B\n      |   ^~"},
        {errors::approximate(errors::located({"m.yaml", 4, 1}, "odd")),
         "m.yaml:4:1: error: odd (position approximate)"},
        {errors::approximate(errors::general("odd"), false), "error: odd"},
        {errors::unknown_variable_in({"m.yaml", 1, 1}, "Raz", "readout 'R'", {"Ras"}),
         "m.yaml:1:1: error: unknown variable 'Raz' in readout 'R'\nnote: did you mean 'Ras'?"},
        {errors::unknown_among("response method", "exakt", {"auto", "exact", "sample"}),
         "error: unknown response method 'exakt' (known: auto, exact, sample)"},
        {errors::unknown_expected("layout", "dott", {"auto", "dot", "neato"}),
         "error: unknown layout 'dott': expected auto, dot or neato"},
        {errors::unknown_expected("image format", ".gif", {".svg", ".png"}, "a.gif"),
         "a.gif: error: unknown image format '.gif': expected .svg or .png"},
        {errors::unknown_name_hint("scenario", "sensitiv", {"sensitive", "resistant"}),
         "error: unknown scenario 'sensitiv'\nnote: did you mean 'sensitive'?"},
        {errors::unsupported({"m.bnet", 1, 4}, "BoolNet temporal operator 'sumgt'", "A, sumgt(B)", 5, "why"),
         "m.bnet:1:4: error: BoolNet temporal operator 'sumgt' is not supported\n    1 | A, sumgt(B)\n      |    "
         "^~~~~\nnote: why"},
        {errors::unsupported({"m.bnet"}, "networks ('x')", "", 1, "", true),
         "m.bnet: error: networks ('x') are not supported"},
        {errors::nothing_declared("m.bnd", "'Node' declarations", "at least one node"),
         "m.bnd: error: no 'Node' declarations: expected at least one node"},
        {errors::cannot_write("out/x", "Permission denied"), "out/x: error: cannot write: Permission denied"},
        // The YAML reader's messages.
        {shown(errors::duplicate_key({"m.yaml", 3, 3}, "Ras", 1), "  Ras: 1"),
         "m.yaml:3:3: error: duplicate key 'Ras' (first at line 1)\n    3 |   Ras: 1\n      |   ^~~"},
        {errors::unknown_key({"m.yaml", 2, 3}, "rul", "variable 'A'", {"rule", "default"}),
         "m.yaml:2:3: error: unknown key 'rul' in variable 'A'\nnote: did you mean 'rule'?"},
        {errors::unknown_key({"m.yaml", 2, 3}, "zzzz", "variable 'A'", {"rule", "default"}),
         "m.yaml:2:3: error: unknown key 'zzzz' in variable 'A'\nnote: expected one of: rule, default"},
        {errors::default_on_rule({"m.yaml", 4, 5}, "A"),
         "m.yaml:4:5: error: 'default' is only allowed on inputs, and 'A' has a rule; remove the rule or the default"},
        {shown(errors::invalid_model_name({"m.yaml", 1, 7}, "my model"), "name: my model"),
         "m.yaml:1:7: error: invalid model name 'my model': expected letters, digits, '_' and '-'\n    1 | name: my "
         "model\n      |       ^~~~~~~~"},
        {errors::unknown_initial_variable({"m.yaml", 9, 14}, "Raz", "scenario 's'", {"Ras"}),
         "m.yaml:9:14: error: unknown variable 'Raz' in 'initial' of scenario 's'\nnote: did you mean 'Ras'?"},
        {errors::unknown_expected_name({"m.yaml", 9, 14}, "Apoptosiz", "expect", "scenario 's'", {"Apoptosis"}),
         "m.yaml:9:14: error: unknown readout or variable 'Apoptosiz' in 'expect' of scenario 's'\nnote: did you mean "
         "'Apoptosis'?"},
        {errors::unknown_used_name({"m.yaml", 8, 12}, "drug", "lapatinb", "scenario 's'", {"lapatinib"}),
         "m.yaml:8:12: error: unknown drug 'lapatinb' in scenario 's'\nnote: did you mean 'lapatinib'?"},
        {errors::unknown_used_name({"m.yaml", 8, 12}, "drug", "zzzz", "scenario 's'", {"lapatinib", "trastuzumab"}),
         "m.yaml:8:12: error: unknown drug 'zzzz' in scenario 's'\nnote: known drugs: lapatinib, trastuzumab"},
        {errors::unknown_used_name({"m.yaml", 8, 12}, "context", "x", "scenario 's'", {}),
         "m.yaml:8:12: error: unknown context 'x' in scenario 's'"},
        // The MaBoSS reader's messages.
        {shown(errors::invalid_node_name({"m.bnd", 1, 6}, 2, "1A"), "Node 1A {"),
         "m.bnd:1:6: error: invalid node name '1A'\n    1 | Node 1A {\n      |      ^~"},
        {errors::node_declared_twice({"m.bnd", 5, 6}, 1, "A"), "m.bnd:5:6: error: node 'A' is declared twice"},
        {shown(errors::unknown_node({"m.bnd", 2, 11}, 3, "Raz", {"Ras"}), "  logic = Raz;"),
         "m.bnd:2:11: error: unknown node 'Raz'\n    2 |   logic = Raz;\n      |           ^~~\nnote: did you mean "
         "'Ras'?"},
        {errors::undefined_parameter({"m.bnd", 3, 13}, 2, "u"), "m.bnd:3:13: error: undefined parameter '$u'"},
        {errors::state_in_configuration({"m.cfg", 1, 5}, 1, "@logic"),
         "m.cfg:1:5: error: '@logic' in a configuration value: expected numbers and '$parameters' only"},
        {errors::rate_reads_too_many({"m.bnd", 3, 3}, 7, "rate_up", "A", 13, 12),
         "m.bnd:3:3: error: rate_up of 'A' reads 13 nodes: at most 12 are supported in a rate"},
        {errors::invalid_rate({"m.bnd", 3, 3}, 7, "rate_up", "A", true),
         "m.bnd:3:3: error: rate_up of 'A' is negative in some states: expected a rate >= 0"},
        {errors::invalid_rate({"m.bnd", 3, 3}, 9, "rate_down", "A", false),
         "m.bnd:3:3: error: rate_down of 'A' is not a number in some states: expected a rate >= 0"},
        {errors::missing_attribute({"m.bnd", 3, 13}, 2, "A", "k"), "m.bnd:3:13: error: node 'A' has no attribute 'k'"},
        {errors::circular_attribute({"m.bnd", 3, 13}, 2, "k"),
         "m.bnd:3:13: error: '@k' refers to itself or to a rate: not supported"},
        {errors::logic_constant({"m.bnd", 2, 11}, 1, "2"),
         "m.bnd:2:11: error: a logic constant must be 0 or 1, found '2'"},
        {errors::reference_in_logic({"m.bnd", 2, 11}, 2, "u", false),
         "m.bnd:2:11: error: parameters ('$u') in a logic are not supported by bitsig"},
        {errors::reference_in_logic({"m.bnd", 2, 11}, 2, "k", true),
         "m.bnd:2:11: error: attributes ('@k') in a logic are not supported by bitsig"},
        {errors::arithmetic_in_logic({"m.bnd", 2, 11}, 1),
         "m.bnd:2:11: error: arithmetic and comparisons in a logic are not supported by bitsig: expected a Boolean "
         "formula"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.expected);
        CHECK(format_diagnostic(row.d) == row.expected);
    }
    CHECK(errors::invalid_variable_name("1A") ==
          "invalid variable name '1A': expected letters, digits and '_', starting with a letter or '_'");
}
}
