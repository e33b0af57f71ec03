// SPDX-License-Identifier: MIT
// Asynchronous reachability on binary decision diagrams (Bryant 1986) with BuDDy.
//
// A set of states is a diagram over the network's variables (level = variable index);
// successors and predecessors come from async_graph.hpp (the moves x_v xor f_v, applied
// one variable at a time with chaining, Roig et al. 1995). Attractors (terminal strongly
// connected components) come from forward and backward reachability alone, as in the
// whole-space method (Xie and Beerel 2000): from a pivot, the forward set is an attractor
// when every state in it reaches the pivot back; otherwise the forward states that cannot
// reach the pivot are closed and hold one. Each attractor's basin (backward reachability
// inside the reachable set) is removed and the search goes on in what is left, so every
// attractor reachable from the starts is found, exactly.
//
// Probabilities are exact for a start whose states each lie in one basin only. For the
// others, a linear solve over a set of this size is out of reach, so walks of the uniform
// jump chain are sampled, 64 in lockstep through the compiled rules, until they enter a
// state from which a single attractor can be reached; shares of walks come with binomial
// standard errors.
#include "symbolic/reachability.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <functional>
#include <optional>
#include <random>

#include "core/bits.hpp"
#include "dynamics/program.hpp"
#include "symbolic/async_graph.hpp"
#include "symbolic/rule_diagram.hpp"

