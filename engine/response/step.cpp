// SPDX-License-Identifier: MIT
// Exact response of one step. Three layouts (StepLayout): the whole space as bitsets
// (response/dense.cpp) when at most 32 variables are free and the reachable set is not
// small; decision diagrams (symbolic/reachability.cpp) beyond what fits; and, below, the
// reachable states explored explicitly, which is cheapest when they are few.
//
// Only states reachable from the starts matter, and after a perturbation that is often a
// small part of 2^free, so the states are numbered as they are met (a hash index).
// Successors are computed 64 states at a time with the compiled rules (response/batch.hpp)
// and stored as a compressed adjacency list.
//
// Asynchronous: the reachable set is closed under successors, so its terminal strongly
// connected components are the attractors reachable from the starts. They are found with
// Kosaraju's two-pass algorithm (Sharir 1981): a depth-first pass for finishing order, then a
// pass over reversed edges in decreasing finishing order. Its second pass numbers the
// components in topological order (sources first), which is the order the absorption
// computation needs. The walk is the jump chain of the unit-rate asynchronous process: from
// s, each variable that disagrees with its rule is flipped with probability 1/deg(s). For a
// start distribution mu, the expected visits v to transient states solve v = mu + v Q and the
// mass absorbed in a terminal component is the flow into it. Components are solved one at a
// time in topological order: a component from which only one attractor can be reached sends
// all its inflow there (exact, no solve; found in one reverse-topological pass), a single
// state exactly in one pass, a cyclic transient component by Gauss-Seidel sweeps. Starting from zero, every iterate is
// below the solution (all coefficients are non-negative), so the absorbed masses are lower bounds and the mass not yet
// absorbed bounds the error of every probability; it is reported.
//
// Synchronous: each state has one successor; walks are labelled as in
// attractor/exhaustive.cpp's functional-graph labelling, and a group's probability of a
// cycle is the share of its states whose trajectory ends there.
#include "response/step.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>
#include <unordered_map>

#include "analysis/reduce.hpp"
#include "attractor/exhaustive.hpp"
#include "core/bits.hpp"
#include "core/error.hpp"
#include "response/batch.hpp"
#include "response/dense.hpp"
#include "response/state_index.hpp"
#include "symbolic/reachability.hpp"

