// SPDX-License-Identifier: MIT
// Response to treatment against the brute-force oracle (explicit state graph with the
// reference evaluator, absorption by Gaussian elimination): random networks and the shared
// BBM models of at most 12 variables, synchronous and asynchronous, one to three steps, from
// attractors and from (partial) initial states. Also the bit-parallel batch evaluator and
// the exact wording of bad-input errors.
#include <filesystem>
#include <random>
#include <set>

#include <doctest/doctest.h>

#include "dynamics/step.hpp"
#include "io/source.hpp"
#include "io/yaml.hpp"
#include "oracle/oracle.hpp"
#include "oracle/response_oracle.hpp"
#include "paths.hpp"
#include "perturb/conditions.hpp"
#include "perturb/perturbation.hpp"
#include "query/check.hpp"
#include "response/batch.hpp"
#include "response/dense.hpp"
#include "response/initial.hpp"
#include "response/response.hpp"

using namespace bitsig;

namespace {

oracle::AttractorKey key_of(const Attractor& a) {
    REQUIRE_FALSE(a.truncated);
    oracle::AttractorKey k;
    for (const auto& s : a.states) k.push_back(s.to_string());
    std::sort(k.begin(), k.end());
    return k;
}

// Compares the engine's answer with the oracle's, start by start.
// How many compared probabilities were strictly between 0 and 1 (the tests need some).
std::size_t fractional_probabilities = 0;

void check_against_oracle(const Network& net, const ResponseQuery& q, const ResponseResult& r,
                          const std::vector<std::vector<State>>& groups) {
    std::vector<Network> steps;
    for (const auto& c : q.steps) steps.push_back(apply(net, resolve(net, c)));
    auto expected = oracle::response(steps, groups, q.update == UpdateScheme::synchronous);
    REQUIRE(r.responses.size() == expected.size());
    CHECK(r.complete);
    CHECK(r.probabilities_exact);
    for (std::size_t s = 0; s < expected.size(); ++s) {
        CAPTURE(s);
        const StartResponse& sr = r.responses[s];
        REQUIRE(sr.start == s);
        oracle::Distribution got;
        for (std::size_t k = 0; k < sr.reachable.size(); ++k)
            got[key_of(r.attractors[sr.reachable[k]])] = sr.probabilities[k];
        REQUIRE(got.size() == expected[s].size());
        for (const auto& [att, p] : expected[s]) {
            CAPTURE(att.front());
            REQUIRE(got.count(att) == 1);
            CHECK(got[att] == doctest::Approx(p).epsilon(1e-9));
            fractional_probabilities += p > 1e-9 && p < 1 - 1e-9;
        }
    }
}

std::vector<std::vector<State>> groups_of(const ResponseResult& r) {
    std::vector<std::vector<State>> groups;
    for (const auto& a : r.start) groups.push_back(a.states);
    return groups;
}

std::string random_fix(std::mt19937_64& rng, std::size_t n) {
    return "fix=x" + std::to_string(rng() % n) + "=" + std::to_string(rng() % 2);
}

std::vector<std::filesystem::path> small_bbm_models(std::size_t max_vars) {
    std::filesystem::path dir = std::filesystem::path(BITSIG_SHARED_DIR) / "models" / "bbm";
    std::vector<std::filesystem::path> out;
    if (!std::filesystem::is_directory(dir)) return out;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().extension() == ".bnet" && load_network(e.path().string()).num_vars() <= max_vars)
            out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

// One step from the all-zero state of a 30-variable network, asked for an exact answer
// within 4 states: what each exact layout must refuse.
struct TinyBudget {
    Network net;
    ResponseQuery query;
    ResponseOptions options;
};

TinyBudget tiny_budget(StepLayout layout) {
    TinyBudget t{oracle::random_network(30, 2, 3), {}, {}};
    t.query.initial = std::string(30, '0');
    t.query.steps.push_back(Conditions::parse(""));
    t.options.method = ResponseMethod::exact;
    t.options.limits.layout = layout;
    t.options.limits.max_states = 4;
    return t;
}

}  // namespace

