// SPDX-License-Identifier: MIT
// Interop: SBML-qual read/write, the BooleanNet reader, and BoolNet's attractor order.
// Round trips compare every rule as a function (truth tables over both supports), never as
// text; BoolNet's order is checked against a literal replay of its exhaustive search (from
// every state in code order, follow the reference evaluator until a state repeats), which
// shares no code with the engine's memoised walk.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "analysis/regulation.hpp"
#include "attractor/order.hpp"
#include "attractor/search.hpp"
#include "core/error.hpp"
#include "expr/parse.hpp"
#include "io/bnet.hpp"
#include "io/booleannet.hpp"
#include "io/sbml.hpp"
#include "io/source.hpp"
#include "model/network.hpp"
#include "oracle/oracle.hpp"
#include "paths.hpp"

namespace {

namespace fs = std::filesystem;
using bitsig::Expr;
using bitsig::Network;
using bitsig::State;
using bitsig::VarId;

// Same function over the union of both supports (at most 20 variables in these tests).
bool same_function(const Expr& a, const Expr& b) {
    std::vector<VarId> support = a.support(), other = b.support();
    support.insert(support.end(), other.begin(), other.end());
    std::sort(support.begin(), support.end());
    support.erase(std::unique(support.begin(), support.end()), support.end());
    REQUIRE(support.size() <= bitsig::kExactSignLimit);
    return bitsig::truth_table(a, support) == bitsig::truth_table(b, support);
}

// Every rule of `back` is the same function as in `original`, and the variables match.
void check_same_rules(const Network& original, const Network& back) {
    REQUIRE(back.names() == original.names());
    for (std::uint32_t i = 0; i < original.num_vars(); ++i) {
        VarId v{i};
        CAPTURE(original.name(v));
        CHECK(back.is_input(v) == original.is_input(v));
        CHECK(back.is_constant(v) == original.is_constant(v));
        CHECK(same_function(original.rule(v), back.rule(v)));
    }
}

// A network from `name, rule` pairs written in bitsig syntax.
Network rules(const std::string& bnet) { return bitsig::read_bnet("targets, factors\n" + bnet, "expected.bnet"); }

// One-species-per-line SBML-qual document: species A, B (Boolean), and a transition for B
// whose function terms are given as MathML, with the given default level.
std::string qual_doc(const std::string& terms, int default_level = 0, const std::string& extra_species = "") {
    return R"(<?xml version="1.0" encoding="UTF-8"?>
<sbml xmlns="http://www.sbml.org/sbml/level3/version1/core" xmlns:qual="http://www.sbml.org/sbml/level3/version1/qual/version1" level="3" version="1" qual:required="true">
<model id="m">
<listOfCompartments><compartment id="c" constant="true"/></listOfCompartments>
<qual:listOfQualitativeSpecies>
<qual:qualitativeSpecies qual:id="A" qual:compartment="c" qual:constant="false" qual:maxLevel="1"/>
<qual:qualitativeSpecies qual:id="B" qual:compartment="c" qual:constant="false" qual:maxLevel="1"/>
)" + extra_species +
           R"(</qual:listOfQualitativeSpecies>
<qual:listOfTransitions>
<qual:transition qual:id="tB">
<qual:listOfInputs><qual:input qual:id="thA" qual:qualitativeSpecies="A" qual:thresholdLevel="1" qual:transitionEffect="none"/></qual:listOfInputs>
<qual:listOfOutputs><qual:output qual:qualitativeSpecies="B" qual:transitionEffect="assignmentLevel"/></qual:listOfOutputs>
<qual:listOfFunctionTerms>
<qual:defaultTerm qual:resultLevel=")" +
           std::to_string(default_level) + R"("/>
)" + terms +
           R"(
</qual:listOfFunctionTerms>
</qual:transition>
</qual:listOfTransitions>
</model>
</sbml>
)";
}

std::string term(int level, const std::string& math) {
    return "<qual:functionTerm qual:resultLevel=\"" + std::to_string(level) +
           "\"><math xmlns=\"http://www.w3.org/1998/Math/MathML\">" + math + "</math></qual:functionTerm>";
}

