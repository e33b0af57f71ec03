// SPDX-License-Identifier: MIT
// Model files: the .bnet reader and writer, the strict YAML reader (every section, every
// error a user can make, verbatim), the YAML writer's round trip of every annotation, the
// file-level checks shared by all formats, and atomic output.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "io/bnet.hpp"
#include "io/source.hpp"
#include "io/text_lines.hpp"
#include "io/yaml.hpp"
#include "model/network.hpp"

namespace {

namespace fs = std::filesystem;
using bitsig::Network;
using bitsig::VarId;

std::string rule_of(const Network& net, const std::string& name) {
    auto v = net.find(name);
    REQUIRE(v.has_value());
    return bitsig::to_string(net.rule(*v), net.names());
}

Network bnet(const std::string& text) { return bitsig::read_bnet(text, "net.bnet"); }
Network yaml(const std::string& text) { return bitsig::read_yaml(text, "net.yaml"); }

// A fresh empty folder under the system temporary folder, removed at scope exit.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "bitsig-io-test-XXXXXX").string();
        std::vector<char> name(pattern.begin(), pattern.end());
        name.push_back('\0');
        REQUIRE(::mkdtemp(name.data()) != nullptr);
        path_ = name.data();
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }
    std::vector<std::string> entries() const {
        std::vector<std::string> out;
        for (const auto& e : fs::directory_iterator(path_)) out.push_back(e.path().filename().string());
        std::sort(out.begin(), out.end());
        return out;
    }

private:
    fs::path path_;
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void spit(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

// A model that uses every section and every key of FORMAT.md.
const char* const kFullYaml = R"(format: bitsig-network/1
name: full-model_1
description: |
  Two lines of
  description.
references:
  review: "Author et al. (2020). Title: subtitle. Journal. doi:10.1/x"
  canon: "Textbook, chapter 3"
variables:
  HER2:
    rule: "HER2_amp & !Trastuzumab"
    description: "full-length HER2 signalling"
    refs: ["review §2.1 [12]", "canon: HSP90 client"]
    module: receptors
  HER2_amp:
    default: 1
    module: genome
  Trastuzumab:
    default: 0
    module: drugs
    description: "trastuzumab bound to HER2"
  PTEN:
    rule: PTEN
  AKT:
    rule: 'HER2 and not PTEN'
    refs: canon
  MTOR:
    rule: "AKT ^ PTEN"
  Free:
drugs:
  trastuzumab:
    description: "anti-HER2 antibody"
    aliases: [herceptin, T-mab]
    sets: {Trastuzumab: 1}
    refs: ["review §2"]
  rapalog:
    sets: {MTOR: 0}
contexts:
  pten_loss:
    description: "PTEN deleted or inactivated"
    sets: {PTEN: 0}
    refs: ["review §2.2"]
readouts:
  Proliferation:
    rule: "MTOR & !PTEN"
    description: "cells cycle"
  Survival: "AKT | MTOR"
scenarios:
  C01b_trastuzumab:
    claim: C01
    description: "trastuzumab alone blocks growth"
    drugs: [trastuzumab]
    contexts: [pten_loss]
    fix: {MTOR: 0}
    update: sync
    expect: {Proliferation: 0, AKT: 1}
    known_disagreement: "the model cannot reproduce it"
  plain:
    drugs: [herceptin]
    update: async
)";

void check_full_model(const Network& net) {
    CHECK(net.model_name() == "full-model_1");
    CHECK(net.description() == "Two lines of\ndescription.\n");
    REQUIRE(net.references().size() == 2);
    CHECK(net.references().at("review") == "Author et al. (2020). Title: subtitle. Journal. doi:10.1/x");
    CHECK(net.references().at("canon") == "Textbook, chapter 3");

    const std::vector<std::string> names{"HER2", "HER2_amp", "Trastuzumab", "PTEN", "AKT", "MTOR", "Free"};
    REQUIRE(net.names() == names);
    CHECK(rule_of(net, "HER2") == "HER2_amp & !Trastuzumab");
    CHECK(rule_of(net, "AKT") == "HER2 & !PTEN");
    CHECK(rule_of(net, "MTOR") == "AKT ^ PTEN");
    for (const char* input : {"HER2_amp", "Trastuzumab", "PTEN", "Free"}) {
        CAPTURE(std::string(input));
        CHECK(net.is_input(*net.find(input)));
    }
    const auto& her2 = net.variable(VarId{0});
    CHECK(her2.description == "full-length HER2 signalling");
    CHECK(her2.refs == std::vector<std::string>{"review §2.1 [12]", "canon: HSP90 client"});
    CHECK(her2.module == "receptors");
    CHECK_FALSE(her2.default_value.has_value());
    CHECK(net.variable(VarId{1}).default_value == std::optional<bool>(true));
    CHECK(net.variable(VarId{2}).default_value == std::optional<bool>(false));
    CHECK(net.variable(VarId{2}).description == "trastuzumab bound to HER2");
    CHECK(net.variable(VarId{4}).refs == std::vector<std::string>{"canon"});

    REQUIRE(net.drugs().size() == 2);
    const auto& t = net.drugs()[0];
    CHECK(t.name == "trastuzumab");
    CHECK(t.description == "anti-HER2 antibody");
    CHECK(t.aliases == std::vector<std::string>{"herceptin", "T-mab"});
    CHECK(t.sets == std::vector<bitsig::Fix>{{VarId{2}, true}});
    CHECK(t.refs == std::vector<std::string>{"review §2"});
    CHECK(net.find_drug("herceptin") == &t);
    CHECK(net.find_drug("rapalog")->sets == std::vector<bitsig::Fix>{{VarId{5}, false}});
    CHECK(net.find_drug("nothing") == nullptr);

    REQUIRE(net.contexts().size() == 1);
    CHECK(net.contexts()[0].name == "pten_loss");
    CHECK(net.contexts()[0].description == "PTEN deleted or inactivated");
    CHECK(net.contexts()[0].sets == std::vector<bitsig::Fix>{{VarId{3}, false}});
    CHECK(net.contexts()[0].refs == std::vector<std::string>{"review §2.2"});

    REQUIRE(net.readouts().size() == 2);
    CHECK(net.readouts()[0].name == "Proliferation");
    CHECK(bitsig::to_string(net.readouts()[0].rule, net.names()) == "MTOR & !PTEN");
    CHECK(net.readouts()[0].description == "cells cycle");
    CHECK(net.readouts()[1].name == "Survival");
    CHECK(bitsig::to_string(net.readouts()[1].rule, net.names()) == "AKT | MTOR");

    REQUIRE(net.scenarios().size() == 2);
    const auto& s = net.scenarios()[0];
    CHECK(s.name == "C01b_trastuzumab");
    CHECK(s.claim == "C01");
    CHECK(s.description == "trastuzumab alone blocks growth");
    CHECK(s.drugs == std::vector<std::string>{"trastuzumab"});
    CHECK(s.contexts == std::vector<std::string>{"pten_loss"});
    CHECK(s.fixes == std::vector<bitsig::Fix>{{VarId{5}, false}});
    CHECK(s.update == bitsig::ScenarioUpdate::synchronous);
    REQUIRE(s.expect.size() == 2);
    CHECK(s.expect[0].name == "Proliferation");
    CHECK(s.expect[0].value == false);
    CHECK(s.expect[1].name == "AKT");
    CHECK(s.expect[1].value == true);
    CHECK(s.known_disagreement == "the model cannot reproduce it");
    const auto& plain = net.scenarios()[1];
    CHECK(plain.drugs == std::vector<std::string>{"herceptin"});
    CHECK(plain.update == bitsig::ScenarioUpdate::asynchronous);
    CHECK(plain.claim.empty());
    CHECK(plain.expect.empty());
}

