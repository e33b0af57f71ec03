// SPDX-License-Identifier: MIT
// Synchronous attractors of large networks with SAT, without enumerating states.
//
// The idea of finding attractors by unrolling the transition relation into a SAT
// formula is Dubrova and Teslenko's (2011), which BoolNet implements as `sat.exhaustive`:
// search for paths of growing length whose last state repeats an earlier one. Our design
// instead asks the solver about *images*, which gives a direct completeness test:
//
//   Keep the set A of known attractor states. For a bound p, ask for a state x0 such that
//   f^p(x0) is not in A, where f^p is p chained copies of the Tseitin-encoded transition
//   relation (Tseitin 1968). If that is unsatisfiable, every state reaches a known
//   attractor within p steps, so the list is complete. If it is satisfiable, simulate
//   from x0 (step_synchronous, a hash map to detect the cycle) until the trajectory
//   enters a cycle or a known attractor. A new cycle is recorded and its states are
//   excluded; a known one means x0's transient is longer than p, so p grows to
//   max(transient + 1, p + p/16).
//
// Each call either adds an attractor or raises p past a longer transient (by at least
// p/16), so the number of calls is about the number of attractors plus 16 ln of the
// longest transient. The formula is built incrementally and never rebuilt: the
// unrolling grows *backwards*. The target
// layer Y (the state after p steps) is fixed once, its known-attractor exclusions are
// permanent clauses, and raising p adds new predecessor layers in front: Y = f(L_1),
// L_1 = f(L_2), ..., and the front layer is the free x0. Growing p therefore only adds
// clauses, so CaDiCaL keeps everything it has learned. Inputs are the same literal in
// every layer and constants fold away (cnf.hpp's true_literal), so they cost nothing.
//
// Three cheap steps come first. The search runs on the network's core: constants are
// percolated away and variables that nothing reads are peeled off repeatedly, which
// keeps one attractor per attractor with the same cycle lengths (Bilke and Sjunnesson
// 2001); each cycle found is lifted back by simulating the full network for whole laps.
// And simulation from random states, 256 trajectories at a time through the compiled
// rules with Brent's (1980) cycle detection per lane (sync_sample.hpp), finds the
// attractors with large basins and measures the longest transient before the first
// solver call, so the solver is left with the rare attractors and the proof. The first
// bound p is that longest sampled transient (no smaller bound can be unsatisfiable), and a
// satisfiable call that lands on a known attractor raises p just past the transient it
// found rather than doubling it: on BoolNet's N = 100 networks the calls at twice the
// needed depth were the slow ones (tests/bench/README.md, boolnet_sync_sat.sh). Third,
// the attractors whose basins are too small for sampling are mostly short cycles, and
// finding one through the deep unrolling is a hard satisfiable call (seconds to tens of
// seconds at N = 100); a shallow search for every cycle up to short_cycles steps (the
// bounded search below, in a solver of its own) finds them in under a second.
//
// The proof needs p to reach the longest transient. Random N-K networks with n = 100,
// k = 2 mostly finish in well under a second, but a few percent have transients of
// thousands of steps, and then the last, unsatisfiable calls on thousands of unrolled
// copies take minutes (BoolNet's sat.exhaustive shares this bound); max_unrolling caps
// the depth and Control can cancel.
//
// With max_cycle_length = L > 0 the search is bounded instead (like BoolNet's
// `sat.restricted`): for l = 1..L, states x0 with f^l(x0) = x0 not on a known cycle, using
// a forward unrolling x_{l} = f(x_{l-1}) that grows with l and an assumption literal that
// switches on "x_l = x0" for one l at a time. Every cycle of length up to L is found,
// longer ones are not looked for, and the result says complete = false.
#include "attractor/sync_sat.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analysis/reduce.hpp"
#include "attractor/exhaustive.hpp"
#include "attractor/sync_sample.hpp"
#include "dynamics/step.hpp"
#include "sat/cnf.hpp"
#include "sat/solver.hpp"

