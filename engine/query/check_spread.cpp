// SPDX-License-Identifier: MIT
// Scenarios are independent, so each is a work item; its outcome travels back to rank 0
// whole (attractor states included), so the JSON and the table show the same thing as on
// one process. Doubles travel bit for bit (distributed/wire.hpp).
#include "query/check_spread.hpp"

#include "distributed/wire.hpp"

namespace bitsig {

namespace {

void write_count(WireWriter& w, const std::optional<Count>& c) {
    w.boolean(c.has_value());
    if (c) w.str(c->to_string());
}

std::optional<Count> read_count(WireReader& in) {
    if (!in.boolean()) return std::nullopt;
    Count c;
    for (char digit : in.str()) {  // c = 10 c + digit
        Count eight = c, two = c;
        eight.shift_left(3);
        two.shift_left(1);
        c = eight + two + Count(static_cast<std::uint64_t>(digit - '0'));
    }
    return c;
}

void write_result(WireWriter& w, const Result& r) {
    w.u64(r.attractors.size());
    for (const auto& a : r.attractors) {
        w.u8(static_cast<std::uint8_t>(a.kind));
        w.u64(a.states.size());
        for (const auto& s : a.states) w.str(s.to_string());
        w.opt_u64(a.basin_size);
        w.opt_u64(a.samples);
        w.u64(a.size);
        w.boolean(a.truncated);
        w.str(a.trap_space);
    }
    w.u8(static_cast<std::uint8_t>(r.update));
    w.u8(static_cast<std::uint8_t>(r.method));
    w.boolean(r.complete);
    w.u64(r.searched_states);
    w.u64(r.searched_variables);
    w.strings(r.notes);
    w.boolean(r.timed_out);
    write_count(w, r.fixed_point_count);
}

Result read_result(WireReader& in) {
    Result r;
    r.attractors.resize(in.u64());
    for (auto& a : r.attractors) {
        a.kind = static_cast<AttractorKind>(in.u8());
        a.states.resize(in.u64());
        for (auto& s : a.states) s = State::from_string(in.str());
        a.basin_size = in.opt_u64();
        a.samples = in.opt_u64();
        a.size = in.u64();
        a.truncated = in.boolean();
        a.trap_space = in.str();
    }
    r.update = static_cast<UpdateScheme>(in.u8());
    r.method = static_cast<Algorithm>(in.u8());
    r.complete = in.boolean();
    r.searched_states = in.u64();
    r.searched_variables = in.u64();
    r.notes = in.strings();
    r.timed_out = in.boolean();
    r.fixed_point_count = read_count(in);
    return r;
}

}  // namespace

std::string write_outcome(const ScenarioOutcome& o) {
    WireWriter w;
    w.str(o.name);
    w.u64(o.schemes.size());
    for (const auto& s : o.schemes) {
        w.u8(static_cast<std::uint8_t>(s.update));
        write_result(w, s.result);
        w.u64(s.expectations.size());
        for (const auto& e : s.expectations) {
            w.str(e.name);
            w.boolean(e.expected);
            w.u8(static_cast<std::uint8_t>(e.kind));
            w.f64(e.probability);
            w.doubles(e.values);
            w.boolean(e.holds);
        }
        w.boolean(s.holds);
    }
    w.boolean(o.holds);
    w.boolean(o.complete);
    w.boolean(o.schemes_differ);
    w.boolean(o.simulation.has_value());
    if (o.simulation) {
        const SimulationCheck& c = *o.simulation;
        w.u64(c.samples);
        w.f64(c.max_time);
        w.u64(c.seed);
        w.f64(c.margin);
        w.u64(c.expectations.size());
        for (const auto& e : c.expectations) {
            w.str(e.name);
            w.u8(static_cast<std::uint8_t>(e.kind));
            w.f64(e.bound);
            w.f64(e.estimate);
            w.f64(e.standard_error);
            w.boolean(e.holds);
        }
        w.boolean(c.holds);
    }
    w.u8(static_cast<std::uint8_t>(o.verdict));
    return w.take();
}

ScenarioOutcome read_outcome(const std::string& bytes, const Scenario* scenario) {
    WireReader in(bytes);
    ScenarioOutcome o;
    o.scenario = scenario;
    o.name = in.str();
    o.schemes.resize(in.u64());
    for (auto& s : o.schemes) {
        s.update = static_cast<UpdateScheme>(in.u8());
        s.result = read_result(in);
        s.expectations.resize(in.u64());
        for (auto& e : s.expectations) {
            e.name = in.str();
            e.expected = in.boolean();
            e.kind = static_cast<ExpectationKind>(in.u8());
            e.probability = in.f64();
            e.values = in.doubles();
            e.holds = in.boolean();
        }
        s.holds = in.boolean();
    }
    o.holds = in.boolean();
    o.complete = in.boolean();
    o.schemes_differ = in.boolean();
    if (in.boolean()) {
        SimulationCheck& c = o.simulation.emplace();
        c.samples = in.u64();
        c.max_time = in.f64();
        c.seed = in.u64();
        c.margin = in.f64();
        c.expectations.resize(in.u64());
        for (auto& e : c.expectations) {
            e.name = in.str();
            e.kind = static_cast<ExpectationKind>(in.u8());
            e.bound = in.f64();
            e.estimate = in.f64();
            e.standard_error = in.f64();
            e.holds = in.boolean();
        }
        c.holds = in.boolean();
    }
    o.verdict = static_cast<Verdict>(in.u8());
    return o;
}

std::vector<ScenarioOutcome> check_scenarios_spread(const Network& net, const std::vector<const Scenario*>& todo,
                                                    const SearchOptions& options, const Control& control,
                                                    Distributor& ranks) {
    std::vector<ScenarioOutcome> out;
    ranks.run(
        todo.size(), control, "scenarios",
        [&](std::size_t i, const Control& single) {
            return write_outcome(check_scenario(net, *todo[i], options, single));
        },
        [&](std::size_t i, const std::string& bytes) { out.push_back(read_outcome(bytes, todo[i])); });
    return out;
}

}  // namespace bitsig