// The YAML of a small model with one variable replaced by `variable` (indented 2).
std::string with_variables(const std::string& variables, const std::string& rest = "") {
    return "format: bitsig-network/1\nname: m\nvariables:\n" + variables + rest;
}

}  // namespace

TEST_SUITE("io") {
TEST_CASE("the line-based readers see numbered lines without comments, blanks or a byte order mark") {
    const std::string text = "\xEF\xBB\xBF# header\nA, B # why\r\n\n   \n  # only a comment\nB, !A";
    const std::vector<bitsig::io::TextLine> lines = bitsig::io::content_lines(text);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].number == 2);
    CHECK(lines[0].text == "A, B ");
    CHECK(lines[0].full == "A, B # why");
    CHECK(lines[1].number == 6);
    CHECK(lines[1].text == "B, !A");
    CHECK(bitsig::io::content_lines("").empty());
    CHECK(bitsig::io::trim(" \t a b \r") == "a b");
    CHECK(bitsig::io::file_stem("models/her2.v2.bnet") == "her2.v2");
    CHECK(bitsig::io::file_stem("plain") == "plain");
}

// ---------------------------------------------------------------------------------------
// .bnet

TEST_CASE("io: .bnet reads rules with or without a header and ignores comments") {
    const char* with_header = "# a comment line\n"
                              "targets, factors\n"
                              "A, B & !C   # trailing comment\n"
                              "\n"
                              "B, A | C\n"
                              "C, C\n";
    const char* without_header = "A, B & !C\nB, A | C\nC, C";
    const char* crlf = "targets,factors\r\nA, B & !C\r\nB, A | C\r\nC, C\r\n";
    const char* upper_header = "Targets , Factors\nA,B&!C\nB,A|C\nC,C\n";
    const char* byte_order_mark = "\xEF\xBB\xBFtargets, factors\nA, B & !C\nB, A | C\nC, C\n";
    for (const char* text : {with_header, without_header, crlf, upper_header, byte_order_mark}) {
        CAPTURE(std::string(text));
        Network net = bnet(text);
        CHECK(net.model_name() == "net");
        CHECK(net.source_file() == "net.bnet");
        REQUIRE(net.names() == std::vector<std::string>{"A", "B", "C"});
        CHECK(rule_of(net, "A") == "B & !C");
        CHECK(rule_of(net, "B") == "A | C");
        CHECK(net.is_input(VarId{2}));
        CHECK(net.warnings().empty());
    }
}

TEST_CASE("io: .bnet variables and rules keep their file positions") {
    Network net = bnet("# header comment\nA, B\nB, A\n");
    CHECK(net.variable(VarId{0}).where.file == "net.bnet");
    CHECK(net.variable(VarId{0}).where.line == 2);
    CHECK(net.variable(VarId{1}).where.line == 3);
    CHECK(net.variable(VarId{1}).where.column == 1);
}

TEST_CASE("io: .bnet reads constants and names that begin like keywords") {
    Network net = bnet("targets_of_p53, 1\nB, 0\nC, true\nD, FALSE\nandrogen, targets_of_p53 & !B\n");
    REQUIRE(net.num_vars() == 5);
    CHECK(net.name(VarId{0}) == "targets_of_p53");
    CHECK(net.is_constant(VarId{0}));
    CHECK(net.rule(VarId{0}).constant_value());
    CHECK(net.is_constant(VarId{1}));
    CHECK_FALSE(net.rule(VarId{1}).constant_value());
    CHECK(net.rule(VarId{2}).constant_value());
    CHECK_FALSE(net.rule(VarId{3}).constant_value());
    CHECK(rule_of(net, "androgen") == "targets_of_p53 & !B");
}

TEST_CASE("io: .bnet variables without a rule line become inputs with a warning") {
    Network net = bnet("A, X & !Y\nB, A | X\n");
    REQUIRE(net.names() == std::vector<std::string>{"A", "B", "X", "Y"});
    CHECK(net.is_input(*net.find("X")));
    CHECK(net.is_input(*net.find("Y")));
    REQUIRE(net.warnings().size() == 1);
    CHECK(net.warnings()[0].severity == bitsig::Severity::warning);
    CHECK(format_diagnostic(net.warnings()[0]) ==
          "net.bnet: warning: 2 variable(s) have no rule line and are treated as inputs "
          "(they keep their value): X, Y");

    std::string many = "A, ";
    for (int i = 0; i < 10; ++i) many += (i ? " | " : "") + std::string("in") + std::to_string(i);
    Network wide = bnet(many + "\n");
    REQUIRE(wide.warnings().size() == 1);
    CHECK(bitsig::format_diagnostic(wide.warnings()[0]) ==
          "net.bnet: warning: 10 variable(s) have no rule line and are treated as inputs "
          "(they keep their value): in0, in1, in2, in3, in4, in5, in6, in7, ... (10 in all)");
}

TEST_CASE("io: .bnet errors are reported verbatim") {
    struct Case {
        const char* name;
        const char* text;
        const char* expected;
    };
    // clang-format off
    const Case cases[] = {
        {"repeated target names both lines",
         "targets, factors\nA, B\nB, A\n# again:\nA, !B\n",
         "net.bnet:5:1: error: 'A' has a second rule (first at line 2)\n"
         "    5 | A, !B\n"
         "      | ^\n"
         "note: BoolNet reads one target on several lines as a probabilistic network, which bitsig does not "
         "support (other tools join the lines with '|'); write one rule for it"},
        {"bad header",
         "targets, fators\nA, B\n",
         "net.bnet:1:1: error: bad .bnet header 'targets, fators': expected 'targets, factors'\n"
         "    1 | targets, fators\n"
         "      | ^~~~~~~~~~~~~~~"},
        {"header without comma",
         "  targets factors\nA, B\n",
         "net.bnet:1:3: error: bad .bnet header 'targets factors': expected 'targets, factors'\n"
         "    1 |   targets factors\n"
         "      |   ^~~~~~~~~~~~~~~"},
        {"missing comma",
         "A, B\nB A\n",
         "net.bnet:2:1: error: expected 'target, rule' (a comma after the variable name)\n"
         "    2 | B A\n"
         "      | ^~~"},
        {"invalid target",
         "A, B\n2B, A\n",
         "net.bnet:2:1: error: invalid variable name '2B': expected letters, digits and '_', starting with a "
         "letter or '_'\n"
         "    2 | 2B, A\n"
         "      | ^~"},
        {"missing target",
         "A, B\n , A\n",
         "net.bnet:2:2: error: missing variable name before ','\n"
         "    2 |  , A\n"
         "      |  ^"},
        {"rule syntax",
         "A, B\nB, A &| A\n",
         "net.bnet:2:7: error: expected a name, '!', '(' or a constant, found '|'\n"
         "    2 | B, A &| A\n"
         "      |       ^"},
        {"empty rule",
         "A, B\nB,\n",
         "net.bnet:2:3: error: empty rule: expected an expression\n"
         "    2 | B,\n"
         "      |   ^"},
        {"only a header",
         "targets, factors\n# nothing else\n",
         "net.bnet: error: no 'target, rule' lines: expected at least one variable"},
        {"keyword as target",
         "and, B\n",
         "net.bnet:1:1: error: invalid variable name 'and': expected letters, digits and '_', starting with a "
         "letter or '_'\n"
         "    1 | and, B\n"
         "      | ^~~"},
    };
    // clang-format on
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        CHECK_THROWS_WITH_AS(bnet(c.text), c.expected, bitsig::InputError);
    }
}

