// SPDX-License-Identifier: MIT
// Bit-parallel simulation. Lane j of every word is trajectory j. Synchronous steps run the
// compiled program and copy outputs to inputs; asynchronous steps pick, per lane, one
// variable at random and take only that variable's new value (a per-variable lane mask),
// which is the general asynchronous random walk.
//
// After the warm-up, each lane's state is examined one at a time: a synchronous
// trajectory is followed until it repeats (that cycle is an attractor); for asynchronous
// updating the forward-reachable set of the state is explored (up to a limit), and its
// terminal strongly connected components are attractors of the whole network, because a
// forward-closed set contains every state reachable from its members.
#include "attractor/sampling.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/error.hpp"
#include "dynamics/program.hpp"
#include "dynamics/step.hpp"

namespace bitsig {

namespace {

State lane_state(const std::vector<Word>& words, std::size_t n, unsigned lane) {
    State s(n);
    for (std::size_t v = 0; v < n; ++v) s.set(v, (words[v] >> lane) & 1);
    return s;
}

// Terminal SCCs of the explicit graph `succ` (indices into a small state list), iterative Tarjan.
std::vector<std::vector<std::size_t>> terminal_components(const std::vector<std::vector<std::size_t>>& succ) {
    std::size_t n = succ.size();
    std::vector<std::size_t> index(n, 0), low(n, 0);
    std::vector<bool> on_stack(n, false), escapes(n, false);
    std::vector<std::size_t> stack;
    std::vector<std::pair<std::size_t, std::size_t>> calls;
    std::vector<std::vector<std::size_t>> out;
    std::size_t counter = 0;
    for (std::size_t root = 0; root < n; ++root) {
        if (index[root]) continue;
        auto visit = [&](std::size_t v) {
            index[v] = low[v] = ++counter;
            on_stack[v] = true;
            stack.push_back(v);
            calls.push_back({v, 0});
        };
        visit(root);
        while (!calls.empty()) {
            auto& [v, next] = calls.back();
            if (next < succ[v].size()) {
                std::size_t w = succ[v][next++];
                if (!index[w])
                    visit(w);
                else if (on_stack[w])
                    low[v] = std::min(low[v], index[w]);
                else
                    escapes[v] = true;
                continue;
            }
            std::size_t done = v;
            calls.pop_back();
            if (!calls.empty()) low[calls.back().first] = std::min(low[calls.back().first], low[done]);
            if (low[done] != index[done]) continue;
            std::vector<std::size_t> members;
            bool terminal = true;
            std::size_t w;
            do {
                w = stack.back();
                stack.pop_back();
                on_stack[w] = false;
                terminal = terminal && !escapes[w];
                members.push_back(w);
            } while (w != done);
            if (!calls.empty()) escapes[calls.back().first] = true;
            if (terminal) out.push_back(std::move(members));
        }
    }
    return out;
}

class Sampler {
public:
    Sampler(const Network& net, UpdateScheme update, const SamplingOptions& options, const Control& control)
        : net_(net), update_(update), options_(options), control_(control), rng_(options.seed) {}

    /// Runs the given batches of 64 trajectories; batch b draws from its own seeded
    /// generator, so the answer does not depend on how batches are split over threads.
    void run_batches(std::uint64_t first, std::uint64_t stride, std::uint64_t batches) {
        std::size_t n = net_.num_vars();
        Program program = Program::compile(net_);
        std::vector<Word> state(n), next(n), choose(n), scratch(program.scratch_words(1));
        for (std::uint64_t b = first; b < batches; b += stride) {
            control_.check();
            if (first == 0)
                control_.report(static_cast<double>(b) / static_cast<double>(batches), "sampling trajectories");
            rng_.seed(options_.seed * 0x9E3779B97F4A7C15ull + b);
            for (auto& w : state) w = rng_();
            for (std::uint64_t t = 0; t < options_.steps && n > 0; ++t) {
                program.run<1>(state.data(), next.data(), scratch.data());
                if (update_ == UpdateScheme::synchronous) {
                    state.swap(next);
                } else {
                    std::fill(choose.begin(), choose.end(), 0);
                    for (unsigned lane = 0; lane < 64; ++lane) choose[rng_() % n] |= Word{1} << lane;
                    for (std::size_t v = 0; v < n; ++v) state[v] = (state[v] & ~choose[v]) | (next[v] & choose[v]);
                }
            }
            for (unsigned lane = 0; lane < 64; ++lane) settle(lane_state(state, n, lane));
        }
    }

    /// The attractors found so far, with how many trajectories ended in each.
    std::vector<Attractor> take_attractors() {
        for (std::size_t a = 0; a < attractors_.size(); ++a) attractors_[a].samples = counts_[a];
        return std::move(attractors_);
    }
    std::uint64_t unresolved() const { return unresolved_; }

private:
    void settle(State s) {
        if (auto it = owner_.find(s); it != owner_.end()) {
            ++counts_[it->second];
            return;
        }
        if (update_ == UpdateScheme::synchronous)
            settle_synchronous(std::move(s));
        else
            settle_asynchronous(std::move(s));
    }