// BoolNet's order, replayed literally: for every state in code order, follow synchronous
// steps (reference evaluator) until a state repeats; the cycle found is an attractor,
// new or not. Returns the attractors as lists of codes, each rotated to its smallest
// code, in order of discovery, then stably sorted by length.
std::vector<std::vector<std::uint64_t>> boolnet_replay(const Network& net) {
    const std::size_t n = net.num_vars();
    auto step = [&](std::uint64_t code) {
        std::vector<bool> s(n);
        for (std::size_t i = 0; i < n; ++i) s[i] = (code >> i) & 1;
        std::uint64_t next = 0;
        for (std::size_t i = 0; i < n; ++i)
            if (bitsig::evaluate(net.rule(VarId{static_cast<std::uint32_t>(i)}), s)) next |= std::uint64_t{1} << i;
        return next;
    };
    std::vector<std::vector<std::uint64_t>> found;
    std::set<std::uint64_t> seen;  // smallest code of each attractor found
    for (std::uint64_t start = 0; start < (std::uint64_t{1} << n); ++start) {
        std::map<std::uint64_t, std::size_t> position;
        std::vector<std::uint64_t> path;
        std::uint64_t s = start;
        while (!position.contains(s)) {
            position[s] = path.size();
            path.push_back(s);
            s = step(s);
        }
        std::vector<std::uint64_t> cycle(path.begin() + static_cast<std::ptrdiff_t>(position[s]), path.end());
        std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
        if (seen.insert(cycle.front()).second) found.push_back(cycle);
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
    return found;
}

std::vector<std::vector<std::uint64_t>> codes_of(const bitsig::Result& r) {
    std::vector<std::vector<std::uint64_t>> out;
    for (const auto& a : r.attractors) {
        std::vector<std::uint64_t> codes;
        for (const State& s : a.states) codes.push_back(s.index());
        out.push_back(codes);
    }
    return out;
}

const fs::path kData = fs::path(BITSIG_SOURCE_DIR) / "tests" / "data";

}  // namespace

TEST_SUITE("io_interop") {

TEST_CASE("sbml: writing and reading back keeps every rule's function on random networks") {
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        CAPTURE(seed);
        Network net = bitsig::oracle::random_network(3 + seed % 10, 1 + seed % 5, seed);
        std::string text = bitsig::write_sbml(net);
        Network back = bitsig::read_sbml(text, "back.sbml");
        check_same_rules(net, back);
        CHECK(back.model_name() == net.model_name());
    }
}

TEST_CASE("sbml: writing and reading back keeps every rule's function on the small BBM models") {
    const fs::path models = fs::path(BITSIG_SHARED_DIR) / "models" / "bbm";
    if (!fs::is_directory(models)) {
        MESSAGE("skipped: no BBM models in " << models.string());
        return;
    }
    // The small files keep this quick; `bitsig convert` round-trips all 286 (checked by hand:
    // about 30 s each way through the CLI, most of it the two 20 MB documents of 079 and 248).
    std::size_t checked = 0;
    for (const auto& entry : fs::directory_iterator(models)) {
        if (entry.path().extension() != ".bnet" || fs::file_size(entry.path()) > 3000) continue;
        CAPTURE(entry.path().filename().string());
        Network net = bitsig::load_network(entry.path().string());
        bool small = true;
        for (const auto& v : net.variables()) small = small && v.rule.support().size() <= bitsig::kExactSignLimit;
        if (!small) continue;
        check_same_rules(net, bitsig::read_sbml(bitsig::write_sbml(net), "back.sbml"));
        ++checked;
    }
    MESSAGE(checked << " BBM models round-tripped through SBML-qual");
    CHECK(checked > 20);
}

TEST_CASE("sbml: xor, constants and inputs survive a round trip") {
    Network net = rules("A, A\nB, A ^ C\nC, 1\nD, 0\nE, !(A & B) | (C ^ D ^ A)\n");
    Network back = bitsig::read_sbml(bitsig::write_sbml(net), "x.sbml");
    check_same_rules(net, back);
    CHECK(back.is_input(VarId{0}));
    CHECK(back.is_constant(VarId{2}));
    CHECK(back.rule(VarId{2}).constant_value());
    CHECK(back.is_constant(VarId{3}));
    CHECK(!back.rule(VarId{3}).constant_value());
}

