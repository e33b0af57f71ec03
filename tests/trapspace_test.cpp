// SPDX-License-Identifier: MIT
// Minimal and maximal trap spaces (trapspace/) against the brute-force oracle over all 3^n
// subspaces on random networks and the small shared models, under each rule encoding;
// property checks on every shared model (fixed points are exactly the minimal trap spaces
// without '*'; every minimal trap space holds an asynchronous attractor); the subspace type.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <random>
#include <set>

#include <doctest/doctest.h>

#include "attractor/exhaustive.hpp"
#include "attractor/search.hpp"
#include "core/error.hpp"
#include "io/source.hpp"
#include "oracle/oracle.hpp"
#include "oracle/trap_spaces_oracle.hpp"
#include "paths.hpp"
#include "perturb/perturbation.hpp"
#include "state/subspace.hpp"
#include "trapspace/trap_spaces.hpp"

using namespace bitsig;
using trapspace::Kind;

namespace {

std::vector<std::filesystem::path> bbm_models() {
    std::filesystem::path dir = std::filesystem::path(BITSIG_SHARED_DIR) / "models" / "bbm";
    std::vector<std::filesystem::path> out;
    if (!std::filesystem::is_directory(dir)) return out;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().extension() == ".bnet") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> texts(const std::vector<Subspace>& spaces) {
    std::vector<std::string> out;
    for (const auto& s : spaces) out.push_back(s.to_string());
    return out;
}

trapspace::Result run(const Network& net, Kind kind, std::size_t limit = 1'000'000,
                      trapspace::EncodingOptions encoding = {}) {
    trapspace::Options o;
    o.kind = kind;
    o.limit = limit;
    o.encoding = encoding;
    return trapspace::find_trap_spaces(net, o, Control{});
}

// The three exact encodings, each forced in turn: default (unate circuits, else diagrams),
// diagrams for every rule, and cofactors for every mixed-sign rule.
const std::vector<std::pair<const char*, trapspace::EncodingOptions>>& encodings() {
    static const std::vector<std::pair<const char*, trapspace::EncodingOptions>> all{
        {"default", {}},
        {"diagrams only", {false, std::size_t{1} << 20, std::size_t{1} << 22}},
        {"cofactors", {true, 0, std::size_t{1} << 22}},
    };
    return all;
}

// A rule check by the reference evaluator on random states of the subspace (independent of
// the encoding): every fixed variable's rule keeps its value.
bool looks_trapped(const Network& net, const Subspace& s, std::mt19937_64& rng, int samples) {
    std::vector<bool> state(net.num_vars());
    for (int k = 0; k < samples; ++k) {
        for (std::size_t i = 0; i < state.size(); ++i) state[i] = s.is_fixed(i) ? s.value(i) : (rng() & 1);
        for (std::uint32_t v = 0; v < net.num_vars(); ++v)
            if (s.is_fixed(v) && evaluate(net.rule(VarId{v}), state) != s.value(v)) return false;
    }
    return true;
}

}  // namespace