namespace bitsig {

namespace {

/// BITSIG_SYNC_SAT_TRACE=1 prints each phase and solver call to stderr (profiling only).
bool tracing() {
    static const bool on = std::getenv("BITSIG_SYNC_SAT_TRACE") != nullptr;
    return on;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// The variables that matter for synchronous attractors: constants are percolated away
/// (Projection), then variables that no remaining variable reads are peeled, repeatedly.
/// Both steps keep a one-to-one map of attractors with the same cycle lengths (Bilke and
/// Sjunnesson 2001): a frozen variable holds its value before any attractor is reached,
/// and a peeled variable only echoes, a few steps late, the history of its regulators.
struct Core {
    Projection projection;         // the percolated network
    std::vector<VarId> kept;       // core variable i is projection.reduced variable kept[i]
    Network net;                   // the core network (no variables when nothing is left)
    std::vector<VarId> peeled;     // the peeled variables, in the full network
    std::size_t fringe_depth = 0;  // the longest chain of peeled variables reading each other
};

// A peeled variable is right once its peeled regulators are: after as many steps as the
// longest chain of peeled variables that ends in it (the fringe is acyclic).
std::size_t fringe_depth(const Network& full, const std::vector<VarId>& peeled) {
    std::vector<std::size_t> depth(full.num_vars(), 0);
    std::vector<bool> is_peeled(full.num_vars(), false);
    for (VarId v : peeled) is_peeled[v.index] = true;
    for (bool changed = true; changed;) {
        changed = false;
        for (VarId v : peeled) {
            std::size_t d = 1;
            for (VarId u : full.regulators(v))
                if (is_peeled[u.index] && u != v) d = std::max(d, depth[u.index] + 1);
            if (d != depth[v.index]) {
                depth[v.index] = d;
                changed = true;
            }
        }
    }
    return peeled.empty() ? 0 : *std::max_element(depth.begin(), depth.end());
}

Core core_of(const Network& full) {
    Core core{percolate(full), {}, Network(), {}, 0};
    const Network& p = core.projection.reduced;
    const auto n = static_cast<std::uint32_t>(p.num_vars());
    const std::vector<bool> in_core = synchronous_core(p);  // the leaf peeling exhaustive search uses
    std::vector<VarId> index(n, VarId{0});
    for (std::uint32_t v = 0; v < n; ++v)
        if (in_core[v]) {
            index[v] = VarId{static_cast<std::uint32_t>(core.kept.size())};
            core.kept.push_back(VarId{v});
        } else {
            core.peeled.push_back(core.projection.kept[v]);
        }
    core.fringe_depth = fringe_depth(full, core.peeled);
    if (core.kept.empty()) return core;
    NetworkBuilder b(p.model_name());
    for (VarId v : core.kept) b.declare(p.name(v));
    for (std::size_t i = 0; i < core.kept.size(); ++i)
        b.set_rule(VarId{static_cast<std::uint32_t>(i)}, remap(p.rule(core.kept[i]), index));
    core.net = std::move(b).build();
    return core;
}

/// The full cycle for a cycle of the core: start from its first state with frozen
/// variables at their values and peeled ones at 0, run whole laps until the peeled
/// variables have caught up (they form an acyclic fringe, so as many steps as its longest
/// chain suffice), then record one lap. Only the peeled variables are evaluated: the
/// core's variables never read them, so they follow the cycle as found, and frozen ones
/// hold. That matters when a search lists many attractors of a model with one huge rule
/// in its core (BBM's NSP14: 100,000 attractors, 22 steps each).
std::vector<State> lift(const Network& full, const Core& core, const std::vector<State>& cycle) {
    const Projection& p = core.projection;
    const std::size_t lap = cycle.size();
    std::vector<std::vector<bool>> frames;  // the cycle in the full network, peeled variables at 0
    frames.reserve(lap);
    for (const State& c : cycle) {
        State reduced(p.reduced.num_vars());
        for (std::size_t i = 0; i < core.kept.size(); ++i) reduced.set(core.kept[i].index, c.get(i));
        frames.push_back(p.expand(reduced).to_bools());
    }
    const std::size_t settle = (core.fringe_depth + lap - 1) / lap * lap;
    std::vector<bool> values = frames.front();
    std::vector<State> out;
    out.reserve(lap);
    for (std::size_t t = 0; t < settle + lap; ++t) {
        if (t >= settle) {
            State s(full.num_vars());
            for (std::size_t v = 0; v < values.size(); ++v) s.set(v, values[v]);
            out.push_back(std::move(s));
        }
        std::vector<bool> next = frames[(t + 1) % lap];
        for (VarId v : core.peeled) next[v.index] = evaluate(full.rule(v), values);
        values = std::move(next);
    }
    return out;
}

class SyncSatSearch {
public:
    SyncSatSearch(const Network& net, const SyncSatOptions& options, const Control& control)
        : net_(net), options_(options), control_(control), n_(net.num_vars()) {
        solver_.set_terminator([&control] { return control.cancelled(); });
        cycle_solver_.set_terminator([&control] { return control.cancelled(); });
        rules_.reserve(n_);
        for (std::uint32_t v = 0; v < n_; ++v) rules_.push_back(sat::normalize(net.rule(VarId{v})));
        result_.method = Algorithm::sat_cycles;
        result_.update = UpdateScheme::synchronous;
    }

    Result run() {
        try {
            if (options_.max_cycle_length == 0)
                search_complete();
            else
                search_bounded();
        } catch (const Interrupted&) {
            // --timeout: every attractor found so far is real; only completeness is lost.
            if (!control_.timed_out()) throw;
            result_.complete = false;
            result_.timed_out = true;
            result_.notes.push_back("stopped at the time limit after " + std::to_string(result_.attractors.size()) +
                                    " attractors; there may be more");
        }
        canonicalize(result_.attractors, UpdateScheme::synchronous);
        control_.report(1.0, std::to_string(result_.attractors.size()) + " attractors");
        return std::move(result_);
    }

private:
    bool is_fixed(std::uint32_t v) const { return net_.is_input(VarId{v}) || net_.is_constant(VarId{v}); }

    /// Literals of a free state: a fresh variable per variable, except that inputs keep
    /// `shared` (the same in every layer) and constants are folded.
    std::vector<int> fresh_layer(sat::Solver& solver, const std::vector<int>& shared) {
        std::vector<int> layer(n_);
        for (std::uint32_t v = 0; v < n_; ++v) {
            if (net_.is_constant(VarId{v}))
                layer[v] = net_.rule(VarId{v}).constant_value() ? sat::true_literal : -sat::true_literal;
            else if (net_.is_input(VarId{v}) && !shared.empty())
                layer[v] = shared[v];
            else
                layer[v] = solver.new_var();
        }
        return layer;
    }

    /// Literals of f(x).
    std::vector<int> successor(sat::Solver& solver, const std::vector<int>& x) {
        std::vector<int> next(n_);
        for (std::uint32_t v = 0; v < n_; ++v) next[v] = sat::encode_normal(solver, rules_[v], x);
        return next;
    }

    State read_state(const sat::Solver& solver, const std::vector<int>& layer) const {
        State s(n_);
        for (std::uint32_t v = 0; v < n_; ++v) {
            const int l = layer[v];
            s.set(v, l == sat::true_literal || (l != -sat::true_literal && solver.value(l)));
        }
        return s;
    }

    /// Excludes state s from the layer: at least one variable differs.
    void exclude(sat::Solver& solver, const std::vector<int>& layer, const State& s) {
        std::vector<int> clause;
        clause.reserve(n_);
        for (std::uint32_t v = 0; v < n_; ++v) clause.push_back(s.get(v) ? -layer[v] : layer[v]);
        sat::add_folded_clause(solver, clause);
    }

    /// From now on every known attractor state, and every one found later, is excluded
    /// from `layer` of `solver`.
    void exclude_attractors(sat::Solver& solver, const std::vector<int>& layer) {
        for (const State& c : known_) exclude(solver, layer, c);
        excluded_.emplace_back(&solver, layer);
    }

    void add_attractor(Attractor a) {
        for (const State& c : a.states) {
            known_.insert(c);
            for (const auto& [solver, layer] : excluded_) exclude(*solver, layer, c);
        }
        result_.attractors.push_back(std::move(a));
    }

    /// Follows the trajectory from x0 until it enters a known attractor (returns false and
    /// sets transient to the steps that took) or closes a new cycle (returns true and
    /// records it, excluding its states from every registered layer).
    bool follow(const State& x0, std::size_t& transient) {
        std::vector<State> path;
        std::unordered_map<State, std::size_t> seen;
        State s = x0;
        while (true) {
            if (known_.count(s)) {
                transient = path.size();
                return false;
            }
            auto [it, fresh] = seen.emplace(s, path.size());
            if (!fresh) {
                transient = it->second;
                break;
            }
            path.push_back(s);
            if (path.size() % 1024 == 0) control_.check();
            s = step_synchronous(net_, s);
        }
        Attractor a;
        a.states.assign(path.begin() + static_cast<std::ptrdiff_t>(transient), path.end());
        add_attractor(std::move(a));
        return true;
    }

    /// Records the cycle through `on_cycle` (not yet known).
    void record_cycle(const State& on_cycle) {
        Attractor a;
        State s = on_cycle;
        do {
            a.states.push_back(s);
            if (a.states.size() % 1024 == 0) control_.check();
            s = step_synchronous(net_, s);
        } while (s != on_cycle);
        add_attractor(std::move(a));
    }

    /// Steps from x until the trajectory is on a known attractor (it must reach one).
    std::size_t transient_of(State x) const {
        std::size_t t = 0;
        for (; !known_.count(x); ++t) x = step_synchronous(net_, x);
        return t;
    }

    /// Simulation from random states finds the attractors with large basins, and the
    /// longest transients, for the price of many trajectories at once (SyncLaneSampler),
    /// before any solver call. It stops after a run of trajectories that found neither a
    /// new attractor nor a longer transient, or at a budget of steps. The SAT loop then
    /// only has to find the rare attractors and prove that there are no more.
    void sample() {
        // Patience in trajectories: an attractor whose basin is a fraction q of the states
        // is missed by this many in a row with probability (1 - q)^patience, 2% for q = 2^-12.
        constexpr std::uint64_t patience = std::uint64_t{1} << 14;
        const std::uint64_t max_steps = options_.sample_steps;
        SyncLaneSampler lanes(net_, 0x5eed);
        std::vector<ClosedTrajectory> closed;
        std::uint64_t finished = 0, last_news = 0, steps = 0;
        const auto t0 = std::chrono::steady_clock::now();
        while (finished - last_news < patience && steps < max_steps) {
            closed.clear();
            lanes.step(closed);
            ++steps;
            for (const ClosedTrajectory& c : closed) {
                ++finished;
                bool news = false;
                if (!known_.count(c.on_cycle)) {
                    if (result_.attractors.size() >= options_.max_attractors) return;
                    record_cycle(c.on_cycle);
                    news = true;
                }
                if (c.checkpoint_age > max_transient_) {
                    // The transient is at most earlier_age when the earlier checkpoint is on
                    // the cycle already, else earlier_age plus a walk of at most as many steps.
                    std::size_t t = 0;
                    if (!known_.count(c.earlier))
                        t = c.earlier_age + transient_of(c.earlier);
                    else if (c.earlier_age > max_transient_)
                        t = transient_of(c.start);
                    if (t > max_transient_) {
                        max_transient_ = t;
                        news = true;
                    }
                }
                if (news) {
                    last_news = finished;
                    if (tracing())
                        std::fprintf(stderr, "sync-sat:   sample %llu: %zu attractors, longest transient %zu\n",
                                     static_cast<unsigned long long>(finished), result_.attractors.size(),
                                     max_transient_);
                }
            }
            // After the step's lanes are recorded, so that a search whose time is up on
            // arrival still reports the attractors of one step of sampling.
            if (steps % 64 == 1) control_.check();
        }
        if (tracing())
            std::fprintf(stderr, "sync-sat: %llu samples in %llu steps, %.3fs, %zu attractors, longest transient %zu\n",
                         static_cast<unsigned long long>(finished), static_cast<unsigned long long>(steps),
                         seconds_since(t0), result_.attractors.size(), max_transient_);
    }

    bool at_attractor_limit() {
        if (result_.attractors.size() < options_.max_attractors) return false;
        result_.complete = false;
        result_.notes.push_back("stopped after " + std::to_string(options_.max_attractors) +
                                " attractors (max_attractors)");
        return true;
    }

    void search_complete() {
        // target = Y, the state after p steps; front = the free start state x0.
        std::vector<int> target = fresh_layer(solver_, {});
        std::vector<int> inputs = target;
        std::vector<int> front = target;
        exclude_attractors(solver_, target);
        std::size_t p = 0;
        auto unroll_to = [&](std::size_t bound) {
            while (p < bound) {
                std::vector<int> layer = fresh_layer(solver_, inputs);
                std::vector<int> image = successor(solver_, layer);
                for (std::uint32_t v = 0; v < n_; ++v)
                    if (!is_fixed(v)) sat::add_equivalence(solver_, front[v], image[v]);
                front = std::move(layer);
                ++p;
            }
        };
        sample();
        if (const std::size_t bound = std::min(options_.short_cycles, options_.max_unrolling); bound > 0)
            if (!short_cycles(cycle_solver_, bound, false)) return;
        // Every sampled state reaches a known attractor within max_transient_ steps, so no
        // smaller bound can be unsatisfiable.
        unroll_to(std::min(std::max<std::size_t>(1, max_transient_), options_.max_unrolling));
        while (true) {
            control_.check();
            const auto t0 = std::chrono::steady_clock::now();
            const bool sat = solver_.solve();
            if (tracing())
                std::fprintf(stderr, "sync-sat: call p=%zu %s %.3fs vars=%d\n", p, sat ? "SAT" : "UNSAT",
                             seconds_since(t0), solver_.num_vars());
            if (!sat) return;  // every state reaches a known attractor within p steps
            if (at_attractor_limit()) return;
            std::size_t transient = 0;
            const bool found = follow(read_state(solver_, front), transient);
            if (tracing())
                std::fprintf(stderr, "sync-sat:   %s, transient %zu, %zu attractors\n",
                             found ? "new attractor" : "known attractor", transient, result_.attractors.size());
            if (found) {
                // No fraction: how many attractors remain is unknown until the proof ends.
                control_.report(-1, "SAT search: " + std::to_string(result_.attractors.size()) + " attractors found, " +
                                        std::to_string(p) + " steps unrolled");
                continue;
            }
            // Just past the transient seen: sampling has already pushed p close to the longest
            // transients, and doubling would make every later call on twice the copies. The
            // p/16 keeps the number of calls logarithmic when the solver creeps up one step
            // at a time.
            const std::size_t next = std::max(transient + 1, p + p / 16);
            if (p >= options_.max_unrolling) {
                result_.complete = false;
                result_.notes.push_back("gave up proving completeness at " + std::to_string(p) +
                                        " unrolled steps (max_unrolling); some states have longer transients");
                return;
            }
            unroll_to(std::min(next, options_.max_unrolling));
            control_.report(-1, "SAT search: " + std::to_string(result_.attractors.size()) + " attractors found, " +
                                    std::to_string(p) + " steps unrolled");
        }
    }

    /// Every cycle of length up to `bound` not yet known, found in `solver` (which holds
    /// nothing else): for l = 1..bound, states x0 with f^l(x0) = x0 outside the known
    /// attractors, on a forward unrolling x_l = f(x_{l-1}) that grows with l and an
    /// assumption literal that switches on "x_l = x0" for one l at a time. Returns false
    /// when it stopped at max_attractors.
    bool short_cycles(sat::Solver& solver, std::size_t bound, bool report_fraction) {
        const auto t0 = std::chrono::steady_clock::now();
        const std::vector<int> start = fresh_layer(solver, {});
        exclude_attractors(solver, start);
        std::vector<int> x = start;
        for (std::size_t l = 1; l <= bound; ++l) {
            control_.check();
            x = successor(solver, x);
            // same_l -> x_l = x_0, so assuming same_l asks for a cycle through x_0 of length dividing l.
            const int same = solver.new_var();
            for (std::uint32_t v = 0; v < n_; ++v) {
                if (x[v] == start[v]) continue;
                sat::add_folded_clause(solver, std::vector<int>{-same, -x[v], start[v]});
                sat::add_folded_clause(solver, std::vector<int>{-same, x[v], -start[v]});
            }
            while (solver.solve({same})) {
                if (at_attractor_limit()) return false;
                std::size_t transient = 0;
                follow(read_state(solver, start), transient);
                control_.check();
            }
            control_.report(report_fraction ? static_cast<double>(l) / static_cast<double>(bound) : -1,
                            std::to_string(result_.attractors.size()) + " attractors, cycles up to length " +
                                std::to_string(l));
            if (tracing())
                std::fprintf(stderr, "sync-sat: cycles up to %zu: %zu attractors, %.3fs\n", l,
                             result_.attractors.size(), seconds_since(t0));
        }
        return true;
    }

    void search_bounded() {
        result_.complete = false;
        std::size_t bound = options_.max_cycle_length;
        if (bound > options_.max_unrolling) {
            bound = options_.max_unrolling;
            result_.notes.push_back("cycle length bound lowered to max_unrolling = " + std::to_string(bound));
        }
        result_.notes.push_back("only cycles of length up to " + std::to_string(bound) +
                                " were searched (max_cycle_length)");
        short_cycles(solver_, bound, true);
    }

    const Network& net_;
    const SyncSatOptions& options_;
    const Control& control_;
    std::size_t n_;
    sat::Solver solver_;        // the deep unrolling (or, bounded, the cycle search)
    sat::Solver cycle_solver_;  // the short-cycle pass before the deep unrolling
    std::vector<sat::NormalRule> rules_;
    std::unordered_set<State> known_;                                  // states of the attractors found so far
    std::size_t max_transient_ = 0;                                    // the longest transient simulation has seen
    std::vector<std::pair<sat::Solver*, std::vector<int>>> excluded_;  // layers without known attractors
    Result result_;
};

}  // namespace

Result find_sync_attractors_sat(const Network& net, const SyncSatOptions& options, const Control& control) {
    const Core core = core_of(net);
    if (tracing()) std::fprintf(stderr, "sync-sat: core of %zu variables\n", core.net.num_vars());
    Result result = SyncSatSearch(core.net, options, control).run();
    for (std::size_t i = 0; i < result.attractors.size(); ++i) {
        // Ctrl-C still stops the run here; a passed --timeout does not, since what was
        // found is listed whatever the time.
        if (i % 256 == 0 && control.interrupted()) throw Interrupted();
        result.attractors[i].states = lift(net, core, result.attractors[i].states);
    }
    canonicalize(result.attractors, UpdateScheme::synchronous);
    return result;
}

}  // namespace bitsig