TEST_CASE("sbml: generated ids never collide with a species named like them") {
    Network net = rules("tr_A, A\nA, tr_A\ntr_A_out, A & tr_A\n");
    Network back = bitsig::read_sbml(bitsig::write_sbml(net), "ids.sbml");
    check_same_rules(net, back);
}

TEST_CASE("sbml: every spelling of a comparison with level 0 or 1 gives the same literal") {
    struct Case {
        const char* math;
        const char* rule;  // B's rule, in bitsig syntax over A and B
    };
    // clang-format off
    const Case cases[] = {
        {"<apply><eq/><ci>A</ci><cn type='integer'>1</cn></apply>", "A"},
        {"<apply><geq/><ci>A</ci><cn type='integer'>1</cn></apply>", "A"},
        {"<apply><gt/><ci>A</ci><cn type='integer'>0</cn></apply>", "A"},
        {"<apply><neq/><ci>A</ci><cn type='integer'>0</cn></apply>", "A"},
        {"<apply><leq/><cn type='integer'>1</cn><ci>A</ci></apply>", "A"},
        {"<apply><geq/><ci>A</ci><ci>thA</ci></apply>", "A"},
        {"<apply><gt/><ci>A</ci><cn>0.5</cn></apply>", "A"},
        {"<apply><eq/><ci>A</ci><cn type='integer'>0</cn></apply>", "!A"},
        {"<apply><lt/><ci>A</ci><ci>thA</ci></apply>", "!A"},
        {"<apply><leq/><ci>A</ci><cn type='integer'>0</cn></apply>", "!A"},
        {"<apply><neq/><ci>A</ci><cn type='integer'>1</cn></apply>", "!A"},
        {"<apply><geq/><ci>A</ci><cn type='integer'>0</cn></apply>", "1"},
        {"<apply><gt/><ci>A</ci><cn type='integer'>1</cn></apply>", "0"},
        {"<apply><eq/><ci>A</ci><ci>B</ci></apply>", "!(A ^ B)"},
        {"<apply><gt/><ci>A</ci><ci>B</ci></apply>", "A & !B"},
        {"<apply><eq/><cn type='integer'>0</cn><ci>A</ci><ci>B</ci></apply>", "!A & !B"},
        {"<apply><xor/><apply><eq/><ci>A</ci><cn type='integer'>1</cn></apply><apply><eq/><ci>B</ci><cn type='integer'>1</cn></apply></apply>", "A ^ B"},
        {"<apply><not/><apply><or/><apply><eq/><ci>A</ci><cn type='integer'>1</cn></apply><false/></apply></apply>", "!A"},
        {"<true/>", "1"},
    };
    // clang-format on
    for (const auto& c : cases) {
        CAPTURE(c.math);
        Network net = bitsig::read_sbml(qual_doc(term(1, c.math)), "cmp.sbml");
        Network expected = rules(std::string("A, A\nB, ") + c.rule + "\n");
        CHECK(same_function(net.rule(VarId{1}), expected.rule(VarId{1})));
    }
}

TEST_CASE("sbml: the default level decides which function terms define the rule") {
    const std::string a_on = "<apply><eq/><ci>A</ci><cn type='integer'>1</cn></apply>";
    const std::string b_on = "<apply><eq/><ci>B</ci><cn type='integer'>1</cn></apply>";
    struct Case {
        std::string terms;
        int fallback;
        const char* rule;
    };
    const Case cases[] = {
        {term(1, a_on) + term(1, b_on), 0, "A | B"},
        {term(0, a_on) + term(0, b_on), 1, "!A & !B"},
        {term(1, a_on) + term(0, b_on), 0, "A"},  // a term of the default level adds nothing
        {"", 1, "1"},
        {"", 0, "0"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.rule);
        Network net = bitsig::read_sbml(qual_doc(c.terms, c.fallback), "default.sbml");
        CHECK(same_function(net.rule(VarId{1}), rules(std::string("A, A\nB, ") + c.rule + "\n").rule(VarId{1})));
    }
}