TEST_SUITE("trapspace") {
TEST_CASE("a subspace round-trips its string, orders as strings do and lists its states") {
    const std::vector<std::string> samples{"", "*", "0", "1", "01*", "*10", "1*1*0", "**", "10", "*1"};
    for (const auto& a : samples) {
        CAPTURE(a);
        CHECK(Subspace::from_string(a).to_string() == a);
        for (const auto& b : samples) {
            if (a.size() != b.size()) continue;
            CHECK((Subspace::from_string(a) < Subspace::from_string(b)) == (a < b));
        }
    }
    // Across word boundaries too.
    std::string wide(130, '*');
    wide[3] = '1';
    wide[70] = '0';
    wide[129] = '1';
    Subspace w = Subspace::from_string(wide);
    CHECK(w.to_string() == wide);
    CHECK(w.free_count() == 127);
    std::string other = wide;
    other[100] = '0';
    CHECK(w < Subspace::from_string(other));
    CHECK(w.contains(Subspace::from_string(other)));
    CHECK_FALSE(Subspace::from_string(other).contains(w));

    Subspace s = Subspace::from_string("1*0*");
    auto states = s.states();
    REQUIRE(states.size() == 4);
    std::set<std::string> listed;
    for (const auto& st : states) {
        CHECK(s.contains(st));
        listed.insert(st.to_string());
    }
    CHECK(listed == std::set<std::string>{"1000", "1001", "1100", "1101"});
    CHECK_FALSE(s.contains(State::from_string("0000")));
    CHECK(s.intersects(Subspace::from_string("**01")));
    CHECK_FALSE(s.intersects(Subspace::from_string("**11")));
    CHECK(Subspace::of_state(State::from_string("101")).to_string() == "101");
    CHECK_THROWS_AS(Subspace::from_string("01x"), std::invalid_argument);
}

TEST_CASE("minimal and maximal trap spaces equal the brute-force oracle on random networks") {
    std::size_t compared = 0;
    for (std::uint64_t seed = 1; seed <= 160; ++seed) {
        const std::size_t n = 1 + seed % 7;
        Network net = oracle::random_network(n, 1 + seed % 4, seed);
        CAPTURE(seed);
        const auto minimal = texts(oracle::minimal_trap_spaces(net));
        const auto maximal = texts(oracle::maximal_trap_spaces(net));
        for (const auto& [name, encoding] : encodings()) {
            CAPTURE(name);
            auto min = run(net, Kind::minimal, 1'000'000, encoding);
            CHECK(min.complete);
            CHECK(texts(min.trap_spaces) == minimal);
            auto max = run(net, Kind::maximal, 1'000'000, encoding);
            CHECK(max.complete);
            CHECK(texts(max.trap_spaces) == maximal);
        }
        ++compared;
    }
    CHECK(compared == 160);
}

TEST_CASE("trap spaces of perturbed random networks equal the oracle on the perturbed rules") {
    for (std::uint64_t seed = 200; seed < 240; ++seed) {
        Network net = oracle::random_network(6, 3, seed);
        Perturbation p;
        p.add_fix(net, Fix{VarId{static_cast<std::uint32_t>(seed % 6)}, (seed & 1) == 1}, "--fix");
        Network perturbed = apply(net, p);
        CAPTURE(seed);
        CHECK(texts(run(perturbed, Kind::minimal).trap_spaces) == texts(oracle::minimal_trap_spaces(perturbed)));
        CHECK(texts(run(perturbed, Kind::maximal).trap_spaces) == texts(oracle::maximal_trap_spaces(perturbed)));
    }
}

TEST_CASE("a limit lists that many and says complete only when nothing else exists") {
    std::size_t checked = 0;
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        Network net = oracle::random_network(5, 2, seed);
        CAPTURE(seed);
        for (Kind kind : {Kind::minimal, Kind::maximal}) {
            const auto all =
                texts(kind == Kind::minimal ? oracle::minimal_trap_spaces(net) : oracle::maximal_trap_spaces(net));
            if (all.size() < 2) continue;
            const std::set<std::string> everything(all.begin(), all.end());
            auto exact = run(net, kind, all.size());
            CHECK(exact.complete);
            CHECK(exact.trap_spaces.size() == all.size());
            auto partial = run(net, kind, all.size() - 1);
            CHECK_FALSE(partial.complete);
            CHECK(partial.limit == all.size() - 1);
            REQUIRE(partial.trap_spaces.size() == all.size() - 1);
            CHECK(std::is_sorted(partial.trap_spaces.begin(), partial.trap_spaces.end()));
            for (const auto& s : texts(partial.trap_spaces)) CHECK(everything.count(s) == 1);
            auto none = run(net, kind, 0);
            CHECK_FALSE(none.complete);
            CHECK(none.trap_spaces.empty());
            ++checked;
        }
    }
    CHECK(checked > 20);
}