TEST_SUITE("response") {
TEST_CASE("the 64x64 bit transpose swaps rows and columns") {
    std::mt19937_64 rng(7);
    std::uint64_t m[64], t[64];
    for (auto& x : m) x = rng();
    std::copy(m, m + 64, t);
    transpose_64x64(t);
    for (unsigned i = 0; i < 64; ++i)
        for (unsigned j = 0; j < 64; ++j) REQUIRE(((t[j] >> i) & 1) == ((m[i] >> j) & 1));
}

TEST_CASE("the batch stepper agrees with the one-state evaluator") {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        CAPTURE(seed);
        Network net = oracle::random_network(3 + seed % 40, 3, seed);
        BatchStepper stepper(net);
        std::mt19937_64 rng(seed);
        std::uint64_t states[64], next[64], masks[64];
        std::size_t n = net.num_vars();
        for (auto& s : states) s = n == 64 ? rng() : rng() & ((std::uint64_t{1} << n) - 1);
        std::size_t count = 1 + seed % 64;
        stepper.successors(states, count, next);
        stepper.disagreements(states, count, masks);
        for (std::size_t i = 0; i < count; ++i) {
            State s = State::from_index(states[i], n);
            CHECK(step_synchronous(net, s).index() == next[i]);
            CHECK((next[i] ^ states[i]) == masks[i]);
        }
    }
}

TEST_CASE("responses on random networks equal the oracle's, one to three steps, both schemes") {
    fractional_probabilities = 0;
    std::size_t compared = 0;
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        CAPTURE(seed);
        std::mt19937_64 rng(seed * 31);
        std::size_t n = 4 + seed % 7;
        Network net = oracle::random_network(n, 3, seed);
        ResponseQuery q;
        q.update = seed % 2 ? UpdateScheme::asynchronous : UpdateScheme::synchronous;
        if (seed % 3 == 0) q.from = Conditions::parse(random_fix(rng, n));
        std::size_t steps = 1 + seed % 3;
        for (std::size_t i = 0; i < steps; ++i)
            q.steps.push_back(Conditions::parse(i == 0 || rng() % 2 ? random_fix(rng, n) : ""));
        ResponseResult r;
        try {
            r = respond(net, q, {}, {});
        } catch (const InputError&) {
            continue;  // two fixes of one variable with different values
        }
        CHECK(r.method == "explicit");
        check_against_oracle(net, q, r, groups_of(r));
        ++compared;
    }
    CHECK(compared >= 40);
    CHECK(fractional_probabilities >= 10);
}

TEST_CASE("a partial initial state starts from all its completions") {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        CAPTURE(seed);
        std::mt19937_64 rng(seed);
        std::size_t n = 5 + seed % 5;
        Network net = oracle::random_network(n, 3, seed + 100);
        ResponseQuery q;
        q.update = seed % 2 ? UpdateScheme::asynchronous : UpdateScheme::synchronous;
        std::string initial = "x0=" + std::to_string(rng() % 2) + " x" + std::to_string(1 + rng() % (n - 1)) + "=1";
        q.initial = initial;
        q.steps.push_back(Conditions::parse(random_fix(rng, n)));
        q.steps.push_back(Conditions::parse(""));
        ResponseResult r;
        try {
            r = respond(net, q, {}, {});
        } catch (const InputError&) {
            continue;
        }
        REQUIRE(r.from_initial);
        REQUIRE(r.start.size() == 1);
        // The completions, built independently of the engine.
        PartialState partial = parse_initial_state(net, initial);
        std::vector<State> group;
        for (std::uint64_t x = 0; x < (std::uint64_t{1} << n); ++x) {
            State s = State::from_index(x, n);
            bool match = true;
            for (std::size_t v = 0; v < n; ++v) match = match && (!partial.is_fixed(v) || s.get(v) == partial.value(v));
            if (match) group.push_back(s);
        }
        check_against_oracle(net, q, r, {group});
    }
}

TEST_CASE("responses on the shared models of at most 12 variables equal the oracle's") {
    auto models = small_bbm_models(12);
    if (models.empty()) {
        MESSAGE("skipped: " << BITSIG_SHARED_DIR << "/models/bbm not found");
        return;
    }
    MESSAGE(models.size(), " shared models of at most 12 variables");
    for (const auto& path : models) {
        CAPTURE(path.filename().string());
        Network net = load_network(path.string());
        // Knock out the first variable with a rule, then over-express the last one.
        std::string first, last;
        for (std::uint32_t v = 0; v < net.num_vars(); ++v)
            if (!net.is_input(VarId{v}) && !net.is_constant(VarId{v})) {
                if (first.empty()) first = net.name(VarId{v});
                last = net.name(VarId{v});
            }
        if (first.empty()) continue;
        for (auto update : {UpdateScheme::asynchronous, UpdateScheme::synchronous}) {
            CAPTURE(to_string(update));
            ResponseQuery q;
            q.update = update;
            q.steps.push_back(Conditions::parse("ko=" + first));
            q.steps.push_back(Conditions::parse("oe=" + last));
            ResponseResult r = respond(net, q, {}, {});
            check_against_oracle(net, q, r, groups_of(r));
        }
    }
}