TEST_CASE("sbml: constant species are constants and untouched species are inputs with their initial level as default") {
    std::string extra =
        R"(<qual:qualitativeSpecies qual:id="K" qual:compartment="c" qual:constant="true" qual:initialLevel="1" qual:maxLevel="1"/>
<qual:qualitativeSpecies qual:id="U" qual:compartment="c" qual:constant="false" qual:initialLevel="1" qual:maxLevel="1"/>
)";
    Network net = bitsig::read_sbml(qual_doc(term(1, "<apply><eq/><ci>A</ci><cn>1</cn></apply>"), 0, extra), "k.sbml");
    REQUIRE(net.num_vars() == 4);
    CHECK(net.is_input(VarId{0}));
    CHECK(net.is_constant(VarId{2}));
    CHECK(net.rule(VarId{2}).constant_value());
    // Nothing changes U, so its initial level is the value it keeps: the input's default.
    CHECK(net.is_input(VarId{3}));
    CHECK(net.variable(VarId{3}).default_value == std::optional<bool>(true));
    // Written back, the default is an initial level again.
    Network back = bitsig::read_sbml(bitsig::write_sbml(net), "k2.sbml");
    CHECK(back.variable(VarId{3}).default_value == std::optional<bool>(true));
    CHECK(!back.variable(VarId{0}).default_value.has_value());
}

TEST_CASE("sbml: species names become variable names when every species has a distinct one") {
    auto doc = [](const std::string& name_a, const std::string& name_b) {
        return R"(<?xml version="1.0" encoding="UTF-8"?>
<sbml xmlns="http://www.sbml.org/sbml/level3/version1/core" xmlns:qual="http://www.sbml.org/sbml/level3/version1/qual/version1" level="3" version="1" qual:required="true">
<model id="m"><listOfCompartments><compartment id="c" constant="true"/></listOfCompartments>
<qual:listOfQualitativeSpecies>
<qual:qualitativeSpecies qual:id="n1" qual:name=")" +
               name_a + R"(" qual:compartment="c" qual:constant="false" qual:maxLevel="1"/>
<qual:qualitativeSpecies qual:id="n2" qual:name=")" +
               name_b + R"(" qual:compartment="c" qual:constant="false" qual:maxLevel="1"/>
</qual:listOfQualitativeSpecies>
<qual:listOfTransitions><qual:transition qual:id="t">
<qual:listOfOutputs><qual:output qual:qualitativeSpecies="n2" qual:transitionEffect="assignmentLevel"/></qual:listOfOutputs>
<qual:listOfFunctionTerms><qual:defaultTerm qual:resultLevel="0"/><qual:functionTerm qual:resultLevel="1">
<math xmlns="http://www.w3.org/1998/Math/MathML"><apply><eq/><ci>n1</ci><cn>0</cn></apply></math>
</qual:functionTerm></qual:listOfFunctionTerms></qual:transition></qual:listOfTransitions>
</model></sbml>
)";
    };
    struct Case {
        std::string a, b;
        std::vector<std::string> names;
    };
    const Case cases[] = {
        {"AKT", "IL-2 receptor", {"AKT", "IL_2_receptor"}},  // CellCollective style: ids n1, n2
        {"IL-2", "IL_2", {"n1", "n2"}},                      // the same once made names: ids
        {"4EBP1", "mTOR", {"_4EBP1", "mTOR"}},
        {"and", "B", {"n1", "n2"}},  // a keyword: ids
    };
    for (const auto& c : cases) {
        CAPTURE(c.a);
        Network net = bitsig::read_sbml(doc(c.a, c.b), "names.sbml");
        CHECK(net.names() == c.names);
        CHECK(same_function(net.rule(VarId{1}), rules("A, A\nB, !A\n").rule(VarId{1})));
    }
    Network named = bitsig::read_sbml(doc("AKT", "IL-2 receptor"), "names.sbml");
    CHECK(named.variable(VarId{0}).description.empty());
    CHECK(named.variable(VarId{1}).description == "IL-2 receptor");
}