TEST_CASE("io: .bnet writer prints a header and one line per variable without exclusive or") {
    Network net = bnet("A, B & !C\nB, A ^ C\nC, C\nD, 1\nE, 0 | A\n");
    CHECK(bitsig::write_bnet(net) == "targets, factors\n"
                                     "A, B & !C\n"
                                     "B, (A & !C | !A & C)\n"
                                     "C, C\n"
                                     "D, 1\n"
                                     "E, 0 | A\n");
    Network implicit = bnet("A, X\n");
    CHECK(bitsig::write_bnet(implicit) == "targets, factors\nA, X\nX, X\n");
}

TEST_CASE("io: .bnet writer refuses an exclusive-or whose expansion adds more than 1 MB, before building it") {
    // Each operand doubles the expansion: 16 operands fit, 17 do not, 64 would overflow a
    // 64-bit length if it were not saturated.
    auto xor_of = [](int n) {
        std::string rule;
        for (int i = 0; i < n; ++i) rule += (i ? " ^ " : "") + std::string("x") + std::to_string(i);
        return bnet("Y, " + rule + "\n");
    };
    CHECK(bitsig::write_bnet(xor_of(16)).size() < 1'000'000);
    // A long rule without '^' is written whatever its length (published models have 1.3 MB lines).
    std::string wide = "x0";
    for (int i = 1; i < 200'000; ++i) wide += " | x" + std::to_string(i);
    CHECK(bitsig::write_bnet(bnet("Y, " + wide + "\n")).size() > 2'000'000);
    CHECK_THROWS_WITH_AS(
        bitsig::write_bnet(xor_of(17)),
        "cannot write 'Y' as .bnet: .bnet has no '^', and expanding the exclusive-or in its rule "
        "into '&', '|' and '!' would take 2 MB (a rule may grow by at most 1 MB); write YAML instead (.yaml "
        "keeps '^')",
        bitsig::ResourceError);
    CHECK_THROWS_WITH_AS(
        bitsig::write_bnet(xor_of(100)),
        "cannot write 'Y' as .bnet: .bnet has no '^', and expanding the exclusive-or in its rule "
        "into '&', '|' and '!' would take more than 4 EB (a rule may grow by at most 1 MB); write YAML instead "
        "(.yaml keeps '^')",
        bitsig::ResourceError);
}

TEST_CASE("io: .bnet write then read keeps names and order and functions") {
    Network net = bnet("A, B & !C | D\nB, A ^ C ^ D\nC, !(A | B)\nD, D\nE, 1\n");
    Network back = bnet(bitsig::write_bnet(net));
    REQUIRE(back.names() == net.names());
    for (std::uint32_t i = 0; i < net.num_vars(); ++i) {
        CAPTURE(net.name(VarId{i}));
        for (std::uint32_t s = 0; s < 32; ++s) {
            std::vector<bool> state(5);
            for (std::size_t j = 0; j < 5; ++j) state[j] = (s >> j) & 1;
            CHECK(bitsig::evaluate(back.rule(VarId{i}), state) == bitsig::evaluate(net.rule(VarId{i}), state));
        }
    }
    CHECK(back.warnings().empty());
    // Writing is a fixed point after one round (the first may still lose parentheses).
    std::string once = bitsig::write_bnet(back);
    CHECK(bitsig::write_bnet(bnet(once)) == once);
}

// ---------------------------------------------------------------------------------------
// YAML reader

TEST_CASE("io: YAML reads every section of the format") { check_full_model(yaml(kFullYaml)); }

TEST_CASE("io: YAML variables keep their file positions") {
    Network net = yaml(kFullYaml);
    CHECK(net.variable(VarId{0}).where.line == 10);
    CHECK(net.variable(VarId{0}).where.column == 3);
    CHECK(net.variable(VarId{6}).where.line == 29);
}

TEST_CASE("io: YAML rules accept plain and quoted and block scalars") {
    Network net = yaml(with_variables("  A:\n    rule: B and not C\n"
                                      "  B:\n    rule: 'A | C'\n"
                                      "  C:\n    rule: |\n      A &\n      B\n"
                                      "  D:\n    rule: \"1\"\n"
                                      "  E:\n    rule: E\n"));
    CHECK(rule_of(net, "A") == "B & !C");
    CHECK(rule_of(net, "B") == "A | C");
    CHECK(rule_of(net, "C") == "A & B");
    CHECK(net.is_constant(VarId{3}));
    CHECK(net.is_input(VarId{4}));
}

TEST_CASE("io: YAML errors are reported verbatim") {
    struct Case {
        const char* name;
        std::string text;
        const char* expected;
    };
    // clang-format off
    const Case cases[] = {
        {"invalid YAML",
         with_variables("  A:\n    rule: B\n   description: x\n  B:\n"),
         "net.yaml:6:4: error: invalid YAML: end of map not found\n"
         "    6 |    description: x\n"
         "      |    ^"},
        {"not a mapping",
         "- just\n- a list\n",
         "net.yaml:1:1: error: expected a mapping with 'format', 'name' and 'variables' at the top level\n"
         "    1 | - just\n"
         "      | ^"},
        {"unknown top-level key",
         with_variables("  A:\n", "readout:\n  X: A\n"),
         "net.yaml:5:1: error: unknown key 'readout' in the top level\n"
         "    5 | readout:\n"
         "      | ^~~~~~~\n"
         "note: did you mean 'readouts'?"},
        {"unknown variable key",
         with_variables("  A:\n    rulle: \"!A\"\n"),
         "net.yaml:5:5: error: unknown key 'rulle' in variable 'A'\n"
         "    5 |     rulle: \"!A\"\n"
         "      |     ^~~~~\n"
         "note: did you mean 'rule'?"},
        {"unknown key without a close match",
         with_variables("  A:\n    color: red\n"),
         "net.yaml:5:5: error: unknown key 'color' in variable 'A'\n"
         "    5 |     color: red\n"
         "      |     ^~~~~\n"
         "note: expected one of: rule, description, refs, module, default, rate_up, rate_down"},
        {"unknown drug key",
         with_variables("  A:\n", "drugs:\n  d:\n    set: {A: 1}\n"),
         "net.yaml:7:5: error: unknown key 'set' in drug 'd'\n"
         "    7 |     set: {A: 1}\n"
         "      |     ^~~\n"
         "note: did you mean 'sets'?"},
        {"unknown scenario key",
         with_variables("  A:\n", "scenarios:\n  s:\n    expected: {A: 1}\n"),
         "net.yaml:7:5: error: unknown key 'expected' in scenario 's'\n"
         "    7 |     expected: {A: 1}\n"
         "      |     ^~~~~~~~\n"
         "note: did you mean 'expect'?"},
        {"key twice",
         with_variables("  A:\n    rule: A\n    rule: \"!A\"\n"),
         "net.yaml:6:5: error: duplicate key 'rule' (first at line 5)\n"
         "    6 |     rule: \"!A\"\n"
         "      |     ^~~~"},
        {"duplicate variable",
         with_variables("  A:\n    rule: B\n  B:\n  A:\n    rule: \"!B\"\n"),
         "net.yaml:7:3: error: duplicate key 'A' (first at line 4)\n"
         "    7 |   A:\n"
         "      |   ^"},
        {"invalid variable name",
         with_variables("  p-53:\n"),
         "net.yaml:4:3: error: invalid variable name 'p-53': expected letters, digits and '_', starting with a "
         "letter or '_'\n"
         "    4 |   p-53:\n"
         "      |   ^~~~"},
        {"wrong format",
         "format: bitsig-network/2\nname: m\nvariables:\n  A:\n",
         "net.yaml:1:9: error: unsupported format 'bitsig-network/2': expected 'bitsig-network/1'\n"
         "    1 | format: bitsig-network/2\n"
         "      |         ^"},
        {"missing variables",
         "format: bitsig-network/1\nname: m\n",
         "net.yaml:1:1: error: missing 'variables' in the top level\n"
         "    1 | format: bitsig-network/1\n"
         "      | ^"},
        {"empty variables",
         "format: bitsig-network/1\nname: m\nvariables: {}\n",
         "net.yaml:3:12: error: 'variables' is empty: expected at least one variable\n"
         "    3 | variables: {}\n"
         "      |            ^"},
        {"default on a variable with a rule",
         with_variables("  A:\n    rule: \"!A\"\n    default: 1\n"),
         "net.yaml:5:11: error: 'default' is only allowed on inputs, and 'A' has a rule; remove the rule or the "
         "default\n"
         "    5 |     rule: \"!A\"\n"
         "      |           ^"},
        {"default that is not 0 or 1",
         with_variables("  A:\n    default: maybe\n"),
         "net.yaml:5:14: error: expected 0 or 1 for 'default', found 'maybe'\n"
         "    5 |     default: maybe\n"
         "      |              ^"},
        {"rule that is a list",
         with_variables("  A:\n    rule: [A, B]\n"),
         "net.yaml:5:11: error: expected a single value for 'rule'\n"
         "    5 |     rule: [A, B]\n"
         "      |           ^"},
        {"rule syntax",
         with_variables("  A:\n    rule: \"B & | B\"\n  B:\n"),
         "net.yaml:5:16: error: expected a name, '!', '(' or a constant, found '|'\n"
         "    5 |     rule: \"B & | B\"\n"
         "      |                ^"},
        {"rule syntax on the second line of a block",
         with_variables("  A:\n    rule: |\n      B &\n      | B\n  B:\n"),
         "net.yaml:7:7: error: expected a name, '!', '(' or a constant, found '|'\n"
         "    7 |       | B\n"
         "      |       ^"},
        {"bad update",
         with_variables("  A:\n", "scenarios:\n  s:\n    update: both\n"),
         "net.yaml:7:13: error: expected 'any', 'sync' or 'async' for 'update', found 'both'\n"
         "    7 |     update: both\n"
         "      |             ^"},
        {"drug defined twice",
         with_variables("  A:\n", "drugs:\n  d:\n    sets: {A: 1}\n  d:\n    sets: {A: 0}\n"),
         "net.yaml:8:3: error: duplicate key 'd' (first at line 6)\n"
         "    8 |   d:\n"
         "      |   ^"},
        {"drug alias clash",
         with_variables("  A:\n", "drugs:\n  d:\n    sets: {A: 1}\n  e:\n    aliases: [d]\n    sets: {A: 0}\n"),
         "net.yaml:9:14: error: drug alias 'd' is already a drug name or alias\n"
         "    9 |     aliases: [d]\n"
         "      |              ^"},
        {"drug without sets",
         with_variables("  A:\n", "drugs:\n  d:\n    description: x\n"),
         "net.yaml:7:5: error: missing 'sets' in drug 'd'\n"
         "    7 |     description: x\n"
         "      |     ^"},
        {"context defined twice",
         with_variables("  A:\n", "contexts:\n  c:\n    sets: {A: 1}\n  c:\n    sets: {A: 0}\n"),
         "net.yaml:8:3: error: duplicate key 'c' (first at line 6)\n"
         "    8 |   c:\n"
         "      |   ^"},
        {"readout defined twice",
         with_variables("  A:\n", "readouts:\n  R: A\n  R: \"!A\"\n"),
         "net.yaml:7:3: error: duplicate key 'R' (first at line 6)\n"
         "    7 |   R: \"!A\"\n"
         "      |   ^"},
        {"scenario defined twice",
         with_variables("  A:\n", "scenarios:\n  s:\n    fix: {A: 1}\n  s:\n    fix: {A: 0}\n"),
         "net.yaml:8:3: error: duplicate key 's' (first at line 6)\n"
         "    8 |   s:\n"
         "      |   ^"},
    };
    // clang-format on
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        CHECK_THROWS_WITH_AS(yaml(c.text), c.expected, bitsig::InputError);
    }
}