TEST_CASE("sampling estimates agree with the exact answer within a few standard errors") {
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        CAPTURE(seed);
        std::mt19937_64 rng(seed * 7);
        std::size_t n = 6 + seed % 4;
        Network net = oracle::random_network(n, 3, seed + 500);
        ResponseQuery q;
        q.update = seed % 2 ? UpdateScheme::asynchronous : UpdateScheme::synchronous;
        q.steps.push_back(Conditions::parse(random_fix(rng, n)));
        if (seed % 3 == 0) q.steps.push_back(Conditions::parse(""));
        ResponseOptions o;
        o.samples = 4000;
        ResponseResult exact = respond(net, q, o, {});
        o.method = ResponseMethod::sample;
        ResponseResult sampled = respond(net, q, o, {});
        CHECK_FALSE(sampled.probabilities_exact);
        CHECK_FALSE(sampled.complete);
        REQUIRE(sampled.responses.size() == exact.responses.size());
        for (std::size_t s = 0; s < exact.responses.size(); ++s) {
            std::map<oracle::AttractorKey, double> want;
            for (std::size_t k = 0; k < exact.responses[s].reachable.size(); ++k)
                want[key_of(exact.attractors[exact.responses[s].reachable[k]])] = exact.responses[s].probabilities[k];
            const auto& sr = sampled.responses[s];
            for (std::size_t k = 0; k < sr.reachable.size(); ++k) {
                auto key = key_of(sampled.attractors[sr.reachable[k]]);
                REQUIRE(want.count(key) == 1);  // sampling never invents an attractor
                CHECK(std::abs(sr.probabilities[k] - want[key]) <= 5 * sr.standard_errors[k] + 0.01);
            }
        }
    }
}

TEST_CASE("an exploration beyond its state budget is refused with advice") {
    Network net = oracle::random_network(30, 2, 3);
    ResponseQuery q;
    q.initial = std::string(30, '0');
    q.steps.push_back(Conditions::parse(""));
    ResponseOptions o;
    o.method = ResponseMethod::exact;
    o.limits.max_states = 4;
    std::string message;
    try {
        respond(net, q, o, {});
    } catch (const ResourceError& e) {
        message = e.what();
    }
    CHECK(message.find("use --method sample for estimates") != std::string::npos);
    o.method = ResponseMethod::automatic;
    ResponseResult r = respond(net, q, o, {});
    CHECK(r.method == "sample");
}

TEST_CASE("the whole-space layout gives the oracle's answer on random networks") {
    fractional_probabilities = 0;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        CAPTURE(seed);
        std::mt19937_64 rng(seed * 13);
        std::size_t n = 3 + seed % 9;  // below and above one word (64 states) and one block
        Network net = oracle::random_network(n, 3, seed + 900);
        ResponseQuery q;
        ResponseOptions o;
        o.limits.layout = StepLayout::whole_space;
        if (seed % 2) {
            q.initial = "x0=" + std::to_string(rng() % 2);  // many completions: several basins
        } else {
            q.from = Conditions::parse(random_fix(rng, n));
        }
        std::size_t steps = 1 + seed % 3;
        for (std::size_t i = 0; i < steps; ++i)
            q.steps.push_back(Conditions::parse(i == 0 || rng() % 2 ? random_fix(rng, n) : ""));
        ResponseResult r;
        try {
            r = respond(net, q, o, {});
        } catch (const InputError&) {
            continue;
        }
        std::vector<std::vector<State>> groups = groups_of(r);
        if (q.initial) {
            groups.assign(1, {});
            for (std::uint64_t x = 0; x < (std::uint64_t{1} << n); ++x) {
                State s = State::from_index(x, n);
                if (s.get(0) == (*q.initial == "x0=1")) groups[0].push_back(s);
            }
        }
        check_against_oracle(net, q, r, groups);
    }
    CHECK(fractional_probabilities >= 20);
}