TEST_CASE("sbml: what cannot be read is refused with its location and the species or transition") {
    struct Case {
        const char* name;
        std::string text;
        const char* expected;
    };
    const std::string species_2 =
        R"(<qual:qualitativeSpecies qual:id="M" qual:compartment="c" qual:constant="false" qual:maxLevel="2"/>
)";
    // clang-format off
    const Case cases[] = {
        {"multi-valued species", qual_doc("", 0, species_2),
         "bad.sbml:8:98: error: qualitative species 'M' has maxLevel 2: only Boolean species (maxLevel 1) are supported\n"
         "    8 | <qual:qualitativeSpecies qual:id=\"M\" qual:compartment=\"c\" qual:constant=\"false\" qual:maxLevel=\"2\"/>\n"
         "      |                                                                                                  ^\n"
         "note: multi-valued models can be Booleanized first, e.g. with bioLQM's booleanize"},
        {"unknown name in math", qual_doc(term(1, "<apply><eq/><ci>Z</ci><cn>1</cn></apply>")),
         "bad.sbml:15:40: error: unknown name 'Z' in a function term of transition 'tB': expected a qualitative species or an input with a thresholdLevel\n"
         "   15 | <qual:functionTerm qual:resultLevel=\"1\"><math xmlns=\"http://www.w3.org/1998/Math/MathML\"><apply><eq/...\n"
         "      |                                        ^\n"
         "note: did you mean 'A'?"},
        {"result level above 1", qual_doc(term(2, "<true/>")),
         "bad.sbml:15:40: error: function term of transition 'tB' has resultLevel 2: expected 0 or 1\n"
         "   15 | <qual:functionTerm qual:resultLevel=\"2\"><math xmlns=\"http://www.w3.org/1998/Math/MathML\"><true/></ma...\n"
         "      |                                        ^"},
        {"piecewise math", qual_doc(term(1, "<piecewise><piece><true/><true/></piece></piecewise>")),
         "bad.sbml:15:40: error: unsupported math 'piecewise(true, true)' in a function term of transition 'tB': expected and, or, xor, not, a comparison, true or false\n"
         "   15 | <qual:functionTerm qual:resultLevel=\"1\"><math xmlns=\"http://www.w3.org/1998/Math/MathML\"><piecewise>...\n"
         "      |                                        ^"},
        {"not XML", "<sbml",
         "bad.sbml:1:6: error: invalid SBML: XML content is not well-formed."},
    };
    // clang-format on
    for (const auto& c : cases) {
        CAPTURE(c.name);
        CHECK_THROWS_WITH_AS(bitsig::read_sbml(c.text, "bad.sbml"), c.expected, bitsig::InputError);
    }
}

TEST_CASE("sbml: the hand-written Faure 2006 cell cycle has the rules of the paper's Table 1") {
    Network paper =
        bitsig::load_network((fs::path(BITSIG_SOURCE_DIR) / "networks" / "faure2006_cell_cycle.yaml").string());
    Network sbml = bitsig::load_network((kData / "sbml" / "faure2006_cell_cycle_ginsim_style.sbml").string());
    CHECK(sbml.model_name() == "faure2006_cell_cycle");
    check_same_rules(paper, sbml);
}

TEST_CASE("sbml: the hand-written Giacomantonio 2010 cortical network has the paper's rules and two stable states") {
    Network sbml = bitsig::load_network((kData / "sbml" / "giacomantonio2010_cortical_area.sbml").string());
    Network paper =
        rules("Fgf8, Fgf8 & Sp8 & !Emx2\nEmx2, Coup_tfi & !Fgf8 & !Sp8 & !Pax6\nPax6, Sp8 & !Emx2 & !Coup_tfi\n"
              "Coup_tfi, !Fgf8 & !Sp8\nSp8, Fgf8 & !Emx2\n");
    check_same_rules(paper, sbml);
    CHECK(sbml.variable(VarId{3}).description == "Coup-tfi");
    bitsig::Result r = bitsig::find_all_fixed_points(sbml, bitsig::SearchOptions{}, bitsig::Control{});
    REQUIRE(r.attractors.size() == 2);
    CHECK(r.attractors[0].states[0].to_string() == "01010");  // posterior: Emx2, Coup-tfi
    CHECK(r.attractors[1].states[0].to_string() == "10101");  // anterior: Fgf8, Pax6, Sp8
}