namespace bitsig {

namespace {

using symbolic::contains;
using symbolic::guarded;
using symbolic::OverBudget;

// Moves of up to 64 packed states at once with the compiled rules.
class Moves {
public:
    explicit Moves(const Network& net) : k_(net.num_vars()), program_(Program::compile(net)) {
        scratch_.assign(program_.scratch_words(1), 0);
    }
    /// masks[i] = variables that disagree with their rule in states[i], i < count <= 64.
    void run(const std::uint64_t* states, std::size_t count, std::uint64_t* masks) {
        Word in[64] = {}, out[64] = {};
        std::copy(states, states + count, in);
        transpose64(in);
        if (k_ > 0) program_.run<1>(in, out, scratch_.data());
        transpose64(out);
        for (std::size_t i = 0; i < count; ++i) masks[i] = out[i] ^ states[i];
    }

private:
    std::size_t k_;
    Program program_;
    std::vector<Word> scratch_;
};

void list_states(int r, std::size_t level, std::size_t k, std::uint64_t prefix, std::vector<std::uint64_t>& out) {
    if (r == 0) return;
    if (level == k) {
        out.push_back(prefix);
        return;
    }
    const std::uint64_t bit = std::uint64_t{1} << level;
    if (r == 1 || static_cast<std::size_t>(bdd_var(r)) > level) {
        list_states(r, level + 1, k, prefix, out);
        list_states(r, level + 1, k, prefix | bit, out);
        return;
    }
    list_states(bdd_low(r), level + 1, k, prefix, out);
    list_states(bdd_high(r), level + 1, k, prefix | bit, out);
}

std::uint64_t walk(Moves& moves, std::uint64_t s, std::size_t steps, std::mt19937_64& rng) {
    for (std::size_t i = 0; i < steps; ++i) {
        std::uint64_t m = 0;
        moves.run(&s, 1, &m);
        if (m == 0) break;
        auto pick = static_cast<int>(rng() % static_cast<std::uint64_t>(std::popcount(m)));
        for (int p = 0; p < pick; ++p) m &= m - 1;
        s ^= std::uint64_t{1} << std::countr_zero(m);
    }
    return s;
}

// The symbolic phase: every attractor reachable from the starts (pivot, forward set,
// backward set inside it), each one's basin inside the reachable set, and the states that
// settle in one attractor only. Throws OverBudget past the diagrams' budget.
void find_attractors(const std::vector<WeightedStates>& starts, const SymbolicReachOptions& o, std::size_t k,
                     symbolic::AsyncGraph& reach, Moves& moves, std::mt19937_64& rng, SymbolicReach& out,
                     std::vector<bdd>& basins, std::vector<bdd>& settled) {
    bdd start_set = bddfalse;
    for (const auto& group : starts)
        for (auto [s, w] : group) {
            bdd c = reach.cube(s);
            start_set = guarded([&] { return start_set | c; });
        }
    bdd reachable = reach.forward(start_set);
    out.reachable_states = reach.count(reachable);
    out.nodes = symbolic::node_count(reachable);
    bdd remaining = reachable;
    std::uint64_t listed = 0;
    while (remaining != bddfalse) {
        auto pivot_in = [&](const bdd& x) { return walk(moves, symbolic::some_state(x, k).index(), 4 * k + 64, rng); };
        bdd attractor = reach.attractor_from(pivot_in(remaining), pivot_in);
        double size = reach.count(attractor);
        if (size + static_cast<double>(listed) > static_cast<double>(o.max_attractor_states)) {
            out.stopped = "the attractors reached have more than " + std::to_string(o.max_attractor_states) +
                          " states in all, too many to list";
            throw OverBudget{};
        }
        std::vector<std::uint64_t> members;
        list_states(attractor.id(), 0, k, 0, members);
        std::sort(members.begin(), members.end());
        listed += members.size();
        out.attractors.push_back(std::move(members));
        bdd basin = reach.backward(attractor, reachable);
        out.nodes = std::max(out.nodes, symbolic::node_count(basin));
        remaining = guarded([&] { return remaining & !basin; });
        basins.push_back(basin);
    }
    // States from which only attractor j can be reached.
    bdd several = bddfalse, once = bddfalse;
    for (const auto& b : basins) {
        bdd both = guarded([&] { return once & b; });
        several = guarded([&] { return several | both; });
        once = guarded([&] { return once | b; });
    }
    for (const auto& b : basins) settled.push_back(guarded([&] { return b & !several; }));
    reach.tick();
}

// Walks of the uniform jump chain from start group `group`, 64 in lockstep, each until it
// enters a state that settles in one attractor (`settled_in` < m); the shares of walks
// and their binomial standard errors.
void sample_group(const WeightedStates& group, const SymbolicReachOptions& o, std::size_t m,
                  const std::function<std::size_t(std::uint64_t)>& settled_in, Moves& moves, std::mt19937_64& rng,
                  const Control& control, std::vector<double>& probability, std::vector<double>& standard_error,
                  std::uint64_t& undetermined) {
    std::vector<double> weights;
    for (auto [s, w] : group) weights.push_back(w);
    std::discrete_distribution<std::size_t> pick_start(weights.begin(), weights.end());
    std::vector<std::uint64_t> hits(m, 0);
    for (std::uint64_t done = 0; done < o.samples;) {
        control.check();
        const auto lanes = static_cast<std::size_t>(std::min<std::uint64_t>(64, o.samples - done));
        std::vector<std::uint64_t> key(lanes);
        std::vector<bool> open(lanes, true);
        for (std::size_t i = 0; i < lanes; ++i) key[i] = group[pick_start(rng)].first;
        for (std::uint64_t t = 0;; ++t) {
            std::uint64_t batch[64], mask[64];
            std::size_t lane_of[64], count = 0;
            for (std::size_t i = 0; i < lanes; ++i) {
                if (!open[i]) continue;
                std::size_t j = settled_in(key[i]);
                if (j < m) {
                    ++hits[j];
                    open[i] = false;
                    continue;
                }
                lane_of[count] = i;
                batch[count++] = key[i];
            }
            if (count == 0) break;
            if (t >= o.max_walk) {
                undetermined += count;
                break;
            }
            moves.run(batch, count, mask);
            for (std::size_t c = 0; c < count; ++c) {
                std::uint64_t mv = mask[c];
                if (mv == 0) continue;  // cannot happen: a fixed point is settled
                auto p = static_cast<int>(rng() % static_cast<std::uint64_t>(std::popcount(mv)));
                for (int q = 0; q < p; ++q) mv &= mv - 1;
                key[lane_of[c]] ^= std::uint64_t{1} << std::countr_zero(mv);
            }
        }
        done += lanes;
    }
    const auto total = static_cast<double>(o.samples);
    for (std::size_t j = 0; j < m; ++j) {
        double p = static_cast<double>(hits[j]) / total;
        probability[j] = p;
        standard_error[j] = std::sqrt(p * (1 - p) / total);
    }
}

// Per start group: which attractors its states reach, and the probability of each, exact
// when every state settles in one attractor, else sampled.
void answer_starts(const std::vector<WeightedStates>& starts, const SymbolicReachOptions& o,
                   const std::vector<bdd>& basins, const std::vector<bdd>& settled, Moves& moves, std::mt19937_64& rng,
                   const Control& control, SymbolicReach& out) {
    const std::size_t m = out.attractors.size();
    out.probability.assign(starts.size(), std::vector<double>(m, 0.0));
    out.standard_error.assign(starts.size(), std::vector<double>(m, 0.0));
    out.reachable.assign(starts.size(), std::vector<bool>(m, false));
    const std::function<std::size_t(std::uint64_t)> settled_in = [&](std::uint64_t s) {
        for (std::size_t j = 0; j < m; ++j)
            if (contains(settled[j], s)) return j;
        return m;
    };
    for (std::size_t g = 0; g < starts.size(); ++g) {
        bool exact = true;
        for (auto [s, w] : starts[g]) {
            for (std::size_t j = 0; j < m; ++j)
                if (contains(basins[j], s)) out.reachable[g][j] = true;
            std::size_t j = settled_in(s);
            if (j == m)
                exact = false;
            else
                out.probability[g][j] += w;
        }
        if (exact) continue;
        out.probabilities_exact = false;
        std::fill(out.probability[g].begin(), out.probability[g].end(), 0.0);
        sample_group(starts[g], o, m, settled_in, moves, rng, control, out.probability[g], out.standard_error[g],
                     out.undetermined_walks);
    }
}

}  // namespace

SymbolicReach symbolic_async_reach(const Network& net, const std::vector<WeightedStates>& starts,
                                   const SymbolicReachOptions& o, const Control& control) {
    SymbolicReach out;
    const std::size_t k = net.num_vars();
    if (k > 64) {
        out.stopped = "more than 64 free variables";
        return out;
    }
    Moves moves(net);
    std::mt19937_64 rng(o.seed);
    // Diagrams kept past the budgeted session are read and released under this one, made
    // after that session ends (the package's lock is not recursive); declared first, so
    // it outlives them on every way out.
    std::optional<symbolic::Session> reading;
    std::vector<bdd> basins, settled;
    try {
        symbolic::AsyncGraph reach(net, o.max_nodes, o.max_seconds, control);
        control.report(-1, "symbolic reachability");
        find_attractors(starts, o, k, reach, moves, rng, out, basins, settled);
    } catch (const OverBudget&) {
        if (out.stopped.empty())
            out.stopped = "the decision diagrams grew past the budget of " + std::to_string(o.max_nodes) +
                          " nodes or " + std::to_string(static_cast<long>(o.max_seconds)) + " s";
        out.attractors.clear();
        reading.emplace(k);
        basins.clear();
        settled.clear();
        return out;
    } catch (...) {
        reading.emplace(k);
        basins.clear();
        settled.clear();
        throw;
    }
    reading.emplace(k);
    answer_starts(starts, o, basins, settled, moves, rng, control, out);
    basins.clear();
    settled.clear();
    out.finished = true;
    return out;
}

}  // namespace bitsig