TEST_CASE("the whole-space and reachable layouts agree on networks of 15 to 19 variables") {
    std::size_t fractional = 0;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        CAPTURE(seed);
        std::size_t n = 15 + seed % 5;  // moves between blocks of 2^14 states
        Network net = oracle::random_network(n, 2, seed + 1700);
        ResponseQuery q;
        q.initial = "x1=0 x2=1 x3=" + std::to_string(seed % 2) + " x4=1 x5=0 x6=1 x7=0 x8=1 x9=0 x10=1 x11=1";
        q.steps.push_back(Conditions::parse("ko=x0"));
        ResponseOptions o;
        o.method = ResponseMethod::exact;
        o.limits.layout = StepLayout::whole_space;
        ResponseResult whole = respond(net, q, o, {});
        o.limits.layout = StepLayout::reachable;
        ResponseResult listed = respond(net, q, o, {});
        CHECK(whole.explored_states == listed.explored_states);
        REQUIRE(whole.attractors.size() == listed.attractors.size());
        for (std::size_t a = 0; a < whole.attractors.size(); ++a) {
            CHECK(whole.attractors[a].size == listed.attractors[a].size);
            CHECK(whole.attractors[a].states == listed.attractors[a].states);  // the listed part when truncated
        }
        REQUIRE(whole.responses.size() == listed.responses.size());
        for (std::size_t s = 0; s < whole.responses.size(); ++s) {
            CHECK(whole.responses[s].reachable == listed.responses[s].reachable);
            REQUIRE(whole.responses[s].probabilities.size() == listed.responses[s].probabilities.size());
            for (std::size_t j = 0; j < whole.responses[s].probabilities.size(); ++j) {
                double p = listed.responses[s].probabilities[j];
                CHECK(whole.responses[s].probabilities[j] == doctest::Approx(p).epsilon(1e-9));
                fractional += p > 1e-9 && p < 1 - 1e-9;
            }
        }
        CHECK(whole.probabilities_exact);
    }
    CHECK(fractional >= 4);
}

TEST_CASE("whole-space absorption from every state equals the oracle's, including states that can reach several "
          "attractors") {
    std::uint64_t undetermined = 0;
    std::size_t compared = 0;
    for (std::uint64_t seed = 1; seed <= 30; ++seed) {
        CAPTURE(seed);
        std::size_t n = 2 + seed % 9;
        Network net = oracle::random_network(n, 3, seed + 2300);
        bool constant = false;
        for (std::uint32_t v = 0; v < n; ++v) constant = constant || net.is_constant(VarId{v});
        if (constant) continue;  // a step would first set it (the oracle does), this call does not
        ++compared;
        std::vector<State> all;
        PackedStart start;
        for (std::uint64_t x = 0; x < (std::uint64_t{1} << n); ++x) {
            all.push_back(State::from_index(x, n));
            start.push_back({x, 1.0 / static_cast<double>(std::uint64_t{1} << n)});
        }
        DenseOutcome d = explore_dense(net, {start}, StepLimits{}, std::uint64_t{1} << 30, {});
        auto expected = oracle::response({net}, {all}, false);
        CHECK(d.explored_states == all.size());
        CHECK(d.max_error <= 1e-12);
        undetermined += d.undetermined_states;
        oracle::Distribution got;
        for (std::size_t a = 0; a < d.attractors.size(); ++a) {
            oracle::AttractorKey key;
            for (auto s : d.attractors[a]) key.push_back(State::from_index(s, n).to_string());
            std::sort(key.begin(), key.end());
            CHECK(d.reachable[0][a]);
            got[key] = d.probability[0][a];
        }
        REQUIRE(got.size() == expected[0].size());
        for (const auto& [att, p] : expected[0]) {
            REQUIRE(got.count(att) == 1);
            CHECK(got[att] == doctest::Approx(p).epsilon(1e-9));
        }
    }
    CHECK(compared >= 15);
    CHECK(undetermined >= 50);
}