// One mechanism, the document loader, checks what concerns YAML itself in every mapping, and
// maps each rule byte back to the file whatever the scalar style; each case is exact.
TEST_CASE("io: YAML repeated keys, second documents, deep nesting, aliases and rule positions are located exactly") {
    struct Case {
        const char* name;
        std::string text;
        const char* expected;
    };
    // clang-format off
    const Case cases[] = {
        {"repeated key in the sets of a drug (flow mapping)",
         "format: bitsig-network/1\n"
         "name: m\n"
         "variables:\n"
         "  A:\n"
         "  B:\n"
         "drugs:\n"
         "  d:\n"
         "    sets: {A: 1, B: 0, A: 0}\n",
         "net.yaml:8:24: error: duplicate key 'A' (first at line 8)\n"
         "    8 |     sets: {A: 1, B: 0, A: 0}\n"
         "      |                        ^"},
        {"repeated key in the fix of a scenario",
         "format: bitsig-network/1\n"
         "name: m\n"
         "variables:\n"
         "  A:\n"
         "  B:\n"
         "scenarios:\n"
         "  s:\n"
         "    fix:\n"
         "      A: 1\n"
         "      A: 0\n",
         "net.yaml:10:7: error: duplicate key 'A' (first at line 9)\n"
         "   10 |       A: 0\n"
         "      |       ^"},
        {"repeated key in the expect of a scenario",
         "format: bitsig-network/1\n"
         "name: m\n"
         "variables:\n"
         "  A:\n"
         "  B:\n"
         "scenarios:\n"
         "  s:\n"
         "    expect: {B: 1}\n"
         "    fix: {A: 1}\n"
         "    expect: {B: 0}\n",
         "net.yaml:10:5: error: duplicate key 'expect' (first at line 8)\n"
         "   10 |     expect: {B: 0}\n"
         "      |     ^~~~~~"},
        {"repeated key in references",
         "format: bitsig-network/1\n"
         "name: m\n"
         "references:\n"
         "  smith2020: a\n"
         "  jones2021: b\n"
         "  smith2020: c\n"
         "variables:\n"
         "  A:\n",
         "net.yaml:6:3: error: duplicate key 'smith2020' (first at line 4)\n"
         "    6 |   smith2020: c\n"
         "      |   ^~~~~~~~~"},
        {"repeated top-level key",
         "format: bitsig-network/1\n"
         "name: m\n"
         "name: n\n"
         "variables:\n"
         "  A:\n",
         "net.yaml:3:1: error: duplicate key 'name' (first at line 2)\n"
         "    3 | name: n\n"
         "      | ^~~~"},
        {"repeated key inside a readout body",
         "format: bitsig-network/1\n"
         "name: m\n"
         "variables:\n"
         "  A:\n"
         "readouts:\n"
         "  R:\n"
         "    rule: A\n"
         "    description: x\n"
         "    description: y\n",
         "net.yaml:9:5: error: duplicate key 'description' (first at line 8)\n"
         "    9 |     description: y\n"
         "      |     ^~~~~~~~~~~"},
        {"second YAML document",
         "format: bitsig-network/1\n"
         "name: m\n"
         "variables:\n"
         "  A:\n"
         "---\n"
         "format: bitsig-network/1\n"
         "name: other\n"
         "variables:\n"
         "  B:\n",
         "net.yaml:5:1: error: a second YAML document starts here: a network file holds one document (remove the '---' line or split the file)\n"
         "    5 | ---\n"
         "      | ^"},
        {"model name with a space",
         "format: bitsig-network/1\n"
         "name: my model\n"
         "variables:\n"
         "  A:\n",
         "net.yaml:2:7: error: invalid model name 'my model': expected letters, digits, '_' and '-'\n"
         "    2 | name: my model\n"
         "      |       ^~~~~~~~"},
        {"quoted model name with a dot",
         "format: bitsig-network/1\n"
         "name: \"v1.2\"\n"
         "variables:\n"
         "  A:\n",
         "net.yaml:2:8: error: invalid model name 'v1.2': expected letters, digits, '_' and '-'\n"
         "    2 | name: \"v1.2\"\n"
         "      |        ^~~~"},
        {"nesting deeper than 100 levels",
         "format: bitsig-network/1\n"
         "name: m\n"
         "description:\n"
         "  -\n"
         "    -\n"
         "      -\n"
         "        -\n"
         "          -\n"
         "            -\n"
         "              -\n"
         "                -\n"
         "                  -\n"
         "                    -\n"
         "                      -\n"
         "                        -\n"
         "                          -\n"
         "                            -\n"
         "                              -\n"
         "                                -\n"
         "                                  -\n"
         "                                    -\n"
         "                                      -\n"
         "                                        -\n"
         "                                          -\n"
         "                                            -\n"
         "                                              -\n"
         "                                                -\n"
         "                                                  -\n"
         "                                                    -\n"
         "                                                      -\n"
         "                                                        -\n"
         "                                                          -\n"
         "                                                            -\n"
         "                                                              -\n"
         "                                                                -\n"
         "                                                                  -\n"
         "                                                                    -\n"
         "                                                                      -\n"
         "                                                                        -\n"
         "                                                                          -\n"
         "                                                                            -\n"
         "                                                                              -\n"
         "                                                                                -\n"
         "                                                                                  -\n"
         "                                                                                    -\n"
         "                                                                                      -\n"
         "                                                                                        -\n"
         "                                                                                          -\n"
         "                                                                                            -\n"
         "                                                                                              -\n"
         "                                                                                                -\n"
         "                                                                                                  -\n"
         "                                                                                                    -\n"
         "                                                                                                      -\n"
         "                                                                                                        -\n"
         "                                                                                                          -\n"
         "                                                                                                            -\n"
         "                                                                                                              -\n"
         "                                                                                                                -\n"
         "                                                                                                                  -\n"
         "                                                                                                                    -\n"
         "                                                                                                                      -\n"
         "                                                                                                                        -\n"
         "                                                                                                                          -\n"
         "                                                                                                                            -\n"
         "                                                                                                                              -\n"
         "                                                                                                                                -\n"
         "                                                                                                                                  -\n"
         "                                                                                                                                    -\n"
         "                                                                                                                                      -\n"
         "                                                                                                                                        -\n"
         "                                                                                                                                          -\n"
         "                                                                                                                                            -\n"
         "                                                                                                                                              -\n"
         "                                                                                                                                                -\n"
         "                                                                                                                                                  -\n"
         "                                                                                                                                                    -\n"
         "                                                                                                                                                      -\n"
         "                                                                                                                                                        -\n"
         "                                                                                                                                                          -\n"
         "                                                                                                                                                            -\n"
         "                                                                                                                                                              -\n"
         "                                                                                                                                                                -\n"
         "                                                                                                                                                                  -\n"
         "                                                                                                                                                                    -\n"
         "                                                                                                                                                                      -\n"
         "                                                                                                                                                                        -\n"
         "                                                                                                                                                                          -\n"
         "                                                                                                                                                                            -\n"
         "                                                                                                                                                                              -\n"
         "                                                                                                                                                                                -\n"
         "                                                                                                                                                                                  -\n"
         "                                                                                                                                                                                    -\n"
         "                                                                                                                                                                                      -\n"
         "                                                                                                                                                                                        -\n"
         "                                                                                                                                                                                          -\n"
         "                                                                                                                                                                                            -\n"
         "                                                                                                                                                                                              -\n"
         "                                                                                                                                                                                                -\n"
         "                                                                                                                                                                                                  -\n"
         "                                                                                                                                                                                                    -\n"
         "                                                                                                                                                                                                      -\n"
         "                                                                                                                                                                                                        -\n"
         "                                                                                                                                                                                                          -\n"
         "variables:\n"
         "  A:\n",
         "net.yaml:103:201: error: nested too deeply: a network file needs a few levels of mappings and lists, and more than 100 are refused\n"
         "  103 | ...                                                  -\n"
         "      |                                                      ^"},
        {"an alias that contains itself",
         "format: bitsig-network/1\n"
         "name: m\n"
         "references: &r [*r]\n"
         "variables:\n"
         "  A:\n",
         "net.yaml:3:17: error: alias refers to a node that contains it\n"
         "    3 | references: &r [*r]\n"
         "      |                 ^"},
        {"aliases that expand past 10000 nodes",
         "format: bitsig-network/1\n"
         "name: m\n"
         "references:\n"
         "  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
         "  a1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]\n"
         "  a2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]\n"
         "  a3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]\n"
         "  a4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]\n"
         "  a5: &a5 [*a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4]\n"
         "variables:\n"
         "  A:\n",
         "net.yaml:7:47: error: aliases expand the document by more than 10000 nodes\n"
         "    7 |   a3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]\n"
         "      |                                               ^"},
        {"end of a literal block rule points after its last token, not past the file",
         "format: bitsig-network/1\n"
         "name: m\n"
         "variables:\n"
         "  A:\n"
         "    rule: |\n"
         "      B &\n"
         "  B:\n",
         "net.yaml:6:10: error: unexpected end of rule: expected a name, '!', '(' or a constant\n"
         "    6 |       B &\n"
         "      |          ^"},
        {"literal block rule with a strip indicator and a blank line",
         "format: bitsig-network/1\n"
         "name: m\n"
         "variables:\n"
         "  A:\n"
         "    rule: |-\n"
         "        B &\n"
         "\n"
         "        (B & )\n"
         "  B:\n",
         "net.yaml:8:14: error: expected a name, '!', '(' or a constant before ')'\n"
         "    8 |         (B & )\n"
         "      |              ^"},
        {"folded block rule",
         "format: bitsig-network/1\n"
         "name: m\n"
         "variables:\n"
         "  A:\n"
         "    rule: >\n"
         "      B &\n"
         "      & B\n"
         "  B:\n",
         "net.yaml:7:7: error: expected a name, '!', '(' or a constant, found '&'\n"
         "    7 |       & B\n"
         "      |       ^"},
        {"multi-line double-quoted rule",
         "format: bitsig-network/1\n"
         "name: m\n"
         "variables:\n"
         "  A:\n"
         "    rule: \"B &\n"
         "      & B\"\n"
         "  B:\n",
         "net.yaml:6:7: error: expected a name, '!', '(' or a constant, found '&'\n"
         "    6 |       & B\"\n"
         "      |       ^"},
        {"multi-line plain rule",
         "format: bitsig-network/1\n"
         "name: m\n"
         "variables:\n"
         "  A:\n"
         "    rule: B &\n"
         "      & B\n"
         "  B:\n",
         "net.yaml:6:7: error: expected a name, '!', '(' or a constant, found '&'\n"
         "    6 |       & B\n"
         "      |       ^"},
        {"double-quoted rule with an escape before the error",
         "format: bitsig-network/1\n"
         "name: m\n"
         "variables:\n"
         "  A:\n"
         "    rule: \"B \\x26 & B\"\n"
         "  B:\n",
         "net.yaml:5:19: error: expected a name, '!', '(' or a constant, found '&'\n"
         "    5 |     rule: \"B \\x26 & B\"\n"
         "      |                   ^"},
        {"single-quoted rule with a doubled quote",
         "format: bitsig-network/1\n"
         "name: m\n"
         "variables:\n"
         "  A:\n"
         "    rule: 'B & ''B'''\n"
         "  B:\n",
         "net.yaml:5:16: error: unexpected character ''' in rule: expected a name, '!', '(', '0' or '1'\n"
         "    5 |     rule: 'B & ''B'''\n"
         "      |                ^"},
        {"anchored rule",
         "format: bitsig-network/1\n"
         "name: m\n"
         "variables:\n"
         "  A:\n"
         "    rule: &r \"B & & B\"\n"
         "  B:\n",
         "net.yaml:5:19: error: expected a name, '!', '(' or a constant, found '&'\n"
         "    5 |     rule: &r \"B & & B\"\n"
         "      |                   ^"},
        {"unclosed parenthesis on an earlier line of a block rule",
         "format: bitsig-network/1\n"
         "name: m\n"
         "variables:\n"
         "  A:\n"
         "    rule: |\n"
         "      B & (B\n"
         "      | A\n"
         "  B:\n",
         "net.yaml:7:10: error: expected ')' to close the '(' at line 6, column 11\n"
         "    7 |       | A\n"
         "      |          ^"},
        {"unknown names on two lines of a folded rule",
         "format: bitsig-network/1\n"
         "name: m\n"
         "variables:\n"
         "  A:\n"
         "    rule: >-\n"
         "      B & X\n"
         "      | Y\n"
         "  B:\n",
         "net.yaml:6:11: error: unknown variable 'X' in the rule of 'A'\n"
         "    6 |       B & X\n"
         "      |           ^\n"
         "note: did you mean 'A'?\n"
         "net.yaml:7:9: error: unknown variable 'Y' in the rule of 'A'\n"
         "    7 |       | Y\n"
         "      |         ^\n"
         "note: did you mean 'A'?"},
        {"rule error reached through an alias points at the use",
         "format: bitsig-network/1\n"
         "name: m\n"
         "variables:\n"
         "  A:\n"
         "    description: &d \"B & & B\"\n"
         "  B:\n"
         "    rule: *d\n",
         "net.yaml:7:11: error: expected a name, '!', '(' or a constant, found '&'\n"
         "    7 |     rule: *d\n"
         "      |           ^\n"
         "note: the value comes from the anchor '&d' at line 5, column 18"},
        {"value error reached through an alias points at the use",
         "format: bitsig-network/1\n"
         "name: m\n"
         "variables:\n"
         "  A:\n"
         "    description: &d yes\n"
         "  B:\n"
         "    default: *d\n",
         "net.yaml:7:14: error: expected 0 or 1 for 'default', found 'yes'\n"
         "    7 |     default: *d\n"
         "      |              ^\n"
         "note: the value comes from the anchor '&d' at line 5, column 18"},
        {"rule error in a CRLF file",
         "format: bitsig-network/1\r\n"
         "name: m\r\n"
         "variables:\r\n"
         "  A:\r\n"
         "    rule: >\r\n"
         "      B &\r\n"
         "      & B\r\n"
         "  B:\r\n",
         "net.yaml:7:7: error: expected a name, '!', '(' or a constant, found '&'\n"
         "    7 |       & B\n"
         "      |       ^"},
    };
    // clang-format on
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        CHECK_THROWS_WITH_AS(yaml(c.text), c.expected, bitsig::InputError);
    }
}

