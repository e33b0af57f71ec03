// SPDX-License-Identifier: MIT
// perturb/: conditions parsed and resolved, held values, and apply() on rules.
#include <doctest/doctest.h>

#include "expr/parse.hpp"
#include "oracle/oracle.hpp"
#include "perturb/conditions.hpp"
#include "perturb/perturbation.hpp"

using namespace bitsig;

TEST_SUITE("perturb") {
TEST_CASE("condition text parses into its kinds, and bad words are refused with their messages") {
    Conditions c = Conditions::parse("context=pten_loss drug=trastuzumab,ko=AKT oe=PI3K fix=X=1 cut=A->B");
    CHECK(c.contexts == std::vector<std::string>{"pten_loss"});
    CHECK(c.drugs == std::vector<std::string>{"trastuzumab"});
    CHECK(c.knockouts == std::vector<std::string>{"AKT"});
    CHECK(c.overexpressions == std::vector<std::string>{"PI3K"});
    CHECK(c.fixes == std::vector<std::string>{"X=1"});
    CHECK(c.cuts == std::vector<std::string>{"A->B"});
    CHECK(c.describe() ==
          "context pten_loss + drug trastuzumab + AKT knocked out + PI3K over-expressed + fix X=1 + cut A->B");
    CHECK(Conditions{}.describe() == "baseline (input defaults)");
    CHECK_THROWS_WITH_AS(Conditions::parse("pten_loss"),
                         "error: condition 'pten_loss' is not of the form key=value\nnote: keys: drug, context, "
                         "mutation, ko, oe, fix, cut, scenario; e.g. \"context=pten_loss drug=trastuzumab\"",
                         InputError);
    CHECK_THROWS_WITH_AS(Conditions::parse("contxt=x"),
                         "error: unknown condition key 'contxt' in 'contxt=x'\nnote: did you mean 'context'?",
                         InputError);
}

TEST_CASE("held values list every fixed variable, explicit fixes over defaults, -1 elsewhere") {
    Network net = oracle::random_network(5, 2, 11);
    Perturbation p;
    p.defaults.push_back({VarId{0}, true});
    p.add_fix(net, {VarId{0}, false}, "--ko x0");
    p.add_fix(net, {VarId{3}, true}, "--oe x3");
    p.add_fix(net, {VarId{3}, true}, "--fix x3=1");  // the same value twice is no conflict
    CHECK(p.fixes.size() == 2);
    CHECK(held_values(net, p).to_string() == "0**1*");
    Network applied = apply(net, p);
    CHECK(applied.rule(VarId{0}).is_constant());
    CHECK(applied.rule(VarId{3}).is_constant());
    CHECK(to_string(applied.rule(VarId{1}), applied.names()) == to_string(net.rule(VarId{1}), net.names()));
}

TEST_CASE("bad --fix and --cut specifications are refused with their messages") {
    Network net = oracle::random_network(3, 2, 2);
    Conditions c;
    c.fixes = {"x1=2"};
    CHECK_THROWS_WITH_AS(resolve(net, c), "error: --fix expects NAME=0 or NAME=1, got 'x1=2'", InputError);
    c.fixes.clear();
    c.cuts = {"x1"};
    CHECK_THROWS_WITH_AS(resolve(net, c), "error: --cut expects REGULATOR->TARGET, got 'x1'", InputError);
}
}