TEST_CASE("symbolic reachability finds the oracle's attractors, with exact or estimated probabilities") {
    std::size_t exact = 0, estimated = 0;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        CAPTURE(seed);
        std::mt19937_64 rng(seed * 17);
        std::size_t n = 3 + seed % 8;
        Network net = oracle::random_network(n, 3, seed + 3100);
        ResponseQuery q;
        if (seed % 2) q.from = Conditions::parse(random_fix(rng, n));
        std::size_t steps = 1 + seed % 2;
        for (std::size_t i = 0; i < steps; ++i)
            q.steps.push_back(Conditions::parse(i == 0 || rng() % 2 ? random_fix(rng, n) : ""));
        ResponseOptions o;
        o.limits.layout = StepLayout::symbolic;
        o.samples = 3000;
        o.seed = seed;
        ResponseResult r;
        try {
            r = respond(net, q, o, {});
        } catch (const InputError&) {
            continue;
        }
        CHECK(r.method == "symbolic");
        CHECK(r.complete);
        std::vector<Network> nets;
        for (const auto& c : q.steps) nets.push_back(apply(net, resolve(net, c)));
        auto expected = oracle::response(nets, groups_of(r), false);
        REQUIRE(r.responses.size() == expected.size());
        for (std::size_t s = 0; s < expected.size(); ++s) {
            const StartResponse& sr = r.responses[s];
            std::map<oracle::AttractorKey, std::size_t> got;
            for (std::size_t k = 0; k < sr.reachable.size(); ++k) got[key_of(r.attractors[sr.reachable[k]])] = k;
            REQUIRE(got.size() == expected[s].size());  // exactly the reachable attractors
            for (const auto& [att, p] : expected[s]) {
                REQUIRE(got.count(att) == 1);
                std::size_t k = got[att];
                if (r.probabilities_exact) {
                    CHECK(sr.probabilities[k] == doctest::Approx(p).epsilon(1e-9));
                } else {
                    REQUIRE(sr.standard_errors.size() == sr.probabilities.size());
                    CHECK(std::abs(sr.probabilities[k] - p) <= 5 * sr.standard_errors[k] + 0.02);
                }
            }
        }
        (r.probabilities_exact ? exact : estimated) += 1;
    }
    CHECK(exact >= 10);
    CHECK(estimated >= 3);
}

TEST_CASE("a shared model beyond the whole-space limit is answered symbolically") {
    std::filesystem::path path =
        std::filesystem::path(BITSIG_SHARED_DIR) / "models" / "bbm" / "176_MYELOFIBROTIC-MICROENVIRONMENT.bnet";
    if (!std::filesystem::exists(path)) {
        MESSAGE("skipped: " << path.string() << " not found");
        return;
    }
    Network net = load_network(path.string());
    REQUIRE(net.num_vars() > kMaxDenseVariables);
    ResponseQuery q;
    q.initial = std::string(net.num_vars(), '0');
    q.steps.push_back(Conditions::parse(""));
    ResponseOptions o;
    o.method = ResponseMethod::exact;
    ResponseResult r = respond(net, q, o, {});
    CHECK(r.method == "symbolic");
    CHECK(r.complete);
    CHECK(r.probabilities_exact);
    CHECK(r.explored_states > (std::uint64_t{1} << 28));  // far beyond an explicit exploration
    REQUIRE(r.responses.size() == 1);
    // Every attractor reached is a terminal component: closed under moves, and every state
    // reaches every other (checked with the reference evaluator).
    double total = 0;
    for (std::size_t k = 0; k < r.responses[0].reachable.size(); ++k) {
        const Attractor& a = r.attractors[r.responses[0].reachable[k]];
        REQUIRE_FALSE(a.truncated);
        total += r.responses[0].probabilities[k];
        std::set<State> members(a.states.begin(), a.states.end());
        for (const auto& s : a.states)
            for (const auto& t : successors_asynchronous(net, s)) CHECK(members.count(t) == 1);
        std::set<State> seen{a.states.front()};
        std::vector<State> queue{a.states.front()};
        for (std::size_t i = 0; i < queue.size(); ++i)
            for (const auto& t : successors_asynchronous(net, queue[i]))
                if (seen.insert(t).second) queue.push_back(t);
        CHECK(seen == members);
    }
    CHECK(total == doctest::Approx(1.0));
    // Past its node budget the symbolic method stops with the reason.
    o.limits.symbolic_max_nodes = 1000;
    CHECK_THROWS_WITH_AS(respond(net, q, o, {}),
                         "exact response: symbolic reachability over 49 free variables stopped: the decision diagrams "
                         "grew past the budget of 1000 nodes or 10 s; use --method sample for estimates, or hold more "
                         "variables (--from/--to fix=...)",
                         ResourceError);
}