TEST_CASE("io: 3000 nested flow lists say nested too deeply, not yaml-cpp's 'bad file'") {
    std::string text =
        with_variables("  A:\n", "description: " + std::string(3000, '[') + std::string(3000, ']') + "\n");
    std::string window = "..." + std::string(100, '[') + "...";
    CHECK_THROWS_WITH_AS(yaml(text),
                         ("net.yaml:5:113: error: nested too deeply: a network file needs a few levels of mappings and "
                          "lists, and more than 100 are refused\n    5 | " +
                          window + "\n      | " + std::string(53, ' ') + "^")
                             .c_str(),
                         bitsig::InputError);
}

TEST_CASE("io: a diagnostic whose column is past its line puts the caret just after the line") {
    // Found by fuzz_yaml: a long line with a column beyond its end threw std::out_of_range.
    bitsig::Diagnostic d;
    d.where = {"f.yaml", 1, 257};
    d.message = "m";
    d.source_line = std::string(139, 'x');
    std::string shown = "..." + std::string(50, 'x');  // the window around the caret
    CHECK(bitsig::format_diagnostic(d) ==
          "f.yaml:1:257: error: m\n    1 | " + shown + "\n      | " + std::string(shown.size(), ' ') + "^");
    d.source_line = "abc";
    CHECK(bitsig::format_diagnostic(d) == "f.yaml:1:257: error: m\n    1 | abc\n      |    ^");
}