namespace bitsig {

namespace {

constexpr std::uint32_t kNone = ~std::uint32_t{0};
constexpr std::size_t kMaxDenseBits = 30;  // 4 GiB of index at most

std::string gib(std::uint64_t bytes) {
    std::ostringstream out;
    out.precision(1);
    out << std::fixed << static_cast<double>(bytes) / (1024.0 * 1024 * 1024) << " GiB";
    return out.str();
}

// Packs the kept variables of a full state (held ones are implied by the projection).
std::uint64_t pack(const Projection& proj, const State& s) {
    std::uint64_t key = 0;
    for (std::size_t j = 0; j < proj.kept.size(); ++j)
        if (s.get(proj.kept[j].index)) key |= std::uint64_t{1} << j;
    return key;
}

State unpack(const Projection& proj, std::uint64_t key) {
    return proj.expand(State::from_index(key, proj.kept.size()));
}

struct Graph {
    std::vector<std::uint64_t> offsets;  // targets of state u: [offsets[u], offsets[u+1])
    std::vector<std::uint32_t> targets;
    std::size_t size() const { return offsets.size() - 1; }
    std::uint32_t degree(std::uint32_t u) const { return static_cast<std::uint32_t>(offsets[u + 1] - offsets[u]); }
};

Graph reversed(const Graph& g) {
    Graph r;
    std::size_t n = g.size();
    r.offsets.assign(n + 1, 0);
    for (auto t : g.targets) ++r.offsets[t + 1];
    for (std::size_t i = 0; i < n; ++i) r.offsets[i + 1] += r.offsets[i];
    r.targets.resize(g.targets.size());
    std::vector<std::uint64_t> fill(r.offsets.begin(), r.offsets.end() - 1);
    for (std::uint32_t u = 0; u < n; ++u)
        for (auto e = g.offsets[u]; e < g.offsets[u + 1]; ++e) r.targets[fill[g.targets[e]]++] = u;
    return r;
}

struct Components {
    std::vector<std::uint32_t> of;     // per state
    std::vector<std::uint64_t> start;  // members of c: members[start[c] .. start[c+1])
    std::vector<std::uint32_t> members;
    std::vector<bool> terminal;
    std::size_t count() const { return terminal.size(); }
};

// Kosaraju-Sharir, both passes iterative.
Components strongly_connected(const Graph& g, const Graph& rev, const Control& control) {
    std::size_t n = g.size();
    std::vector<std::uint32_t> finish;
    finish.reserve(n);
    {
        std::vector<bool> seen(n, false);
        std::vector<std::pair<std::uint32_t, std::uint64_t>> stack;  // state, next edge
        for (std::uint32_t root = 0; root < n; ++root) {
            if (seen[root]) continue;
            if ((root & 0xFFFF) == 0) control.check();
            seen[root] = true;
            stack.push_back({root, g.offsets[root]});
            while (!stack.empty()) {
                auto& [u, e] = stack.back();
                if (e < g.offsets[u + 1]) {
                    std::uint32_t w = g.targets[e++];
                    if (!seen[w]) {
                        seen[w] = true;
                        stack.push_back({w, g.offsets[w]});
                    }
                    continue;
                }
                finish.push_back(u);
                stack.pop_back();
            }
        }
    }
    Components c;
    c.of.assign(n, kNone);
    std::vector<std::uint32_t> queue;
    std::uint32_t next = 0;
    c.members.reserve(n);
    for (std::size_t i = n; i-- > 0;) {
        std::uint32_t root = finish[i];
        if (c.of[root] != kNone) continue;
        if ((next & 0xFFF) == 0) control.check();
        c.start.push_back(c.members.size());
        c.of[root] = next;
        queue.assign(1, root);
        for (std::size_t q = 0; q < queue.size(); ++q) {
            std::uint32_t u = queue[q];
            c.members.push_back(u);
            for (auto e = rev.offsets[u]; e < rev.offsets[u + 1]; ++e) {
                std::uint32_t p = rev.targets[e];
                if (c.of[p] == kNone) {
                    c.of[p] = next;
                    queue.push_back(p);
                }
            }
        }
        ++next;
    }
    c.start.push_back(c.members.size());
    c.terminal.assign(next, true);
    for (std::uint32_t u = 0; u < n; ++u)
        for (auto e = g.offsets[u]; e < g.offsets[u + 1]; ++e)
            if (c.of[g.targets[e]] != c.of[u]) c.terminal[c.of[u]] = false;
    return c;
}

std::uint64_t state_budget(const StepLimits& limits, UpdateScheme update) {
    if (limits.max_states) return limits.max_states;
    auto bytes = static_cast<double>(available_memory_bytes()) * limits.memory_fraction;
    return static_cast<std::uint64_t>(bytes / static_cast<double>(step_bytes_per_state(update)));
}

[[noreturn]] void too_many_states(std::uint64_t budget, std::size_t free_vars, UpdateScheme update) {
    throw ResourceError(
        errors::exact_response_too_many_states(budget, free_vars, gib(budget * step_bytes_per_state(update))));
}

// Weighted start states of each group, as state numbers.
using Weighted = std::vector<std::pair<std::uint32_t, double>>;

}  // namespace

std::uint64_t step_bytes_per_state(UpdateScheme update) {
    // index (key + hash slots) + offsets + components + absorption vectors, plus edges
    // (asynchronous: about 8 per state each way).
    std::uint64_t base = StateIndex::kBytesPerState + 8 + 8 + 3 * 8;
    return update == UpdateScheme::synchronous ? base : base + 2 * 8 * 4 + 16;
}

namespace {

// Each group's start states numbered in `index`, the group's weight shared equally among its
// states (a state listed twice gets twice the share).
std::vector<Weighted> number_starts(const Projection& proj, const std::vector<StartGroup>& groups, StateIndex& index) {
    std::vector<Weighted> starts(groups.size());
    for (std::size_t g = 0; g < groups.size(); ++g) {
        double w = 1.0 / static_cast<double>(groups[g].states.size());
        std::unordered_map<std::uint32_t, std::size_t> position;
        for (const auto& s : groups[g].states) {
            bool added = false;
            std::uint32_t id = index.insert(pack(proj, s), added);
            auto [it, fresh] = position.emplace(id, starts[g].size());
            if (fresh)
                starts[g].push_back({id, w});
            else
                starts[g][it->second].second += w;
        }
    }
    return starts;
}

// Numbers every state reachable from those in `index` and records their successors, 64 states
// per evaluation; false once more than `switch_at` are reachable.
bool explore_edges(const Projection& proj, UpdateScheme update, std::uint64_t budget, std::uint64_t switch_at,
                   const Control& control, StateIndex& index, Graph& g) {
    BatchStepper stepper(proj.reduced);
    g.offsets.push_back(0);
    std::uint64_t keys[BatchStepper::kBatch], moves[BatchStepper::kBatch];
    const bool sync = update == UpdateScheme::synchronous;
    for (std::size_t done = 0; done < index.size();) {
        std::size_t count = std::min<std::size_t>(BatchStepper::kBatch, index.size() - done);
        for (std::size_t i = 0; i < count; ++i) keys[i] = index.state(static_cast<std::uint32_t>(done + i));
        if (sync)
            stepper.successors(keys, count, moves);
        else
            stepper.disagreements(keys, count, moves);
        for (std::size_t i = 0; i < count; ++i) {
            bool added = false;
            if (sync) {
                g.targets.push_back(index.insert(moves[i], added));
            } else {
                for (std::uint64_t m = moves[i]; m != 0; m &= m - 1)
                    g.targets.push_back(index.insert(keys[i] ^ (std::uint64_t{1} << std::countr_zero(m)), added));
            }
            g.offsets.push_back(g.targets.size());
        }
        done += count;
        if (index.size() > switch_at) return false;
        if (index.size() > budget || index.size() >= kNone - 64) too_many_states(budget, proj.kept.size(), update);
        if ((done & 0xFFFF) < BatchStepper::kBatch) {
            control.check();
            control.report(0, "exploring reachable states (" + std::to_string(done) + ")");
        }
    }
    return true;
}

// The attractors as member states in discovery order, and the attractor each state is in
// (kNone for a state in none).
struct Labelled {
    std::vector<std::vector<std::uint32_t>> found;
    std::vector<std::uint32_t> attractor_of;
};

// Synchronous: a functional graph; each walk is labelled with the cycle it falls into.
Labelled label_cycles(const Graph& g) {
    const std::size_t n = g.size();
    Labelled l;
    l.attractor_of.assign(n, kNone);
    constexpr std::uint32_t kOnWalk = kNone - 1;
    std::vector<std::uint32_t> walk;
    for (std::uint32_t s = 0; s < n; ++s) {
        if (l.attractor_of[s] != kNone) continue;
        walk.clear();
        std::uint32_t x = s;
        while (l.attractor_of[x] == kNone) {
            l.attractor_of[x] = kOnWalk;
            walk.push_back(x);
            x = g.targets[x];
        }
        std::uint32_t label = l.attractor_of[x];
        if (label == kOnWalk) {
            label = static_cast<std::uint32_t>(l.found.size());
            std::vector<std::uint32_t> cycle;
            std::uint32_t y = x;
            do {
                cycle.push_back(y);
                y = g.targets[y];
            } while (y != x);
            l.found.push_back(std::move(cycle));
        }
        for (auto w : walk) l.attractor_of[w] = label;
    }
    return l;
}

// Asynchronous: the terminal strongly connected components.
Labelled label_terminal_components(const Components& comps, std::size_t n) {
    Labelled l;
    l.attractor_of.assign(n, kNone);
    for (std::uint32_t c = 0; c < comps.count(); ++c) {
        if (!comps.terminal[c]) continue;
        std::vector<std::uint32_t> members(comps.members.begin() + static_cast<std::ptrdiff_t>(comps.start[c]),
                                           comps.members.begin() + static_cast<std::ptrdiff_t>(comps.start[c + 1]));
        for (auto u : members) l.attractor_of[u] = static_cast<std::uint32_t>(l.found.size());
        l.found.push_back(std::move(members));
    }
    return l;
}

// Appends the canonical attractors to out.attractors, sorted by their first state; returns
// `rank`, which maps discovery order to the sorted position.
std::vector<std::size_t> add_sorted_attractors(const Projection& proj, UpdateScheme update,
                                               const std::vector<std::vector<std::uint32_t>>& found,
                                               const std::vector<std::uint64_t>& key, StepOutcome& out) {
    const bool sync = update == UpdateScheme::synchronous;
    std::vector<Attractor> atts(found.size());
    for (std::size_t a = 0; a < found.size(); ++a) {
        for (auto u : found[a]) atts[a].states.push_back(unpack(proj, key[u]));
        canonicalize(atts[a], update);
        if (!sync && atts[a].size > 1) atts[a].trap_space = summarize_space(atts[a].states);
    }
    std::vector<std::size_t> order(found.size());
    for (std::size_t a = 0; a < order.size(); ++a) order[a] = a;
    std::sort(order.begin(), order.end(),
              [&](std::size_t x, std::size_t y) { return atts[x].states.front() < atts[y].states.front(); });
    std::vector<std::size_t> rank(found.size());
    for (std::size_t r = 0; r < order.size(); ++r) {
        rank[order[r]] = r;
        out.attractors.push_back(std::move(atts[order[r]]));
    }
    return rank;
}

// out.reachable: which attractors a forward search from each group meets.
void mark_reachable(const Graph& g, const std::vector<Weighted>& starts, const std::vector<std::uint32_t>& attractor_of,
                    const std::vector<std::size_t>& rank, const Control& control, StepOutcome& out) {
    std::vector<bool> seen(g.size(), false);
    std::vector<std::uint32_t> queue;
    out.reachable.assign(starts.size(), std::vector<bool>(out.attractors.size(), false));
    for (std::size_t gi = 0; gi < starts.size(); ++gi) {
        control.check();
        queue.clear();
        for (auto [id, w] : starts[gi])
            if (!seen[id]) {
                seen[id] = true;
                queue.push_back(id);
            }
        for (std::size_t q = 0; q < queue.size(); ++q) {
            std::uint32_t u = queue[q];
            if (attractor_of[u] != kNone) out.reachable[gi][rank[attractor_of[u]]] = true;
            for (auto e = g.offsets[u]; e < g.offsets[u + 1]; ++e)
                if (!seen[g.targets[e]]) {
                    seen[g.targets[e]] = true;
                    queue.push_back(g.targets[e]);
                }
        }
        for (auto u : queue) seen[u] = false;
    }
}

constexpr std::uint32_t kMulti = kNone - 1;

// The one attractor (sorted position) each component leads to, or kMulti when it can reach
// several: all the mass entering a single-target component ends there, with no solve
// (exact). Filled sinks first, i.e. in reverse topological order.
std::vector<std::uint32_t> single_targets(const Graph& g, const Components& comps,
                                          const std::vector<std::uint32_t>& attractor_of,
                                          const std::vector<std::size_t>& rank) {
    std::vector<std::uint32_t> target(comps.count(), kNone);
    for (std::uint32_t c = static_cast<std::uint32_t>(comps.count()); c-- > 0;) {
        const std::uint32_t* first = comps.members.data() + comps.start[c];
        const std::uint32_t* last = comps.members.data() + comps.start[c + 1];
        if (comps.terminal[c]) {
            target[c] = static_cast<std::uint32_t>(rank[attractor_of[*first]]);
            continue;
        }
        for (const std::uint32_t* p = first; p != last && target[c] != kMulti; ++p)
            for (auto e = g.offsets[*p]; e < g.offsets[*p + 1]; ++e) {
                std::uint32_t d = comps.of[g.targets[e]];
                if (d == c) continue;
                if (target[c] == kNone)
                    target[c] = target[d];
                else if (target[c] != target[d])
                    target[c] = kMulti;
            }
    }
    return target;
}

// The graph, its reverse, its components and what the absorption of one group needs.
struct Chain {
    const Graph& g;
    const Graph& rev;
    const Components& comps;
    const std::vector<std::uint32_t>& target;  // single_targets
    std::vector<std::uint32_t> leaving;        // per state: edges to other components
};

// The expected visits of the states of cyclic transient component c (first..last) given
// their inflow, by Gauss-Seidel sweeps; returns the mass left unabsorbed when the sweeps stop
// at the relaxation budget before the tolerance.
double solve_component(const Chain& ch, std::uint32_t c, const std::uint32_t* first, const std::uint32_t* last,
                       double total_in, const std::vector<double>& inflow, const StepLimits& limits,
                       const Control& control, std::uint64_t& relaxations, std::vector<double>& visits) {
    for (const std::uint32_t* p = first; p != last; ++p) visits[*p] = 0;
    if ((c & 0xFF) == 0) control.check();
    for (;;) {
        double total_out = 0;
        for (const std::uint32_t* p = first; p != last; ++p) {
            std::uint32_t u = *p;
            double v = inflow[u];
            for (auto e = ch.rev.offsets[u]; e < ch.rev.offsets[u + 1]; ++e) {
                std::uint32_t q = ch.rev.targets[e];
                if (ch.comps.of[q] == c) v += visits[q] / ch.g.degree(q);
            }
            visits[u] = v;
            total_out += v * ch.leaving[u] / ch.g.degree(u);
            relaxations += ch.rev.offsets[u + 1] - ch.rev.offsets[u];
        }
        if (total_in - total_out <= limits.tolerance * total_in) return 0;
        if (relaxations > limits.max_relaxations) return total_in - total_out;
        control.check();
    }
}

// The absorption of one group's start mass, component by component in topological order,
// into `probability`; returns the mass left unabsorbed by stopped solves.
double absorb_group(const Chain& ch, const Weighted& starts, const StepLimits& limits, const Control& control,
                    std::uint64_t& relaxations, std::vector<double>& inflow, std::vector<double>& visits,
                    std::vector<double>& probability) {
    std::fill(inflow.begin(), inflow.end(), 0.0);
    for (auto [id, w] : starts) inflow[id] += w;
    double unabsorbed = 0;
    for (std::uint32_t c = 0; c < ch.comps.count(); ++c) {
        const std::uint32_t* first = ch.comps.members.data() + ch.comps.start[c];
        const std::uint32_t* last = ch.comps.members.data() + ch.comps.start[c + 1];
        double total_in = 0;
        for (const std::uint32_t* p = first; p != last; ++p) total_in += inflow[*p];
        if (total_in == 0) continue;
        if (ch.target[c] != kMulti) {
            probability[ch.target[c]] += total_in;
            continue;
        }
        if (last - first == 1)
            visits[*first] = inflow[*first];
        else
            unabsorbed += solve_component(ch, c, first, last, total_in, inflow, limits, control, relaxations, visits);
        for (const std::uint32_t* p = first; p != last; ++p) {
            std::uint32_t u = *p;
            double share = visits[u] / ch.g.degree(u);
            for (auto e = ch.g.offsets[u]; e < ch.g.offsets[u + 1]; ++e)
                if (ch.comps.of[ch.g.targets[e]] != c) inflow[ch.g.targets[e]] += share;
        }
    }
    return unabsorbed;
}

// out.probability and out.max_error of the asynchronous walk from each group.
void absorb(const Graph& g, const Graph& rev, const Components& comps, const std::vector<Weighted>& starts,
            const std::vector<std::uint32_t>& attractor_of, const std::vector<std::size_t>& rank,
            const StepLimits& limits, const Control& control, StepOutcome& out) {
    const std::size_t n = g.size();
    std::vector<double> inflow(n, 0.0), visits(n, 0.0);
    std::vector<std::uint32_t> target = single_targets(g, comps, attractor_of, rank);
    Chain ch{g, rev, comps, target, std::vector<std::uint32_t>(n, 0)};
    for (std::uint32_t u = 0; u < n; ++u)
        for (auto e = g.offsets[u]; e < g.offsets[u + 1]; ++e) ch.leaving[u] += comps.of[g.targets[e]] != comps.of[u];
    std::uint64_t relaxations = 0;
    for (std::size_t gi = 0; gi < starts.size(); ++gi) {
        double unabsorbed =
            absorb_group(ch, starts[gi], limits, control, relaxations, inflow, visits, out.probability[gi]);
        double absorbed = 0;
        for (double p : out.probability[gi]) absorbed += p;
        out.max_error = std::max({out.max_error, unabsorbed, 1.0 - absorbed});
    }
}

// The reachable states numbered as met; nullopt once more than `switch_at` are reachable.
std::optional<StepOutcome> explore_reachable(const Projection& proj, UpdateScheme update,
                                             const std::vector<StartGroup>& groups, const StepLimits& limits,
                                             const Control& control, std::uint64_t switch_at) {
    const std::size_t k = proj.kept.size();
    StepOutcome out;
    out.free_variables = k;
    const std::uint64_t budget = state_budget(limits, update);

    // A direct array over the whole space when it is small next to the memory budget.
    const bool dense = k <= kMaxDenseBits && (std::uint64_t{4} << k) <= budget * step_bytes_per_state(update) / 4;
    StateIndex index(dense ? static_cast<unsigned>(k) : 0);
    std::vector<Weighted> starts = number_starts(proj, groups, index);
    Graph g;
    if (!explore_edges(proj, update, budget, switch_at, control, index, g)) return std::nullopt;
    const std::size_t n = index.size();
    out.explored_states = n;
    std::vector<std::uint64_t> key = index.release();

    const bool sync = update == UpdateScheme::synchronous;
    Components comps;
    Graph rev;  // asynchronous: predecessors, for both the components and the absorption
    Labelled l;
    if (sync) {
        l = label_cycles(g);
    } else {
        rev = reversed(g);
        comps = strongly_connected(g, rev, control);
        l = label_terminal_components(comps, n);
    }
    std::vector<std::size_t> rank = add_sorted_attractors(proj, update, l.found, key, out);
    mark_reachable(g, starts, l.attractor_of, rank, control, out);

    out.probability.assign(groups.size(), std::vector<double>(out.attractors.size(), 0.0));
    if (sync) {
        for (std::size_t gi = 0; gi < groups.size(); ++gi)
            for (auto [id, w] : starts[gi]) out.probability[gi][rank[l.attractor_of[id]]] += w;
        return out;
    }
    absorb(g, rev, comps, starts, l.attractor_of, rank, limits, control, out);
    return out;
}

// Each start group as packed states over the free variables, the group's weight shared
// equally among its states (a state listed twice gets twice the share).
std::vector<std::vector<std::pair<std::uint64_t, double>>> packed_starts(const Projection& proj,
                                                                         const std::vector<StartGroup>& groups) {
    std::vector<std::vector<std::pair<std::uint64_t, double>>> starts(groups.size());
    for (std::size_t g = 0; g < groups.size(); ++g) {
        double w = 1.0 / static_cast<double>(groups[g].states.size());
        std::unordered_map<std::uint64_t, std::size_t> position;
        for (const auto& s : groups[g].states) {
            std::uint64_t key = pack(proj, s);
            auto [it, fresh] = position.emplace(key, starts[g].size());
            if (fresh)
                starts[g].push_back({key, w});
            else
                starts[g][it->second].second += w;
        }
    }
    return starts;
}

// The attractors a whole-space or symbolic exploration found (packed, in discovery order)
// as full-model attractors ordered by their first state, with the per-start columns
// (probability, reachable and, when given, standard error) put in the same order.
void add_attractors(const Projection& proj, std::size_t groups, const std::vector<std::vector<std::uint64_t>>& found,
                    const std::vector<std::vector<double>>& probability,
                    const std::vector<std::vector<bool>>& reachable,
                    const std::vector<std::vector<double>>* standard_error, StepOutcome& out) {
    std::vector<Attractor> atts(found.size());
    for (std::size_t a = 0; a < atts.size(); ++a) {
        for (auto key : found[a]) atts[a].states.push_back(unpack(proj, key));
        canonicalize(atts[a], UpdateScheme::asynchronous);
        if (atts[a].size > 1) atts[a].trap_space = summarize_space(atts[a].states);
    }
    std::vector<std::size_t> order(atts.size());
    for (std::size_t a = 0; a < order.size(); ++a) order[a] = a;
    std::sort(order.begin(), order.end(),
              [&](std::size_t x, std::size_t y) { return atts[x].states.front() < atts[y].states.front(); });
    out.probability.assign(groups, std::vector<double>(atts.size(), 0.0));
    out.reachable.assign(groups, std::vector<bool>(atts.size(), false));
    if (standard_error) out.standard_error.assign(groups, std::vector<double>(atts.size(), 0.0));
    for (std::size_t r = 0; r < order.size(); ++r) {
        for (std::size_t g = 0; g < groups; ++g) {
            out.probability[g][r] = probability[g][order[r]];
            out.reachable[g][r] = reachable[g][order[r]];
            if (standard_error) out.standard_error[g][r] = (*standard_error)[g][order[r]];
        }
        out.attractors.push_back(std::move(atts[order[r]]));
    }
}

// The same answer over the whole space (response/dense.cpp), in the shape of StepOutcome.
StepOutcome explore_whole_space(const Projection& proj, const std::vector<StartGroup>& groups, const StepLimits& limits,
                                std::uint64_t memory_budget, const Control& control) {
    std::vector<PackedStart> starts = packed_starts(proj, groups);
    DenseOutcome d = explore_dense(proj.reduced, starts, limits, memory_budget, control);
    StepOutcome out;
    out.whole_space = true;
    out.free_variables = proj.kept.size();
    out.explored_states = d.explored_states;
    out.max_error = d.max_error;
    add_attractors(proj, groups.size(), d.attractors, d.probability, d.reachable, nullptr, out);
    return out;
}

// The step by decision diagrams (symbolic/reachability.hpp); ResourceError when they grow
// past their budget.
StepOutcome explore_symbolic(const Projection& proj, const std::vector<StartGroup>& groups, const StepLimits& limits,
                             const Control& control) {
    std::vector<WeightedStates> starts = packed_starts(proj, groups);
    SymbolicReachOptions so;
    so.max_nodes = limits.symbolic_max_nodes;
    so.max_seconds = limits.symbolic_seconds;
    so.samples = limits.samples;
    so.seed = limits.seed;
    so.max_walk = limits.max_walk;
    SymbolicReach d = symbolic_async_reach(proj.reduced, starts, so, control);
    if (!d.finished) throw ResourceError(errors::exact_response_symbolic_stopped(proj.kept.size(), d.stopped));
    StepOutcome out;
    out.symbolic = true;
    out.free_variables = proj.kept.size();
    out.explored_states =
        d.reachable_states >= 1.8e19 ? ~std::uint64_t{0} : static_cast<std::uint64_t>(d.reachable_states);
    out.probabilities_exact = d.probabilities_exact;
    out.undetermined_walks = d.undetermined_walks;
    add_attractors(proj, groups.size(), d.attractors, d.probability, d.reachable,
                   d.probabilities_exact ? nullptr : &d.standard_error, out);
    std::ostringstream note;
    note << "symbolic reachability over " << proj.kept.size() << " free variables: " << d.reachable_states
         << " reachable states, diagrams of at most " << d.nodes << " nodes";
    out.note = note.str();
    return out;
}

std::uint64_t memory_budget(const StepLimits& limits, UpdateScheme update) {
    if (limits.max_states) return limits.max_states * step_bytes_per_state(update);
    return static_cast<std::uint64_t>(static_cast<double>(available_memory_bytes()) * limits.memory_fraction);
}

}  // namespace

StepOutcome explore_step(const Network& perturbed, UpdateScheme update, const std::vector<StartGroup>& groups,
                         const StepLimits& limits, const Control& control) {
    Projection proj = project_constants(perturbed);
    const std::size_t k = proj.kept.size();
    if (k > 64) throw ResourceError(errors::exact_response_too_many_free(k));
    const std::uint64_t bytes = memory_budget(limits, update);
    const bool whole_space_fits =
        update == UpdateScheme::asynchronous && k <= kMaxDenseVariables && dense_step_bytes(k) <= bytes;
    switch (limits.layout) {
    case StepLayout::whole_space:
        if (update == UpdateScheme::asynchronous) return explore_whole_space(proj, groups, limits, bytes, control);
        break;
    case StepLayout::reachable:
        break;
    case StepLayout::automatic:
        // Small spaces cost nothing laid out whole; larger ones only when the reachable
        // set turns out not to be small (the edge list is faster for a few thousand states).
        if (whole_space_fits && k <= 20) return explore_whole_space(proj, groups, limits, bytes, control);
        if (whole_space_fits) {
            if (auto small = explore_reachable(proj, update, groups, limits, control, limits.reachable_first))
                return std::move(*small);
            return explore_whole_space(proj, groups, limits, bytes, control);
        }
        if (limits.symbolic && update == UpdateScheme::asynchronous) {
            if (auto small = explore_reachable(proj, update, groups, limits, control, limits.symbolic_after))
                return std::move(*small);
            return explore_symbolic(proj, groups, limits, control);
        }
        break;
    case StepLayout::symbolic:
        if (update == UpdateScheme::asynchronous) return explore_symbolic(proj, groups, limits, control);
        break;
    }
    return *explore_reachable(proj, update, groups, limits, control, ~std::uint64_t{0});
}

}  // namespace bitsig