TEST_CASE("an exact response that reaches more states than its budget is refused with advice") {
    const TinyBudget t = tiny_budget(StepLayout::reachable);
    CHECK_THROWS_WITH_AS(respond(t.net, t.query, t.options, {}),
                         "exact response: more than 4 states are reachable (of 2^25), about 0.0 GiB of memory; use "
                         "--method sample for estimates, or hold more variables (--from/--to fix=...)",
                         ResourceError);
}

TEST_CASE("a whole-space exploration beyond the memory budget is refused with advice") {
    const TinyBudget t = tiny_budget(StepLayout::whole_space);
    CHECK_THROWS_WITH_AS(respond(t.net, t.query, t.options, {}),
                         "exact response: a whole-space exploration of 2^25 states needs about 0.12 GiB, more than the "
                         "0.00 GiB allowed; use --method sample for estimates, or hold more variables (--from/--to "
                         "fix=...)",
                         ResourceError);
}

TEST_CASE("bad initial states and conditions are located errors with the exact message") {
    Network net = oracle::random_network(4, 2, 1);
    struct Case {
        std::string text;
        std::string expected;
    };
    std::vector<Case> cases{
        {"010", "--initial:1:4: error: initial state has 3 characters but the model has 4 variables\n"
                "    1 | 010\n      |    ^\nnote: one character per variable, in model order (bitsig info lists them)"},
        {"01x1", "--initial:1:3: error: initial state: character 'x' at position 3 is not 0 or 1\n    1 | 01x1\n"
                 "      |   ^"},
        {"x0=1 y1=0", "--initial:1:6: error: unknown variable 'y1' in --initial\n    1 | x0=1 y1=0\n"
                      "      |      ^~\nnote: did you mean 'x1'?"},
        {"x0=2", "--initial:1:1: error: --initial expects NAME=0 or NAME=1, got 'x0=2'\n    1 | x0=2\n"
                 "      | ^~~~"},
        {"x0=1 x0=0", "--initial:1:6: error: --initial sets 'x0' to both 0 and 1\n    1 | x0=1 x0=0\n"
                      "      |      ^~~~"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK_THROWS_WITH_AS(parse_initial_state(net, c.text), c.expected.c_str(), InputError);
    }
    ResponseQuery q;
    q.steps.push_back(Conditions::parse("fix=x1=1 ko=x1"));
    CHECK_THROWS_WITH_AS(respond(net, q, {}, {}),
                         "error: conflicting perturbations: --ko x1 holds 'x1' at 0 but --fix x1=1 holds it at 1",
                         InputError);
    ResponseQuery both;
    both.from = Conditions::parse("ko=x1");
    both.initial = "0000";
    both.steps.push_back(Conditions::parse(""));
    CHECK_THROWS_WITH_AS(respond(net, both, {}, {}), "error: --initial and --from both give the start; use one of them",
                         InputError);
    ResponseQuery none;
    CHECK_THROWS_WITH_AS(respond(net, none, {}, {}), "error: a response needs at least one step (--to CONDITIONS)",
                         InputError);
}
}

namespace {

const char* kToggleHeader = R"(format: bitsig-network/1
name: toggle_history
variables:
  Drug: {default: 0}
  A: {rule: "!B & !Drug"}
  B: {rule: "!A | Drug"}
drugs:
  reset: {sets: {Drug: 1}}
readouts:
  Alive: {rule: "A"}
  Dying: {rule: "B"}
scenarios:
)";