TEST_CASE("sbml: the hand-written CellCollective-style Orlando 2008 network reads with gene names") {
    Network sbml = bitsig::load_network((kData / "sbml" / "orlando2008_cell_cycle_transcription.sbml").string());
    Network paper = rules("ACE2, SFF\nCLN3, SWI5 & ACE2 & !(YOX1 | YHP1)\nHCM1, MBF & SBF\nMBF, CLN3\n"
                          "SBF, (MBF | CLN3) & !(YHP1 | YOX1)\nSFF, SBF & HCM1\nSWI5, SFF\nYHP1, SBF | MBF\n"
                          "YOX1, MBF & SBF\n");
    check_same_rules(paper, sbml);
    // The same network as the BBM collection's copy (variables prefixed v_ there).
    const fs::path bbm = fs::path(BITSIG_SHARED_DIR) / "models" / "bbm" / "031_CELL-CYCLE-TRANSCRIPTION.bnet";
    if (!fs::exists(bbm)) {
        MESSAGE("skipped the BBM comparison: no " << bbm.string());
        return;
    }
    Network collection = bitsig::load_network(bbm.string());
    std::string renamed = "targets, factors\n";
    for (std::uint32_t i = 0; i < sbml.num_vars(); ++i)
        renamed += "v_" + sbml.name(VarId{i}) + ", " + [&] {
            std::string text = bitsig::to_string(sbml.rule(VarId{i}), sbml.names(), bitsig::Syntax::bnet);
            std::string out;
            for (std::size_t k = 0; k < text.size(); ++k) {
                bool starts = std::isalpha(static_cast<unsigned char>(text[k])) &&
                              (k == 0 || !std::isalnum(static_cast<unsigned char>(text[k - 1])));
                if (starts) out += "v_";
                out += text[k];
            }
            return out;
        }() + "\n";
    check_same_rules(collection, bitsig::read_bnet(renamed, "renamed.bnet"));
}

TEST_CASE("sbml: .sbml and .xml files load through the common model loader") {
    CHECK(bitsig::format_for_path("m.sbml") == bitsig::ModelFormat::sbml);
    CHECK(bitsig::format_for_path("M.XML") == bitsig::ModelFormat::sbml);
    CHECK(bitsig::format_for_path("m.booleannet") == bitsig::ModelFormat::booleannet);
    CHECK(bitsig::format_for_path("m.bn") == bitsig::ModelFormat::booleannet);
}

TEST_CASE("booleannet: rules, comments, initial values and ranks") {
    const char* text = "# a toggle with an input\n"
                       "A = B = False\n"
                       "S = True   # signal, never updated\n"
                       "R = Random\n"
                       "1: A* = S and not B\n"
                       "B* = (not A) or R   # comment\n"
                       "C* = A and Z\n";
    Network net = bitsig::read_booleannet(text, "toggle.booleannet");
    CHECK(net.model_name() == "toggle");
    REQUIRE(net.names() == std::vector<std::string>{"A", "B", "S", "R", "C", "Z"});
    Network expected = rules("A, S & !B\nB, !A | R\nS, S\nR, R\nC, A & Z\nZ, Z\n");
    check_same_rules(expected, net);
    CHECK(net.variable(VarId{2}).default_value == std::optional<bool>(true));
    CHECK(!net.variable(VarId{3}).default_value.has_value());
    CHECK(!net.variable(VarId{5}).default_value.has_value());
    CHECK(net.variables()[1].where.line == 2);
    std::vector<std::string> warnings;
    for (const auto& w : net.warnings()) warnings.push_back(bitsig::format_diagnostic(w));
    CHECK(warnings ==
          std::vector<std::string>{
              "toggle.booleannet: warning: 1 variable(s) have neither an update rule nor an initial value and are "
              "treated as inputs (they keep their value): Z",
              "toggle.booleannet: warning: 1 rank prefix(es) ('N:') ignored: they only order BooleanNet's "
              "asynchronous updates",
              "toggle.booleannet: warning: 2 initial value(s) of variables with update rules ignored: bitsig "
              "searches every state"});
}

