// SPDX-License-Identifier: MIT
// Scenarios are independent, so each is a work item; its outcome travels back to rank 0
// whole (attractor states included), so the JSON and the table show the same thing as on
// one process. Doubles travel bit for bit (distributed/wire.hpp).
#include "query/check_spread.hpp"

#include <concepts>
#include <type_traits>

#include "distributed/wire.hpp"

namespace bitsig {

namespace {

// One list of fields per type drives both directions: `transfer(wire, x)` writes x to a
// WireWriter or reads it back from a WireReader, so the writer and the reader cannot
// drift apart. Each struct's list is a template over the wire and the (const or not)
// struct; the primitive overloads below decide the direction.

void transfer(WireWriter& w, bool v) { w.boolean(v); }
void transfer(WireReader& in, bool& v) { v = in.boolean(); }
void transfer(WireWriter& w, std::uint64_t v) { w.u64(v); }
void transfer(WireReader& in, std::uint64_t& v) { v = in.u64(); }
void transfer(WireWriter& w, double v) { w.f64(v); }
void transfer(WireReader& in, double& v) { v = in.f64(); }
void transfer(WireWriter& w, const std::string& v) { w.str(v); }
void transfer(WireReader& in, std::string& v) { v = in.str(); }
// Arrays of numbers and strings keep the reader's length check (distributed/wire.hpp).
void transfer(WireWriter& w, const std::vector<double>& v) { w.doubles(v); }
void transfer(WireReader& in, std::vector<double>& v) { v = in.doubles(); }
void transfer(WireWriter& w, const std::vector<std::string>& v) { w.strings(v); }
void transfer(WireReader& in, std::vector<std::string>& v) { v = in.strings(); }
// Enums travel as one byte.
template <class E>
requires std::is_enum_v<E>
void transfer(WireWriter& w, E v) { w.u8(static_cast<std::uint8_t>(v)); }
template <class E>
requires std::is_enum_v<E>
void transfer(WireReader& in, E& v) { v = static_cast<E>(in.u8()); }
// States and counts travel as their text (a Count may exceed 64 bits).
void transfer(WireWriter& w, const State& s) { w.str(s.to_string()); }
void transfer(WireReader& in, State& s) { s = State::from_string(in.str()); }
void transfer(WireWriter& w, const Count& c) { w.str(c.to_string()); }
void transfer(WireReader& in, Count& c) {
    c = Count();
    for (char digit : in.str()) {  // c = 10 c + digit
        Count eight = c, two = c;
        eight.shift_left(3);
        two.shift_left(1);
        c = eight + two + Count(static_cast<std::uint64_t>(digit - '0'));
    }
}

template <class Wire, class T>
requires std::same_as<std::remove_const_t<T>, Attractor>
void transfer(Wire& w, T& a);
template <class Wire, class T>
requires std::same_as<std::remove_const_t<T>, ExpectationOutcome>
void transfer(Wire& w, T& e);
template <class Wire, class T>
requires std::same_as<std::remove_const_t<T>, SchemeOutcome>
void transfer(Wire& w, T& s);
template <class Wire, class T>
requires std::same_as<std::remove_const_t<T>, SimulatedExpectation>
void transfer(Wire& w, T& e);
template <class Wire, class T>
requires std::same_as<std::remove_const_t<T>, SimulationCheck>
void transfer(Wire& w, T& c);

// A presence flag, then the value.
template <class T>
void transfer(WireWriter& w, const std::optional<T>& v) {
    w.boolean(v.has_value());
    if (v) transfer(w, *v);
}
template <class T>
void transfer(WireReader& in, std::optional<T>& v) {
    v.reset();
    if (in.boolean()) transfer(in, v.emplace());
}
// A count, then the elements.
template <class T>
void transfer(WireWriter& w, const std::vector<T>& v) {
    w.u64(v.size());
    for (const auto& x : v) transfer(w, x);
}
template <class T>
void transfer(WireReader& in, std::vector<T>& v) {
    v.resize(in.u64());
    for (auto& x : v) transfer(in, x);
}

template <class Wire, class T>
requires std::same_as<std::remove_const_t<T>, Attractor>
void transfer(Wire& w, T& a) {
    transfer(w, a.kind);
    transfer(w, a.states);
    transfer(w, a.basin_size);
    transfer(w, a.samples);
    transfer(w, a.size);
    transfer(w, a.truncated);
    transfer(w, a.trap_space);
}

template <class Wire, class T>
requires std::same_as<std::remove_const_t<T>, Result>
void transfer(Wire& w, T& r) {
    transfer(w, r.attractors);
    transfer(w, r.update);
    transfer(w, r.method);
    transfer(w, r.complete);
    transfer(w, r.searched_states);
    transfer(w, r.searched_variables);
    transfer(w, r.notes);
    transfer(w, r.timed_out);
    transfer(w, r.fixed_point_count);
}

template <class Wire, class T>
requires std::same_as<std::remove_const_t<T>, ExpectationOutcome>
void transfer(Wire& w, T& e) {
    transfer(w, e.name);
    transfer(w, e.expected);
    transfer(w, e.kind);
    transfer(w, e.probability);
    transfer(w, e.values);
    transfer(w, e.holds);
}

template <class Wire, class T>
requires std::same_as<std::remove_const_t<T>, SchemeOutcome>
void transfer(Wire& w, T& s) {
    transfer(w, s.update);
    transfer(w, s.result);
    transfer(w, s.expectations);
    transfer(w, s.holds);
}

template <class Wire, class T>
requires std::same_as<std::remove_const_t<T>, SimulatedExpectation>
void transfer(Wire& w, T& e) {
    transfer(w, e.name);
    transfer(w, e.kind);
    transfer(w, e.bound);
    transfer(w, e.estimate);
    transfer(w, e.standard_error);
    transfer(w, e.holds);
}

template <class Wire, class T>
requires std::same_as<std::remove_const_t<T>, SimulationCheck>
void transfer(Wire& w, T& c) {
    transfer(w, c.samples);
    transfer(w, c.max_time);
    transfer(w, c.seed);
    transfer(w, c.margin);
    transfer(w, c.expectations);
    transfer(w, c.holds);
}

// `scenario` and `perturbation` stay behind (check_spread.hpp); the rest travels.
template <class Wire, class T>
requires std::same_as<std::remove_const_t<T>, ScenarioOutcome>
void transfer(Wire& w, T& o) {
    transfer(w, o.name);
    transfer(w, o.schemes);
    transfer(w, o.holds);
    transfer(w, o.complete);
    transfer(w, o.schemes_differ);
    transfer(w, o.simulation);
    transfer(w, o.verdict);
}

}  // namespace

std::string write_outcome(const ScenarioOutcome& o) {
    WireWriter w;
    transfer(w, o);
    return w.take();
}

ScenarioOutcome read_outcome(const std::string& bytes, const Scenario* scenario) {
    WireReader in(bytes);
    ScenarioOutcome o;
    transfer(in, o);
    o.scenario = scenario;
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