std::string yaml_error(const std::string& scenarios) {
    try {
        read_yaml(std::string(kToggleHeader) + scenarios, "t.yaml");
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_SUITE("response") {
TEST_CASE("scenarios with history are checked through the response") {
    Network net = read_yaml(std::string(kToggleHeader) + R"(  even_split:
    initial: "011"
    update: async
    expect_some: {Alive: 1}
    expect_probability: {Alive: {at_least: 0.5, at_most: 0.5}}
  reset_remembers:
    from: {}
    steps: [{drugs: [reset]}, {}]
    expect: {Dying: 1}
  too_hopeful:
    initial: "A=1 B=1"
    update: async
    expect_probability: {Alive: {at_least: 0.9}}
  documented:
    from: {drugs: [reset]}
    expect_some: {Alive: 1}
    known_disagreement: "the drug is gone but the cell remembers it"
  plain_some:
    expect_some: {Alive: 1, Dying: 1}
  plain_some_fails:
    drugs: [reset]
    expect_some: {Alive: 1}
)",
                            "t.yaml");
    struct Case {
        std::string scenario;
        Verdict verdict;
    };
    std::vector<Case> cases{{"even_split", Verdict::pass},  {"reset_remembers", Verdict::pass},
                            {"too_hopeful", Verdict::fail}, {"documented", Verdict::known_failure},
                            {"plain_some", Verdict::pass},  {"plain_some_fails", Verdict::fail}};
    for (const auto& c : cases) {
        CAPTURE(c.scenario);
        const Scenario* s = net.find_scenario(c.scenario);
        REQUIRE(s != nullptr);
        ScenarioOutcome o = check_scenario(net, *s, SearchOptions{}, Control{});
        CHECK(o.verdict == c.verdict);
        if (c.scenario == "even_split") {
            REQUIRE(o.schemes.size() == 1);
            REQUIRE(o.schemes[0].response.has_value());
            const auto& probabilities = o.schemes[0].expectations[1].values;
            REQUIRE(probabilities.size() == 1);
            CHECK(probabilities[0] == doctest::Approx(0.5));
        }
        if (c.scenario == "too_hopeful") CHECK(expectation_text(s->expect[0]) == "P(Alive)>=0.9");
    }
    // Written back and read again, the history survives.
    Network again = read_yaml(write_yaml(net), "again.yaml");
    const Scenario* s = again.find_scenario("reset_remembers");
    REQUIRE(s != nullptr);
    CHECK(s->from.has_value());
    REQUIRE(s->steps.size() == 2);
    CHECK(s->steps[0].drugs == std::vector<std::string>{"reset"});
    CHECK(again.find_scenario("even_split")->expect.size() == 3);
    CHECK(check_scenario(again, *again.find_scenario("even_split"), SearchOptions{}, Control{}).verdict ==
          Verdict::pass);
}

TEST_CASE("errors in scenario history are located in the file") {
    struct Case {
        std::string scenarios;
        std::string expected;
    };
    std::vector<Case> cases{
        {"  s:\n    expect_probability: {Alive: {at_least: 0.5}}\n",
         "t.yaml:14:25: error: 'expect_probability' of scenario 's' needs a start: add 'from' (conditions) or "
         "'initial' (a state)\n   14 |     expect_probability: {Alive: {at_least: 0.5}}\n      |                   "
         "      ^"},
        {"  s:\n    initial: \"011\"\n    expect_probability: {Alive: {at_least: 1.5}}\n",
         "t.yaml:15:44: error: expected a probability between 0 and 1 for 'at_least', found '1.5'\n"
         "   15 |     expect_probability: {Alive: {at_least: 1.5}}\n      |                                        "
         "    ^"},
        {"  s:\n    from: {}\n    initial: \"011\"\n",
         "t.yaml:15:14: error: 'from' and 'initial' both give the start of scenario 's'; use one of them\n"
         "   15 |     initial: \"011\"\n      |              ^"},
        {"  s:\n    drugs: [reset]\n    steps: [{}]\n",
         "t.yaml:15:12: error: scenario 's' has both its own drugs/contexts/fix and 'steps'; put the first step in "
         "'steps'\n   15 |     steps: [{}]\n      |            ^"},
        {"  s:\n    initial: \"0101\"\n",
         "t.yaml:14:14: error: 'initial' of scenario 's' has 4 characters but the model has 3 variables\n"
         "   14 |     initial: \"0101\"\n      |              ^"},
        {"  s:\n    from: {drugs: [rest]}\n",
         "t.yaml:14:20: error: unknown drug 'rest' in 'from' of scenario 's'\n   14 |     from: {drugs: [rest]}\n"
         "      |                    ^~~~\nnote: did you mean 'reset'?"},
        {"  s:\n    from: {drug: [reset]}\n",
         "t.yaml:14:12: error: unknown key 'drug' in 'from' of scenario 's'\n   14 |     from: {drug: [reset]}\n"
         "      |            ^~~~\nnote: did you mean 'drugs'?"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.scenarios);
        CHECK(yaml_error(c.scenarios) == c.expected);
    }
}
}
