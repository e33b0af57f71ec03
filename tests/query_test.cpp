// SPDX-License-Identifier: MIT
// Perturbations against the oracle, and the queries built on them (check, screen).
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "attractor/exhaustive.hpp"
#include "attractor/phenotype.hpp"
#include "expr/parse.hpp"
#include "io/source.hpp"
#include "oracle/oracle.hpp"
#include "paths.hpp"
#include "perturb/conditions.hpp"
#include "perturb/perturbation.hpp"
#include "query/check.hpp"
#include "query/compare.hpp"
#include "query/condition_attractors.hpp"
#include "query/screen.hpp"

using namespace bitsig;

namespace {

// Rebuilds `net` from text with some rules replaced: an independent way to state what a
// perturbation should mean, without apply() or substitute().
Network with_rule_texts(const Network& net, const std::map<std::uint32_t, std::string>& replaced) {
    NetworkBuilder b(net.model_name());
    auto names = net.names();
    for (const auto& n : names) b.declare(n);
    NameResolver resolve = [&](std::string_view name) { return b.find(name); };
    for (std::uint32_t v = 0; v < net.num_vars(); ++v) {
        auto it = replaced.find(v);
        std::string text = it != replaced.end() ? it->second : to_string(net.rule(VarId{v}), names);
        b.set_rule(VarId{v}, parse_rule(text, RuleSource{}, resolve).expr);
    }
    return std::move(b).build();
}

std::vector<std::vector<State>> sets(const std::vector<Attractor>& as) {
    std::vector<std::vector<State>> out;
    for (const auto& a : as) out.push_back(a.states);
    return out;
}

// Replaces whole-word occurrences of `name` in rule text (a tiny tokenizer; std::regex
// trips GCC 12's uninitialized-use warning under the sanitizers).
std::string replace_word(const std::string& text, const std::string& name, const std::string& by) {
    std::string out, word;
    auto flush = [&] {
        out += word == name ? by : word;
        word.clear();
    };
    for (char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
            word += c;
        } else {
            flush();
            out += c;
        }
    }
    flush();
    return out;
}

std::string source_path(const std::string& relative) { return std::string(BITSIG_SOURCE_DIR) + "/" + relative; }

}  // namespace