TEST_CASE("io: a rule whose text cannot be mapped back onto the file says its position is approximate") {
    // UTF-16 (which the CLI refuses as binary, but the engine reads): yaml-cpp converts it, so
    // the scalar's value no longer spells its source byte for byte.
    std::string utf8 = with_variables("  A:\n    rule: \"B & & B\"\n  B:\n");
    std::string utf16 = "\xFF\xFE";
    for (char c : utf8) utf16 += std::string{c, '\0'};
    try {
        yaml(utf16);
        FAIL("expected an InputError");
    } catch (const bitsig::InputError& e) {
        REQUIRE(e.diagnostics().size() == 1);
        CHECK(e.diagnostics()[0].message ==
              "expected a name, '!', '(' or a constant, found '&' (position approximate)");
        CHECK(e.diagnostics()[0].where.line == 5);
    }
}

TEST_CASE("io: YAML collects every unknown name before failing") {
    const std::string text = with_variables("  Ras:\n  Raf:\n    rule: \"Rass & !Erk\"\n  Erk:\n    rule: \"Raff\"\n",
                                            "drugs:\n"
                                            "  mek_inhibitor:\n"
                                            "    sets: {Mek: 0}\n"
                                            "contexts:\n"
                                            "  ras_mutant:\n"
                                            "    sets: {Rass: 1}\n"
                                            "readouts:\n"
                                            "  Growth: \"Erk & Akt\"\n"
                                            "scenarios:\n"
                                            "  s:\n"
                                            "    drugs: [mek_inhibitr, \"mek_inhibitor\"]\n"
                                            "    contexts: [ras_mutant, 'ras_mutnt']\n"
                                            "    fix: {Raff: 0}\n"
                                            "    expect: {Growht: 1}\n");
    try {
        yaml(text);
        FAIL("expected an InputError");
    } catch (const bitsig::InputError& e) {
        CHECK(e.diagnostics().size() == 9);
        CHECK(std::string(e.what()) ==
              "net.yaml:6:12: error: unknown variable 'Rass' in the rule of 'Raf'\n"
              "    6 |     rule: \"Rass & !Erk\"\n"
              "      |            ^~~~\n"
              "note: did you mean 'Ras'?\n"
              "net.yaml:8:12: error: unknown variable 'Raff' in the rule of 'Erk'\n"
              "    8 |     rule: \"Raff\"\n"
              "      |            ^~~~\n"
              "note: did you mean 'Raf'?\n"
              "net.yaml:11:12: error: unknown variable 'Mek' in 'sets' of drug 'mek_inhibitor'\n"
              "   11 |     sets: {Mek: 0}\n"
              "      |            ^~~\n"
              "note: did you mean 'Erk'?\n"
              "net.yaml:14:12: error: unknown variable 'Rass' in 'sets' of context 'ras_mutant'\n"
              "   14 |     sets: {Rass: 1}\n"
              "      |            ^~~~\n"
              "note: did you mean 'Ras'?\n"
              "net.yaml:16:18: error: unknown variable 'Akt' in readout 'Growth'\n"
              "   16 |   Growth: \"Erk & Akt\"\n"
              "      |                  ^~~\n"
              "net.yaml:19:13: error: unknown drug 'mek_inhibitr' in scenario 's'\n"
              "   19 |     drugs: [mek_inhibitr, \"mek_inhibitor\"]\n"
              "      |             ^~~~~~~~~~~~\n"
              "note: did you mean 'mek_inhibitor'?\n"
              "net.yaml:20:29: error: unknown context 'ras_mutnt' in scenario 's'\n"
              "   20 |     contexts: [ras_mutant, 'ras_mutnt']\n"
              "      |                             ^~~~~~~~~\n"
              "note: did you mean 'ras_mutant'?\n"
              "net.yaml:21:11: error: unknown variable 'Raff' in 'fix' of scenario 's'\n"
              "   21 |     fix: {Raff: 0}\n"
              "      |           ^~~~\n"
              "note: did you mean 'Raf'?\n"
              "net.yaml:22:14: error: unknown readout or variable 'Growht' in 'expect' of scenario 's'\n"
              "   22 |     expect: {Growht: 1}\n"
              "      |              ^~~~~~\n"
              "note: did you mean 'Growth'?");
    }
}

