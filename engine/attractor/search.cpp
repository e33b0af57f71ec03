// SPDX-License-Identifier: MIT
// The planner. Automatic choice, in order:
//  1. Synchronous, when the whole space (minus constants and unread variables) is cheap
//     to enumerate (22 variables): exhaustive with exact basins over 2^(n - fixed) states,
//     comparable with BoolNet. Asynchronous basins are only computed when asked.
//  2. Otherwise percolate constants (inputs fixed by defaults, drugs, knockouts) through
//     the rules; signalling networks with fixed inputs often collapse to a handful of
//     variables. Exhaustive on the reduced network if it fits; basins then count reduced
//     states, and a note says so.
//  3. Otherwise, synchronous: SAT with a completeness proof. Asynchronous: the succession
//     diagram of trap spaces (succession.hpp), complete when it finishes within its
//     budgets; past them, fixed points by SAT plus sampling (never complete) together with
//     the attractors the diagram proved.
#include "attractor/search.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

#include "analysis/reduce.hpp"
#include "core/error.hpp"

namespace bitsig {

namespace {

// Lifts a result on a projected network back to full states.
void expand(Result& r, const Projection& p) {
    for (auto& a : r.attractors) {
        for (auto& s : a.states) s = p.expand(s);
        if (!a.trap_space.empty()) a.trap_space = p.expand_space(a.trap_space);
    }
    canonicalize(r.attractors, r.update);
}

std::size_t free_count(const Network& net) {
    std::size_t n = 0;
    for (std::uint32_t v = 0; v < net.num_vars(); ++v) n += !net.is_constant(VarId{v});
    return n;
}

Result run_exhaustive(const Network& net, const SearchOptions& o, const Control& c) {
    ExhaustiveOptions eo = o.exhaustive;
    if (o.update == UpdateScheme::asynchronous) eo.basins = o.async_basins;
    Result r = o.update == UpdateScheme::synchronous ? exhaustive_synchronous(net, eo, c)
                                                     : exhaustive_asynchronous(net, eo, c);
    r.searched_variables = free_count(net);
    return r;
}

// Runs `body` on the percolated network and expands its result; records the reduction.
template <class Body>
Result on_reduced(const Network& net, const SearchOptions& o, Body body) {
    if (!o.reduce) return body(net);
    Projection p = percolate(net);
    Result r = body(p.reduced);
    expand(r, p);
    std::size_t before = free_count(net);
    if (p.kept.size() < before)
        r.notes.push_back("percolating fixed values left " + std::to_string(p.kept.size()) + " of " +
                          std::to_string(before) + " free variables to search");
    return r;
}

Result sat_search(const Network& net, const SearchOptions& o, const Control& c) {
    if (o.update == UpdateScheme::synchronous) {
        Result r = find_sync_attractors_sat(net, o.sync_sat, c);
        r.searched_variables = free_count(net);
        return r;
    }
    Result r = find_fixed_points(net, o.fixed_points, c);
    r.update = UpdateScheme::asynchronous;
    r.complete = false;
    r.searched_variables = free_count(net);
    r.notes.push_back("asynchronous search by SAT finds fixed points only; complex attractors need "
                      "--method exhaustive or --method sample");
    return r;
}

// Fixed points (exact) plus complex attractors found by sampling.
Result sat_plus_sampling(const Network& net, const SearchOptions& o, const Control& c) {
    Result fixed = sat_search(net, o, c);
    Result sampled = sample_attractors(net, o.update, o.sampling, c);
    Result r = fixed;
    r.method = Algorithm::sat_fixed_points_sample;
    r.complete = false;
    for (auto& a : sampled.attractors)
        if (a.states.size() > 1) r.attractors.push_back(std::move(a));
    for (auto& n : sampled.notes) r.notes.push_back(n);
    canonicalize(r.attractors, r.update);
    return r;
}

// The succession diagram; past its budgets, today's fixed points plus sampling, with the
// attractors the diagram did prove (exact) added.
Result succession_or_sampling(const Network& net, const SearchOptions& o, const Control& c) {
    // Under a deadline, the diagram gets half of what is left, so that the fallback can
    // still list the fixed points.
    SuccessionOptions so = o.succession;
    if (c.deadline != Control::Clock::time_point::max()) {
        const double left = std::chrono::duration<double>(c.deadline - Control::Clock::now()).count();
        so.max_seconds = std::max(0.1, std::min(so.max_seconds > 0 ? so.max_seconds : left, left / 2));
    }
    Result exact = succession_attractors(net, so, so.max_seconds > 0 ? c.with_budget(so.max_seconds + 0.5) : c);
    if (exact.complete || c.timed_out()) return exact;
    exact.timed_out = false;  // its own budget, not the caller's deadline
    Result r = sat_plus_sampling(net, o, c);
    std::set<State> known;
    for (const auto& a : exact.attractors) known.insert(a.states.begin(), a.states.end());
    std::erase_if(r.attractors, [&](const Attractor& a) { return known.count(a.states.front()) > 0; });
    for (auto& a : exact.attractors) r.attractors.push_back(std::move(a));
    canonicalize(r.attractors, r.update);
    for (auto& n : exact.notes) r.notes.push_back(std::move(n));
    return r;
}

}  // namespace

std::string to_string(Method m) {
    switch (m) {
    case Method::automatic:
        return "auto";
    case Method::exhaustive:
        return "exhaustive";
    case Method::sat:
        return "sat";
    case Method::sample:
        return "sample";
    case Method::fixed_points:
        return "fixed-points";
    }
    return "auto";
}

const std::vector<std::string>& method_names() {
    static const std::vector<std::string> names{"auto", "exhaustive", "sat", "sample", "fixed-points"};
    return names;
}

Method parse_method(const std::string& name) {
    for (Method m : {Method::automatic, Method::exhaustive, Method::sat, Method::sample, Method::fixed_points})
        if (to_string(m) == name) return m;
    throw InputError(errors::unknown_method(name, method_names()));
}

std::size_t synchronous_core_size(const Network& net) {
    auto core = synchronous_core(project_constants(net).reduced);
    return static_cast<std::size_t>(std::count(core.begin(), core.end(), true));
}

namespace {

Result find_attractors_planned(const Network& net, const SearchOptions& o, const Control& c);

std::size_t free_input_count(const Network& net) {
    std::size_t k = 0;
    for (std::uint32_t v = 0; v < net.num_vars(); ++v) k += net.is_input(VarId{v});
    return k;
}

}  // namespace

Result find_attractors(const Network& net, const SearchOptions& o, const Control& c) {
    // Every combination of free input values is a trap space holding at least one
    // attractor, so 2^k is a lower bound on the answer: say so before the long run.
    const std::size_t k = free_input_count(net);
    std::string huge;
    if (k >= o.huge_inputs && o.method != Method::sample) {
        huge = errors::many_attractors(
            k >= 64 ? "2^" + std::to_string(k) : with_thousands(Count(std::uint64_t{1} << k)), k);
        c.warning(huge);
    }
    try {
        Result r = find_attractors_planned(net, o, c);
        if (!huge.empty()) r.notes.insert(r.notes.begin(), huge);
        return r;
    } catch (const Interrupted&) {
        // A search that cannot answer in part (an exhaustive one) was stopped by --timeout.
        if (!c.timed_out()) throw;
        Result r;
        r.update = o.update;
        r.method = Algorithm::exhaustive;
        r.complete = false;
        r.timed_out = true;
        if (!huge.empty()) r.notes.push_back(huge);
        r.notes.push_back("stopped at the time limit before the search finished: no attractor to report; "
                          "try --method sat, or a longer --timeout");
        return r;
    }
}

namespace {

Result find_attractors_planned(const Network& net, const SearchOptions& o, const Control& c) {
    switch (o.method) {
    case Method::exhaustive:
        // An explicit request searches the whole space so basins are comparable with BoolNet.
        return run_exhaustive(net, o, c);
    case Method::sat:
        return on_reduced(net, o, [&](const Network& n) { return sat_search(n, o, c); });
    case Method::sample:
        return on_reduced(net, o, [&](const Network& n) {
            Result r = sample_attractors(n, o.update, o.sampling, c);
            r.searched_variables = free_count(n);
            return r;
        });
    case Method::fixed_points: {
        Result r = find_all_fixed_points(net, o, c);
        r.update = o.update;
        r.complete = false;
        r.notes.push_back("fixed points only (--method fixed-points): cyclic and complex attractors were not "
                          "searched");
        return r;
    }
    case Method::automatic:
        break;
    }

    bool sync = o.update == UpdateScheme::synchronous;
    auto fits = [&](std::size_t vars) {
        if (vars > (sync ? o.auto_sync_limit : o.auto_async_limit)) return false;
        auto need = exhaustive_memory_bytes(vars, o.update);
        return need < static_cast<std::uint64_t>(static_cast<double>(available_memory_bytes()) * 0.5);
    };
    // The whole space is searched when cheap; beyond that, percolation first (the same
    // whole space when nothing is held, as for a .bnet file with free inputs).
    if (sync && synchronous_core_size(net) <= std::min(o.auto_full_space_limit, o.auto_sync_limit) &&
        fits(synchronous_core_size(net)))
        return run_exhaustive(net, o, c);
    if (!sync && o.async_basins && fits(free_count(net))) return run_exhaustive(net, o, c);
    return on_reduced(net, o, [&](const Network& n) {
        std::size_t size = sync ? synchronous_core_size(n) : free_count(n);
        if (sync && size > o.auto_full_space_limit && !o.sync_basins && fits(size)) {
            // Enumerating 2^size states pays only for basins. SAT usually answers in a
            // fraction of that time; give it as long as the enumeration would take and
            // enumerate only if it has not finished by then.
            const double estimate = std::ldexp(o.sync_state_seconds, static_cast<int>(size));
            Result r = sat_search(n, o, c.with_budget(std::max(0.5, estimate)));
            if (!r.timed_out || c.timed_out()) {
                r.notes.push_back("SAT search instead of enumerating 2^" + std::to_string(size) +
                                  " states (no basin sizes; --basins to enumerate)");
                return r;
            }
        }
        if (fits(size)) {
            Result r = run_exhaustive(n, o, c);
            if (r.attractors.size() && r.attractors.front().basin_size && free_count(n) < free_count(net))
                r.notes.push_back("basin sizes count states of the reduced network (" + std::to_string(free_count(n)) +
                                  " variables)");
            return r;
        }
        if (sync) {
            Result r = sat_search(n, o, c);
            return r;
        }
        return o.use_succession ? succession_or_sampling(n, o, c) : sat_plus_sampling(n, o, c);
    });
}

}  // namespace

Result find_all_fixed_points(const Network& net, const SearchOptions& o, const Control& c) {
    return on_reduced(net, o, [&](const Network& n) {
        Result r = find_fixed_points(n, o.fixed_points, c);
        r.searched_variables = free_count(n);
        return r;
    });
}

}  // namespace bitsig
