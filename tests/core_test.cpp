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
}