TEST_CASE("a network whose only trap space is the whole space has one minimal and no maximal trap space") {
    // x0 = !x1, x1 = x0: a negative loop, no variable can be fixed.
    NetworkBuilder b("loop");
    VarId x0 = b.declare("x0"), x1 = b.declare("x1");
    b.set_rule(x0, [&] {
        Expr e;
        auto v = e.add_variable(x1);
        std::uint32_t kid[] = {v};
        e.set_root(e.add_operator(Op::negation, kid));
        return e;
    }());
    b.set_rule(x1, Expr::variable(x0));
    Network net = std::move(b).build();
    auto min = run(net, Kind::minimal);
    CHECK(texts(min.trap_spaces) == std::vector<std::string>{"**"});
    CHECK(min.complete);
    auto max = run(net, Kind::maximal);
    CHECK(max.trap_spaces.empty());
    CHECK(max.complete);
}

TEST_CASE("a rule too large for every exact encoding is refused with a resource error") {
    // With no diagram and no room for cofactors, a rule that needs a split cannot be
    // encoded: x0 = x1 ^ x2 (a parity, so both regulators occur under both signs).
    trapspace::EncodingOptions starved{true, 0, 0};
    NetworkBuilder b("xor");
    VarId x0 = b.declare("x0"), x1 = b.declare("x1"), x2 = b.declare("x2");
    Expr rule;
    std::uint32_t kids[] = {rule.add_variable(x1), rule.add_variable(x2)};
    rule.set_root(rule.add_operator(Op::exclusive_or, kids));
    b.set_rule(x0, rule);
    b.set_rule(x1, Expr::variable(x1));
    b.set_rule(x2, Expr::variable(x2));
    Network xor_net = std::move(b).build();
    CHECK_THROWS_WITH_AS(run(xor_net, Kind::minimal, 10, starved),
                         "the rule of x0 is too large to encode exactly for trap spaces (its decision diagram "
                         "and its cofactors exceed their budgets)",
                         ResourceError);
    CHECK(run(xor_net, Kind::minimal, 10, {true, 0, std::size_t{1} << 22}).encoding.cofactored == 1);
}

TEST_CASE("every minimal trap space of a random network holds an asynchronous attractor") {
    for (std::uint64_t seed = 300; seed < 360; ++seed) {
        Network net = oracle::random_network(3 + seed % 6, 3, seed);
        CAPTURE(seed);
        auto attractors = oracle::asynchronous_attractors(net);
        auto min = run(net, Kind::minimal);
        for (const auto& space : min.trap_spaces) {
            CAPTURE(space.to_string());
            bool holds = false;
            for (const auto& a : attractors)
                holds |=
                    std::all_of(a.states.begin(), a.states.end(), [&](const State& s) { return space.contains(s); });
            CHECK(holds);
        }
    }
}

TEST_CASE("trap spaces equal the brute-force oracle on every shared model with at most 12 variables") {
    auto models = bbm_models();
    if (models.empty()) {
        MESSAGE("skipped: " << BITSIG_SHARED_DIR << "/models/bbm not found");
        return;
    }
    std::size_t compared = 0;
    for (const auto& path : models) {
        Network net = load_network(path.string());
        if (net.num_vars() > 12) continue;
        CAPTURE(path.filename().string());
        CHECK(texts(run(net, Kind::minimal).trap_spaces) == texts(oracle::minimal_trap_spaces(net)));
        CHECK(texts(run(net, Kind::maximal).trap_spaces) == texts(oracle::maximal_trap_spaces(net)));
        ++compared;
    }
    MESSAGE(compared << " shared models compared with the oracle");
    CHECK(compared >= 20);
}