TEST_SUITE("perturb") {
TEST_CASE("knockouts and overexpressions equal constant rules, and hold in every attractor state") {
    for (std::uint64_t seed = 1; seed <= 150; ++seed) {
        CAPTURE(seed);
        Network net = oracle::random_network(8, 3, seed);
        auto target = static_cast<std::uint32_t>(seed % 8);
        bool value = seed % 2 == 0;
        Perturbation p;
        p.add_fix(net, {VarId{target}, value}, "test");
        Network perturbed = apply(net, p);
        Network expected = with_rule_texts(net, {{target, value ? "1" : "0"}});
        for (auto update : {UpdateScheme::synchronous, UpdateScheme::asynchronous}) {
            auto oracle_result = update == UpdateScheme::synchronous ? oracle::synchronous_attractors(expected)
                                                                     : oracle::asynchronous_attractors(expected);
            Result r = update == UpdateScheme::synchronous ? exhaustive_synchronous(perturbed, {}, {})
                                                           : exhaustive_asynchronous(perturbed, {}, {});
            CHECK(sets(r.attractors) == sets(oracle_result));
            for (const auto& a : r.attractors)
                for (const auto& s : a.states) CHECK(s.get(target) == value);
        }
    }
}

TEST_CASE("an edge cut makes the target read the regulator as 0") {
    for (std::uint64_t seed = 1; seed <= 150; ++seed) {
        CAPTURE(seed);
        Network net = oracle::random_network(8, 3, seed);
        // Pick a target with at least one regulator.
        for (std::uint32_t t = 0; t < 8; ++t) {
            auto regs = net.regulators(VarId{t});
            if (regs.empty() || net.is_input(VarId{t})) continue;
            VarId from = regs[seed % regs.size()];
            Perturbation p;
            p.cuts.push_back({from, VarId{t}});
            std::string text = to_string(net.rule(VarId{t}), net.names());
            std::string replaced = replace_word(text, net.name(from), "0");
            Network expected = with_rule_texts(net, {{t, replaced}});
            Result r = exhaustive_synchronous(apply(net, p), {}, {});
            CHECK(sets(r.attractors) == sets(oracle::synchronous_attractors(expected)));
            break;
        }
    }
}

TEST_CASE("conflicting perturbations are refused with both sources named") {
    Network net = oracle::random_network(4, 2, 3);
    Perturbation p;
    p.add_fix(net, {VarId{1}, false}, "--ko x1");
    CHECK_THROWS_WITH_AS(p.add_fix(net, {VarId{1}, true}, "--oe x1"),
                         "error: conflicting perturbations: --ko x1 holds 'x1' at 0 but --oe x1 holds it at 1",
                         InputError);
}

TEST_CASE("drugs, contexts and defaults resolve by name, aliases included") {
    Network net = load_network(source_path("tests/data/models/toy_her2.yaml"));
    Conditions c;
    c.drugs = {"herceptin"};
    c.contexts = {"pten_loss"};
    Perturbation p = resolve(net, c);
    CHECK(p.drugs == std::vector<std::string>{"trastuzumab"});
    auto held = held_values(net, p);
    CHECK(held.at(net.find("Trastuzumab")->index) == '1');
    CHECK(held.at(net.find("PTEN")->index) == '0');
    c.drugs = {"trastuzamab"};
    CHECK_THROWS_WITH_AS(resolve(net, c), doctest::Contains("did you mean 'trastuzumab'?"), InputError);
    Conditions free;
    free.free_inputs = true;
    CHECK(resolve(net, free).defaults.empty());
}
}