    void record(std::vector<State> states) {
        std::size_t id = attractors_.size();
        Attractor a;
        for (const auto& s : states) owner_.emplace(s, id);
        a.states = std::move(states);
        attractors_.push_back(std::move(a));
        counts_.push_back(0);
    }

    void settle_synchronous(State s) {
        std::unordered_map<State, std::uint64_t> seen;
        std::vector<State> path;
        for (std::uint64_t step = 0; step < options_.max_attractor_states; ++step) {
            if (auto it = owner_.find(s); it != owner_.end()) {
                ++counts_[it->second];
                return;
            }
            if (auto it = seen.find(s); it != seen.end()) {
                record(std::vector<State>(path.begin() + static_cast<std::ptrdiff_t>(it->second), path.end()));
                ++counts_.back();
                return;
            }
            seen.emplace(s, path.size());
            path.push_back(s);
            s = step_synchronous(net_, s);
        }
        ++unresolved_;
    }

    void settle_asynchronous(State s) {
        // Explore everything reachable from s; its terminal SCCs are attractors.
        std::unordered_map<State, std::size_t> id;
        std::vector<State> states{s};
        id.emplace(s, 0);
        std::vector<std::vector<std::size_t>> succ;
        for (std::size_t q = 0; q < states.size(); ++q) {
            if (states.size() > options_.max_attractor_states) {
                ++unresolved_;
                return;
            }
            if ((q & 1023) == 0) control_.check();
            succ.emplace_back();
            for (auto& t : successors_asynchronous(net_, states[q])) {
                auto [it, fresh] = id.emplace(t, states.size());
                if (fresh) states.push_back(t);
                succ[q].push_back(it->second);
            }
        }
        for (auto& component : terminal_components(succ)) {
            if (owner_.count(states[component.front()])) continue;
            std::vector<State> members;
            for (auto i : component) members.push_back(states[i]);
            record(std::move(members));
        }
        // Credit the trajectory by walking on at random until it is inside an attractor.
        State x = s;
        for (std::uint64_t step = 0; step < 100 * options_.max_attractor_states; ++step) {
            if (auto it = owner_.find(x); it != owner_.end()) {
                ++counts_[it->second];
                return;
            }
            auto next = successors_asynchronous(net_, x);
            x = next[rng_() % next.size()];
        }
        ++unresolved_;
    }

    const Network& net_;
    UpdateScheme update_;
    const SamplingOptions& options_;
    const Control& control_;
    std::mt19937_64 rng_;
    std::vector<Attractor> attractors_;
    std::vector<std::uint64_t> counts_;
    std::unordered_map<State, std::size_t> owner_;
    std::uint64_t unresolved_ = 0;
};

}  // namespace

Result sample_attractors(const Network& net, UpdateScheme update, const SamplingOptions& options,
                         const Control& control) {
    std::uint64_t batches = std::max<std::uint64_t>(1, (options.samples + 63) / 64);
    unsigned threads = static_cast<unsigned>(std::min<std::uint64_t>(control.thread_count(), batches));
    std::vector<std::unique_ptr<Sampler>> samplers;
    for (unsigned t = 0; t < threads; ++t) samplers.push_back(std::make_unique<Sampler>(net, update, options, control));
    std::vector<std::thread> pool;
    std::vector<std::exception_ptr> errors(threads);
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            try {
                samplers[t]->run_batches(t, threads, batches);
            } catch (...) {
                errors[t] = std::current_exception();
            }
        });
    for (auto& th : pool) th.join();
    bool timed_out = false;
    for (auto& e : errors) {
        if (!e) continue;
        try {
            std::rethrow_exception(e);
        } catch (const Interrupted&) {
            // --timeout: the attractors of the finished trajectories are still real.
            if (!control.timed_out()) throw;
            timed_out = true;
        }
    }

    // Merge: the same attractor found by several threads is one attractor.
    Result result;
    result.update = update;
    result.method = Algorithm::sample;
    result.complete = false;
    std::map<std::vector<State>, std::size_t> index;
    std::uint64_t unresolved = 0;
    for (auto& s : samplers) {
        unresolved += s->unresolved();
        for (auto& a : s->take_attractors()) {
            canonicalize(a, update);
            auto [it, fresh] = index.emplace(a.states, result.attractors.size());
            if (fresh)
                result.attractors.push_back(std::move(a));
            else
                *result.attractors[it->second].samples += a.samples.value_or(0);
        }
    }
    canonicalize(result.attractors, update);
    result.timed_out = timed_out;
    if (timed_out) result.notes.push_back("stopped at the time limit before every trajectory was run");
    result.notes.push_back(std::to_string(batches * 64) + " random trajectories of " + std::to_string(options.steps) +
                           " steps; attractors not reached by any are missing");
    if (unresolved > 0)
        result.notes.push_back(std::to_string(unresolved) +
                               " trajectories did not reach an attractor within the exploration limit");
    return result;
}

}  // namespace bitsig
