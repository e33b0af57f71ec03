// SPDX-License-Identifier: MIT
// The Network and its builder: validation, name lookup, and the split between rules (copied
// by perturbations) and annotations (shared by pointer).
#include <doctest/doctest.h>

#include "expr/parse.hpp"
#include "io/source.hpp"
#include "model/network.hpp"
#include "paths.hpp"
#include "perturb/conditions.hpp"
#include "perturb/perturbation.hpp"

using namespace bitsig;

namespace {
std::string test_model(const std::string& name) {
    return std::string(BITSIG_SOURCE_DIR) + "/tests/data/models/" + name;
}
}  // namespace

TEST_SUITE("model") {
TEST_CASE("a perturbed network shares the annotations of the model it came from") {
    Network net = load_network(test_model("toy_her2.yaml"));
    Conditions c;
    c.drugs = {"trastuzumab"};
    c.knockouts = {"PI3K"};
    Network perturbed = apply(net, resolve(net, c));
    REQUIRE(net.shared_annotations() != nullptr);
    CHECK(perturbed.shared_annotations() == net.shared_annotations());  // the same object
    CHECK(&perturbed.drugs() == &net.drugs());
    CHECK(&perturbed.scenarios() == &net.scenarios());
    CHECK(perturbed.model_name() == "toy_her2");
    // ...while the rules are its own.
    CHECK(perturbed.rule(*net.find("PI3K")).is_constant());
    CHECK_FALSE(net.rule(*net.find("PI3K")).is_constant());
    Network copy = perturbed;
    CHECK(copy.shared_annotations() == net.shared_annotations());
}

TEST_CASE("the builder refuses a duplicate variable and an empty network with their messages") {
    NetworkBuilder b("m", "m.bnet");
    b.declare("A", Location{"m.bnet", 2, 1});
    CHECK_THROWS_WITH_AS(b.declare("A", Location{"m.bnet", 5, 1}),
                         "m.bnet:5:1: error: variable 'A' is defined twice\nnote: first defined at line 2", InputError);
    CHECK_THROWS_WITH_AS(NetworkBuilder("empty", "e.bnet").build(), "e.bnet: error: the network has no variables",
                         InputError);
}

TEST_CASE("names, inputs, constants and drugs by alias are found through the network") {
    NetworkBuilder b("m");
    VarId a = b.declare("A"), x = b.declare("X"), k = b.declare("K");
    NameResolver resolve = [&](std::string_view name) { return b.find(name); };
    b.set_rule(x, parse_rule("A & !X", RuleSource{}, resolve).expr);
    b.set_rule(k, Expr::constant(true));
    b.add_drug({"lapatinib", {"tykerb"}, "", {{a, false}}, {}});
    b.warn(errors::warning_in_file("m.yaml", "a warning"));
    Network net = std::move(b).build();
    CHECK(net.find("X") == x);
    CHECK_FALSE(net.find("Y").has_value());
    CHECK(net.is_input(a));
    CHECK_FALSE(net.is_input(x));
    CHECK(net.is_constant(k));
    CHECK(net.regulators(x) == std::vector<VarId>{a, x});
    REQUIRE(net.find_drug("tykerb") != nullptr);
    CHECK(net.find_drug("tykerb")->name == "lapatinib");
    CHECK(net.find_drug("lapatinibb") == nullptr);
    REQUIRE(net.warnings().size() == 1);
    CHECK(net.warnings()[0].severity == Severity::warning);
    CHECK(format_diagnostic(net.warnings()[0]) == "m.yaml: warning: a warning");
    Network none;
    CHECK(none.drugs().empty());
    CHECK(none.model_name().empty());
}
}