TEST_SUITE("query") {
TEST_CASE("scenario checks give pass, fail and documented disagreements") {
    Network net = load_network(source_path("tests/data/models/toy_her2.yaml"));
    SearchOptions o;
    std::map<std::string, Verdict> expected = {{"sensitive", Verdict::pass},
                                               {"resistant_untreated", Verdict::pass},
                                               {"wrong_on_purpose", Verdict::known_failure}};
    for (const auto& s : net.scenarios()) {
        CAPTURE(s.name);
        ScenarioOutcome out = check_scenario(net, s, o, {});
        CHECK(out.verdict == expected.at(s.name));
        CHECK(out.schemes.size() == 2);
    }
    Network failing = load_network(source_path("tests/data/models/toy_failing.yaml"));
    CHECK(check_scenario(failing, failing.scenarios()[0], o, {}).verdict == Verdict::fail);
}

TEST_CASE("a screen ranks the intervention that reaches the goal first, base alone on top") {
    Network net = load_network(source_path("tests/data/models/toy_her2.yaml"));
    Conditions base;
    base.contexts = {"pten_loss"};
    auto candidates = target_candidates(net, {"PI3K", "HER2"});
    auto drugs = drug_candidates(net, {});
    candidates.insert(candidates.end(), drugs.begin(), drugs.end());
    Goal goal = Goal::parse(net, "Proliferation=0");
    ScreenOptions so;
    so.max_size = 2;
    auto entries = run_screen(net, base, candidates, goal, so, {}, {});
    REQUIRE(!entries.empty());
    CHECK(entries[0].members.empty());
    CHECK(entries[0].attractor_fraction == 0.0);
    // Singles that switch AKT off: PI3K KO, HER2 KO, trastuzumab.
    CHECK(entries[1].attractor_fraction == 1.0);
    CHECK(entries[1].members.size() == 1);
    // KO and OE of one variable conflict and are skipped: 1 + 5 + C(5,2) - 2 entries.
    CHECK(entries.size() == 1 + 5 + 10 - 2);
    CHECK(screen_size(5, 2) == 16);
    CHECK_THROWS_WITH_AS(Goal::parse(net, "Prolif=0"), doctest::Contains("did you mean 'Proliferation'?"), InputError);
}

TEST_CASE("a screen request refuses unknown candidates, bad bases and empty lists with one message") {
    Network net = load_network(source_path("tests/data/models/toy_her2.yaml"));
    const std::string unknown_drug =
        "error: unknown drug 'trastuzumabb'\nnote: did you mean 'trastuzumab'?\nknown drugs: trastuzumab, herceptin";
    ScreenRequest request;
    request.goal = "Proliferation=0";
    request.drugs = std::vector<std::string>{"trastuzumabb"};
    CHECK_THROWS_WITH_AS(screen(net, request, {}), unknown_drug.c_str(), InputError);
    CHECK_THROWS_WITH_AS(screen_candidates(net, request), unknown_drug.c_str(), InputError);
    // The same candidate handed straight to run_screen (as a report once did) is refused too.
    auto candidates = drug_candidates(net, {"trastuzumabb"});
    CHECK_THROWS_WITH_AS(run_screen(net, {}, candidates, Goal::parse(net, "Proliferation=0"), {}, {}, {}),
                         unknown_drug.c_str(), InputError);
    request.drugs.reset();
    CHECK_THROWS_WITH_AS(screen(net, request, {}),
                         "error: nothing to screen: give --drugs all|LIST and/or --targets all|LIST", InputError);
    request.targets = std::vector<std::string>{"PI3K"};
    request.base.contexts = {"pten_los"};
    CHECK_THROWS_WITH_AS(
        screen(net, request, {}),
        "error: unknown context 'pten_los'\nnote: did you mean 'pten_loss'?\nknown contexts: pten_loss", InputError);
    request.base.contexts.clear();
    request.goal = "Proliferation";
    CHECK_THROWS_WITH_AS(screen(net, request, {}), "error: goal term 'Proliferation' is not NAME=0 or NAME=1",
                         InputError);
    request.goal = " ";
    CHECK_THROWS_WITH_AS(screen(net, request, {}), "error: empty goal: expected e.g. \"Proliferation=0,Apoptosis=1\"",
                         InputError);
}

TEST_CASE("a screen request with drugs of the base skips them and re-checks under the other scheme") {
    Network net = load_network(source_path("tests/data/models/toy_her2.yaml"));
    ScreenRequest request;
    request.goal = "Proliferation=0";
    request.base.drugs = {"trastuzumab"};
    request.drugs = std::vector<std::string>{};
    request.targets = std::vector<std::string>{"PI3K"};
    ScreenResult r = screen(net, request, {});
    CHECK(r.candidates.size() == 2);   // PI3K KO and OE; trastuzumab is in the base
    CHECK(r.entries.size() == 1 + 2);  // KO with OE conflicts: skipped
    CHECK(r.entries[0].members.empty());
    REQUIRE(r.rechecked_under.has_value());
    CHECK(*r.rechecked_under == UpdateScheme::asynchronous);
    request.search.method = Method::fixed_points;
    CHECK_FALSE(screen(net, request, {}).rechecked_under.has_value());
}

TEST_CASE("conflicting conditions come back as a value, unknown names still throw") {
    Network net = load_network(source_path("tests/data/models/toy_her2.yaml"));
    Conditions c;
    c.knockouts = {"PI3K"};
    c.overexpressions = {"PI3K"};
    Resolution r = resolve_or_conflict(net, c);
    REQUIRE(r.conflict.has_value());
    CHECK(r.conflict->message == "conflicting perturbations: --ko PI3K holds 'PI3K' at 0 but --oe PI3K holds it at 1");
    CHECK_THROWS_WITH_AS(resolve(net, c),
                         "error: conflicting perturbations: --ko PI3K holds 'PI3K' at 0 but --oe PI3K holds it at 1",
                         InputError);
    c.overexpressions = {"PI3"};
    CHECK_THROWS_AS(resolve_or_conflict(net, c), InputError);
    c.overexpressions.clear();
    CHECK_FALSE(resolve_or_conflict(net, c).conflict.has_value());
}

TEST_CASE("compare answers every column under both schemes, base first") {
    Network net = load_network(source_path("tests/data/models/toy_her2.yaml"));
    CompareRequest request;
    request.base.contexts = {"pten_loss"};
    Conditions ko;
    ko.knockouts = {"AKT"};
    request.with = {ko};
    CompareResult r = compare(net, request, {});
    REQUIRE(r.columns.size() == 2);
    CHECK(r.columns[0].label == "base");
    CHECK(r.columns[1].label == "with");
    CHECK(r.other_update == UpdateScheme::asynchronous);
    CHECK(r.readout_names == std::vector<std::string>{"Proliferation"});
    CHECK(r.columns[0].readouts == std::vector<double>{1.0});  // PTEN lost: AKT on
    CHECK(r.columns[1].readouts == std::vector<double>{0.0});
    CHECK(r.differs(*net.find("AKT")));
    CHECK_FALSE(r.differs(*net.find("Trastuzumab")));
    // Each column is the search of its own perturbed network.
    Result direct = find_attractors(apply(net, resolve(net, ko)), {}, {});
    CHECK(r.columns[1].variables == long_term_means(net, direct, false));
    CHECK(r.columns[1].other.update == UpdateScheme::asynchronous);
    request.with.push_back(ko);
    CHECK(compare(net, request, {}).columns[2].label == "with 2");
    request.with[0].knockouts = {"AKTT"};
    CHECK_THROWS_WITH_AS(compare(net, request, {}),
                         "error: unknown variable 'AKTT'\nnote: did you mean 'AKT'?\nknown variables: Trastuzumab, "
                         "PTEN, HER2, PI3K, AKT",
                         InputError);
}

TEST_CASE("attractors under several conditions are each the search of its perturbed network, in order") {
    Network net = load_network(source_path("tests/data/models/toy_her2.yaml"));
    Conditions lost, ko;
    lost.contexts = {"pten_loss"};
    ko.contexts = {"pten_loss"};
    ko.knockouts = {"AKT"};
    const std::vector<Conditions> conditions = {Conditions{}, lost, ko};
    for (auto update : {UpdateScheme::synchronous, UpdateScheme::asynchronous}) {
        CAPTURE(to_string(update));
        SearchOptions o;
        o.update = update;
        std::vector<ConditionAttractors> answers = attractors_under(net, conditions, o, {});
        REQUIRE(answers.size() == conditions.size());
        for (std::size_t i = 0; i < conditions.size(); ++i) {
            CAPTURE(i);
            Perturbation p = resolve(net, conditions[i]);
            Result direct = find_attractors(apply(net, p), o, {});
            CHECK(answers[i].perturbation.fixes.size() == p.fixes.size());
            CHECK(sets(answers[i].result.attractors) == sets(direct.attractors));
            CHECK(answers[i].variable_means == long_term_means(net, direct, false));
            CHECK(answers[i].readout_means == long_term_means(net, direct, true));
        }
        CHECK(answers[1].readout_means == std::vector<double>{1.0});  // PTEN lost: AKT on
        CHECK(answers[2].readout_means == std::vector<double>{0.0});
    }
    Conditions typo;
    typo.knockouts = {"AKTT"};
    CHECK_THROWS_WITH_AS(attractors_under(net, {Conditions{}, typo}, {}, {}),
                         "error: unknown variable 'AKTT'\nnote: did you mean 'AKT'?\nknown variables: Trastuzumab, "
                         "PTEN, HER2, PI3K, AKT",
                         InputError);
}

TEST_CASE("each algorithm keeps its contracted method string and has a name of its own") {
    struct Row {
        Algorithm algorithm;
        const char* method;
        const char* name;
    };
    const Row rows[] = {{Algorithm::exhaustive, "exhaustive", "exhaustive"},
                        {Algorithm::sat_cycles, "sat", "sat-cycles"},
                        {Algorithm::sat_fixed_points, "sat", "sat-fixed-points"},
                        {Algorithm::bdd_fixed_points, "bdd", "bdd-fixed-points"},
                        {Algorithm::sample, "sample", "sample"},
                        {Algorithm::sat_fixed_points_sample, "sat+sample", "sat-fixed-points+sample"},
                        {Algorithm::respond_explicit, "respond (explicit)", "respond-explicit"},
                        {Algorithm::respond_sample, "respond (sample)", "respond-sample"},
                        {Algorithm::respond_symbolic, "respond (symbolic)", "respond-symbolic"}};
    std::set<std::string> names;
    for (const auto& row : rows) {
        CAPTURE(row.name);
        CHECK(to_string(row.algorithm) == row.method);
        CHECK(algorithm_name(row.algorithm) == row.name);
        names.insert(algorithm_name(row.algorithm));
    }
    CHECK(names.size() == std::size(rows));
}

TEST_CASE("a fixed-points screen scores each knockout pair by the share of its stable states meeting the goal") {
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        CAPTURE(seed);
        Network net = oracle::random_network(7, 2, seed);
        std::vector<std::string> names{net.name(VarId{1}), net.name(VarId{2}), net.name(VarId{3})};
        auto candidates = target_candidates(net, names);
        Goal goal = Goal::parse(net, net.name(VarId{0}) + "=1");
        ScreenOptions so;
        so.max_size = 2;
        SearchOptions search;
        search.method = Method::fixed_points;
        auto entries = run_screen(net, {}, candidates, goal, so, search, {});
        REQUIRE(entries.size() == 1 + 6 + 15 - 3);
        for (const auto& e : entries) {
            CHECK((e.method == Algorithm::sat_fixed_points || e.method == Algorithm::bdd_fixed_points));
            CHECK_FALSE(e.complete);  // cyclic attractors were not looked for
            CHECK_FALSE(e.other_scheme_agrees.has_value());
            // The same condition stated as constant rules, solved by brute force.
            std::map<std::uint32_t, std::string> rules;
            for (const auto& label : e.members)
                for (std::uint32_t v = 1; v <= 3; ++v)
                    if (label.rfind(net.name(VarId{v}) + " ", 0) == 0) rules[v] = label.ends_with("KO") ? "0" : "1";
            auto stable = oracle::fixed_points(with_rule_texts(net, rules));
            CHECK(e.attractors == stable.size());
            std::size_t hits = 0;
            for (const auto& s : stable) hits += s.get(0);
            double expected = stable.empty() ? 0.0 : static_cast<double>(hits) / static_cast<double>(stable.size());
            CHECK(e.attractor_fraction == doctest::Approx(expected));
        }
    }
    CHECK(parse_method("fixed-points") == Method::fixed_points);
    CHECK_THROWS_WITH_AS(parse_method("bdd"), doctest::Contains("known: auto, exhaustive"), InputError);
}

TEST_CASE("the README's YAML example loads and its scenario holds") {
    std::ifstream in(source_path("README.md"));
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string readme = buffer.str();
    auto start = readme.find("```yaml\n");
    REQUIRE(start != std::string::npos);
    start += 8;
    auto end = readme.find("```", start);
    Network net = parse_network(readme.substr(start, end - start), ModelFormat::yaml, "README.md");
    CHECK(net.num_vars() == 5);
    ScenarioOutcome out = check_scenario(net, net.scenarios().front(), {}, {});
    CHECK(out.verdict == Verdict::pass);
}
}