TEST_CASE("booleannet: mistakes are located") {
    struct Case {
        const char* name;
        const char* text;
        const char* expected;
    };
    // clang-format off
    const Case cases[] = {
        {"no rules", "A = True\n", "n.booleannet: error: no update rules: expected lines such as 'A* = B and not C'"},
        {"rule without star", "A* = B\nB = A and C\n",
         "n.booleannet:2:5: error: expected True, False or Random as an initial value\n"
         "    2 | B = A and C\n"
         "      |     ^~~~~~~\n"
         "note: an update rule needs a '*' after its target: 'A* = ...'"},
        {"bad target", "2A* = B\n",
         "n.booleannet:1:1: error: invalid variable name '2A': expected letters, digits and '_', starting with a letter or '_'\n"
         "    1 | 2A* = B\n"
         "      | ^~"},
        {"rule syntax", "A* = B and\n",
         "n.booleannet:1:11: error: unexpected end of rule: expected a name, '!', '(' or a constant\n"
         "    1 | A* = B and\n"
         "      |           ^"},
    };
    // clang-format on
    for (const auto& c : cases) {
        CAPTURE(c.name);
        CHECK_THROWS_WITH_AS(bitsig::read_booleannet(c.text, "n.booleannet"), c.expected, bitsig::InputError);
    }
}

TEST_CASE("order: BoolNet codes put the first variable in the lowest bit, 32 variables a word") {
    CHECK(bitsig::boolnet_code(State::from_string("100")) == std::vector<std::uint32_t>{1});
    CHECK(bitsig::boolnet_code(State::from_string("0011")) == std::vector<std::uint32_t>{12});
    State wide(40);
    wide.set(33, true);
    wide.set(0, true);
    CHECK(bitsig::boolnet_code(wide) == std::vector<std::uint32_t>{1, 2});
}

TEST_CASE("order: the BoolNet order matches a replay of BoolNet's exhaustive search on random networks") {
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        CAPTURE(seed);
        Network net = bitsig::oracle::random_network(2 + seed % 9, 1 + seed % 4, seed);
        bitsig::Result r = bitsig::find_attractors(net, bitsig::SearchOptions{}, bitsig::Control{});
        REQUIRE(r.complete);
        bitsig::order_attractors(r, net, bitsig::AttractorOrder::boolnet, bitsig::Control{});
        CHECK(codes_of(r) == boolnet_replay(net));
        CHECK(r.notes.end() == std::find_if(r.notes.begin(), r.notes.end(),
                                            [](const std::string& n) { return n.starts_with("BoolNet order"); }));
    }
}

TEST_CASE("order: file order leaves the canonical result untouched") {
    Network net = bitsig::oracle::random_network(8, 3, 7);
    bitsig::Result r = bitsig::find_attractors(net, bitsig::SearchOptions{}, bitsig::Control{});
    auto before = codes_of(r);
    bitsig::order_attractors(r, net, bitsig::AttractorOrder::file, bitsig::Control{});
    CHECK(codes_of(r) == before);
}

TEST_CASE("order: asynchronous results are ordered by size and first code, with a note") {
    Network net = rules("A, A\nB, B\nC, !C & A | C & !A\n");
    bitsig::SearchOptions o;
    o.update = bitsig::UpdateScheme::asynchronous;
    bitsig::Result r = bitsig::find_attractors(net, o, bitsig::Control{});
    bitsig::order_attractors(r, net, bitsig::AttractorOrder::boolnet, bitsig::Control{});
    std::vector<std::vector<std::uint64_t>> expected{{0}, {2}, {4}, {6}, {1, 5}, {3, 7}};
    CHECK(codes_of(r) == expected);
    CHECK(r.notes.back().starts_with("BoolNet order: attractors of one length are ordered by the code"));
}

}  // TEST_SUITE