TEST_CASE("io: YAML without a close match lists the known drugs") {
    const std::string text = with_variables("  A:\n", "drugs:\n  aspirin:\n    sets: {A: 1}\n"
                                                      "scenarios:\n  s:\n    drugs: [trastuzumab]\n");
    CHECK_THROWS_WITH_AS(yaml(text),
                         "net.yaml:10:13: error: unknown drug 'trastuzumab' in scenario 's'\n"
                         "   10 |     drugs: [trastuzumab]\n"
                         "      |             ^~~~~~~~~~~\n"
                         "note: known drugs: aspirin",
                         bitsig::InputError);
}

TEST_CASE("io: YAML accepts every spelling of booleans and update schemes") {
    struct Case {
        const char* value;
        bool expected;
    };
    const Case cases[] = {{"0", false}, {"1", true},    {"true", true}, {"false", false},
                          {"on", true}, {"off", false}, {"True", true}, {"False", false}};
    for (const auto& c : cases) {
        CAPTURE(std::string(c.value));
        Network net = yaml(with_variables(std::string("  A:\n    default: ") + c.value + "\n"));
        CHECK(net.variable(VarId{0}).default_value == std::optional<bool>(c.expected));
    }
    struct Update {
        const char* text;
        bitsig::ScenarioUpdate expected;
    };
    const Update updates[] = {{"any", bitsig::ScenarioUpdate::any},
                              {"sync", bitsig::ScenarioUpdate::synchronous},
                              {"synchronous", bitsig::ScenarioUpdate::synchronous},
                              {"async", bitsig::ScenarioUpdate::asynchronous},
                              {"asynchronous", bitsig::ScenarioUpdate::asynchronous}};
    for (const auto& u : updates) {
        CAPTURE(std::string(u.text));
        Network net = yaml(with_variables("  A:\n", std::string("scenarios:\n  s:\n    update: ") + u.text + "\n"));
        CHECK(net.scenarios()[0].update == u.expected);
    }
}

TEST_CASE("io: YAML input with its own name as rule may carry a default") {
    Network net = yaml(with_variables("  A:\n    rule: A\n    default: 1\n  B:\n    rule: \"!A\"\n"));
    CHECK(net.is_input(VarId{0}));
    CHECK(net.variable(VarId{0}).default_value == std::optional<bool>(true));
}

// ---------------------------------------------------------------------------------------
// YAML writer

TEST_CASE("io: YAML write then read keeps every annotation") {
    Network net = yaml(kFullYaml);
    std::string written = bitsig::write_yaml(net);
    CAPTURE(written);
    Network back = bitsig::read_yaml(written, "net.yaml");
    check_full_model(back);
    // Writing is a fixed point after one round.
    CHECK(bitsig::write_yaml(back) == written);
}

TEST_CASE("io: YAML writer turns a file stem that is no valid model name into one that reads back") {
    Network net = bitsig::read_bnet("A, !A\n", "dir/my model.v2.bnet");
    CHECK(net.model_name() == "my model.v2");
    std::string written = bitsig::write_yaml(net);
    CHECK(written.find("name: my_model_v2\n") != std::string::npos);
    CHECK(bitsig::read_yaml(written, "back.yaml").model_name() == "my_model_v2");
}