TEST_CASE("on every shared model, the minimal trap spaces without '*' are the fixed points") {
    auto models = bbm_models();
    if (models.empty()) {
        MESSAGE("skipped: " << BITSIG_SHARED_DIR << "/models/bbm not found");
        return;
    }
    constexpr std::size_t kLimit = 30;
    std::mt19937_64 rng(5);
    std::size_t exact = 0, partial = 0;
    for (const auto& path : models) {
        Network net = load_network(path.string());
        CAPTURE(path.filename().string());
        auto min = run(net, Kind::minimal, kLimit);
        SearchOptions so;
        so.fixed_points.max_solutions = kLimit;
        Result fixed = find_all_fixed_points(net, so, Control{});
        std::set<std::string> points, spaces_without_star;
        for (const auto& a : fixed.attractors) points.insert(a.states.front().to_string());
        for (std::size_t k = 0; k < min.trap_spaces.size(); ++k) {
            const Subspace& s = min.trap_spaces[k];
            // The reference evaluator takes milliseconds on the largest truth-table rules.
            if (k < 10) CHECK(looks_trapped(net, s, rng, 4));
            if (s.free_count() == 0) {
                spaces_without_star.insert(s.to_string());
                // A trap space of one state is a fixed point: x = f(x).
                std::vector<bool> x = s.states().front().to_bools();
                for (std::uint32_t v = 0; v < net.num_vars(); ++v) CHECK(evaluate(net.rule(VarId{v}), x) == x[v]);
            }
        }
        if (min.complete && fixed.complete) {
            CHECK(spaces_without_star == points);
            ++exact;
        } else {
            // Minimal trap spaces are disjoint, so no fixed point lies inside a listed one with '*'.
            for (const auto& s : min.trap_spaces)
                if (s.free_count() > 0)
                    for (const auto& p : points) CHECK_FALSE(s.contains(State::from_string(p)));
            ++partial;
        }
    }
    MESSAGE(exact << " models compared exactly, " << partial << " with more than " << kLimit
                  << " fixed points or trap spaces checked partially");
    CHECK(exact > 80);
}

TEST_CASE("on every shared model small enough, each minimal trap space holds an asynchronous attractor") {
    auto models = bbm_models();
    if (models.empty()) {
        MESSAGE("skipped: " << BITSIG_SHARED_DIR << "/models/bbm not found");
        return;
    }
    std::size_t checked = 0;
    for (const auto& path : models) {
        Network net = load_network(path.string());
        if (net.num_vars() > 16) continue;
        CAPTURE(path.filename().string());
        Result async = exhaustive_asynchronous(net, ExhaustiveOptions{false, true, 4096, 0.85}, Control{});
        auto min = run(net, Kind::minimal);
        REQUIRE(min.complete);
        for (const auto& space : min.trap_spaces) {
            CAPTURE(space.to_string());
            bool holds = false;
            // An attractor with one state in a trap space lies inside it (its states reach
            // each other and nothing leaves the space), so the first listed state decides
            // even for attractors too large to list.
            for (const auto& a : async.attractors) holds |= space.contains(a.states.front());
            CHECK(holds);
        }
        ++checked;
    }
    MESSAGE(checked << " shared models checked against their asynchronous attractors");
    CHECK(checked >= 40);
}

TEST_CASE("the largest rules of the shared collection encode without truth tables") {
    auto models = bbm_models();
    if (models.empty()) {
        MESSAGE("skipped: " << BITSIG_SHARED_DIR << "/models/bbm not found");
        return;
    }
    // ERBB (rules over 27 regulators) and NSP14 (a rule over 57 regulators whose DNF has
    // hundreds of thousands of terms).
    for (const char* name : {"004_ERBB-RECEPTOR-SIGNALING.bnet", "122_NSP14.bnet"}) {
        CAPTURE(name);
        Network net = load_network((std::filesystem::path(BITSIG_SHARED_DIR) / "models" / "bbm" / name).string());
        std::size_t widest = 0;
        for (std::uint32_t v = 0; v < net.num_vars(); ++v) widest = std::max(widest, net.regulators(VarId{v}).size());
        CHECK(widest >= 27);
        const auto start = std::chrono::steady_clock::now();
        auto min = run(net, Kind::minimal, 100);
        CHECK(min.trap_spaces.size() == 100);
        auto max = run(net, Kind::maximal, 100);
        CHECK_FALSE(max.trap_spaces.empty());
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
        std::mt19937_64 rng(3);
        for (const auto& s : min.trap_spaces) CHECK(looks_trapped(net, s, rng, 8));
        for (const auto& s : max.trap_spaces) CHECK(looks_trapped(net, s, rng, 8));
    }
}
}