TEST_CASE("io: YAML writer keeps awkward strings exactly") {
    const char* strings[] = {
        "null",
        "~",
        "yes",
        "no",
        "1",
        "a: b",
        "#hash",
        "- item",
        "'single'",
        "\"double\"",
        "  leading spaces",
        "trailing spaces  ",
        "\xce\xb2-catenin",
        "line one\nline two",
        "ends with newline\n",
        "two\n\nblank\n",
        "two final newlines\n\n",
        "\n starts with a newline",
        "tab\tinside",
        "{flow}",
        "[x]",
        "a, b",
        "*star",
        "&amp",
        "!tag",
        "%percent",
        "@at",
        "`tick`",
        "|pipe",
        ">gt",
    };
    for (const char* s : strings) {
        CAPTURE(std::string(s));
        std::string quoted;
        for (const char* p = s; *p; ++p) {
            if (*p == '\n')
                quoted += "\\n";
            else if (*p == '\t')
                quoted += "\\t";
            else if (*p == '"' || *p == '\\')
                quoted += std::string("\\") + *p;
            else
                quoted += *p;
        }
        Network net = yaml("format: bitsig-network/1\nname: m\ndescription: \"" + quoted +
                           "\"\nvariables:\n  A:\n"
                           "    description: \"" +
                           quoted + "\"\n    refs: [\"" + quoted + "\"]\n    module: \"" + quoted +
                           "\"\nreferences:\n  k: \"" + quoted +
                           "\"\ndrugs:\n  d:\n    sets: {A: 1}\n"
                           "    description: \"" +
                           quoted + "\"\n    aliases: [\"" + quoted + "\"]\n");
        REQUIRE(net.description() == s);
        std::string written = bitsig::write_yaml(net);
        CAPTURE(written);
        Network back = bitsig::read_yaml(written, "net.yaml");
        CHECK(back.description() == s);
        CHECK(back.variable(VarId{0}).description == s);
        CHECK(back.variable(VarId{0}).refs == std::vector<std::string>{s});
        CHECK(back.variable(VarId{0}).module == s);
        CHECK(back.references().at("k") == s);
        CHECK(back.drugs()[0].description == s);
        CHECK(back.drugs()[0].aliases == std::vector<std::string>{s});
    }
}

TEST_CASE("io: converting .bnet to YAML keeps rules and inputs and constants") {
    Network net = bnet("A, B & !C | X\nB, A ^ C\nC, C\nD, 1\n");
    Network back = yaml(bitsig::write_yaml(net));
    REQUIRE(back.names() == net.names());
    CHECK(back.model_name() == "net");
    CHECK(rule_of(back, "A") == "B & !C | X");
    CHECK(rule_of(back, "B") == "A ^ C");
    CHECK(back.is_input(*back.find("C")));
    CHECK(back.is_input(*back.find("X")));
    CHECK(back.is_constant(*back.find("D")));
}

// ---------------------------------------------------------------------------------------
// Files

TEST_CASE("io: files that are not models are refused with a message naming them") {
    TempDir dir;
    fs::create_directory(dir.path() / "folder.yaml");
    spit(dir.path() / "empty.yaml", "");
    spit(dir.path() / "blank.bnet", " \n\t\r\n");
    spit(dir.path() / "binary.bnet", std::string("A, B\n\0\x01\x02", 8));
    spit(dir.path() / "model.txt", "A, B\n");
    spit(dir.path() / "model", "A, B\n");
    struct Case {
        const char* file;
        const char* message;
    };
    const Case cases[] = {
        {"missing.yaml", "error: no such file"},
        {"missing.txt", "error: no such file"},
        {"folder.yaml", "error: is a directory: expected a model file"},
        {"empty.yaml", "error: is empty: expected a model"},
        {"blank.bnet", "error: is empty: expected a model"},
        {"binary.bnet", "error: is a binary file: expected a text model (.yaml or .bnet)"},
        {"model.txt",
         "error: unknown model format '.txt': expected .yaml, .yml, .bnet, .bnd, .sbml, .xml, .booleannet or .bn"},
        {"model", "error: unknown model format '(no extension)': expected .yaml, .yml, .bnet, .bnd, .sbml, .xml, "
                  ".booleannet or .bn"},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.file));
        std::string path = (dir.path() / c.file).string();
        std::string expected = path + ": " + c.message;
        CHECK_THROWS_WITH_AS(bitsig::load_network(path), expected.c_str(), bitsig::InputError);
    }
}

TEST_CASE("io: the format follows the extension in any case") {
    CHECK(bitsig::format_for_path("a.yaml") == bitsig::ModelFormat::yaml);
    CHECK(bitsig::format_for_path("dir.x/a.YML") == bitsig::ModelFormat::yaml);
    CHECK(bitsig::format_for_path("a.BNet") == bitsig::ModelFormat::bnet);
    CHECK_THROWS_AS(bitsig::format_for_path("a.bnet.txt"), bitsig::InputError);
    TempDir dir;
    spit(dir.path() / "m.YAML", with_variables("  A:\n"));
    spit(dir.path() / "m.BNET", "A, !A\n");
    CHECK(bitsig::load_network((dir.path() / "m.YAML").string()).num_vars() == 1);
    CHECK(bitsig::load_network((dir.path() / "m.BNET").string()).model_name() == "m");
}

TEST_CASE("io: atomic write replaces the file and leaves no temporary behind") {
    TempDir dir;
    fs::path target = dir.path() / "out.yaml";
    bitsig::write_file_atomically(target.string(), "first\n");
    CHECK(slurp(target) == "first\n");
    bitsig::write_file_atomically(target.string(), "second, longer text\n");
    CHECK(slurp(target) == "second, longer text\n");
    bitsig::write_file_atomically(target.string(), "");
    CHECK(slurp(target).empty());
    CHECK(dir.entries() == std::vector<std::string>{"out.yaml"});
    struct stat st {};
    REQUIRE(::stat(target.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0644);
}

TEST_CASE("io: atomic write into a missing folder fails cleanly") {
    TempDir dir;
    std::string target = (dir.path() / "no" / "such" / "out.bnet").string();
    CHECK_THROWS_WITH_AS(bitsig::write_file_atomically(target, "x"),
                         (target + ": error: cannot write: No such file or directory").c_str(), bitsig::InputError);
    CHECK(dir.entries().empty());
}

TEST_CASE("io: atomic write keeps the old file when the new one cannot be moved in place") {
    TempDir dir;
    // A directory where the file should go: the rename fails and the temporary is removed.
    fs::create_directory(dir.path() / "taken.yaml");
    spit(dir.path() / "taken.yaml" / "inside", "keep");
    std::string target = (dir.path() / "taken.yaml").string();
    CHECK_THROWS_AS(bitsig::write_file_atomically(target, "new"), bitsig::InputError);
    CHECK(dir.entries() == std::vector<std::string>{"taken.yaml"});
    CHECK(slurp(dir.path() / "taken.yaml" / "inside") == "keep");
}

TEST_CASE("io: load_network reads both formats from disk") {
    TempDir dir;
    spit(dir.path() / "full.yaml", kFullYaml);
    check_full_model(bitsig::load_network((dir.path() / "full.yaml").string()));
    spit(dir.path() / "small.bnet", "targets, factors\nA, !B\nB, A\n");
    Network net = bitsig::load_network((dir.path() / "small.bnet").string());
    CHECK(net.model_name() == "small");
    CHECK(net.source_file() == (dir.path() / "small.bnet").string());
}

}  // TEST_SUITE
