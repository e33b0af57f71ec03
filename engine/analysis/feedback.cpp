// SPDX-License-Identifier: MIT
#include "analysis/feedback.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "analysis/components.hpp"
#include "analysis/regulation.hpp"

namespace bitsig {

namespace {

/// A position for every variable such that regulators come first, strongly connected
/// components stay together, and each input comes as late as possible: just before the
/// first component that needs it (Kahn's algorithm on the condensation, taking an input
/// only when nothing else is ready). Deciding in this order makes a dead end show while
/// few decisions are involved, so the nogoods learned from it are short.
std::vector<std::uint32_t> lazy_input_order(const Network& net) {
    const auto n = static_cast<std::uint32_t>(net.num_vars());
    std::vector<std::vector<std::uint32_t>> out(n);
    for (std::uint32_t v = 0; v < n; ++v)
        for (VarId u : net.regulators(VarId{v})) out[u.index].push_back(v);
    const std::vector<std::uint32_t> component = topological_components(out);
    const std::uint32_t count = n == 0 ? 0 : *std::max_element(component.begin(), component.end()) + 1;
    std::vector<std::vector<std::uint32_t>> next(count);
    std::vector<std::size_t> waiting(count, 0);
    std::vector<char> is_input(count, 0);
    for (std::uint32_t v = 0; v < n; ++v) {
        if (net.is_input(VarId{v})) is_input[component[v]] = 1;
        for (auto w : out[v])
            if (component[w] != component[v]) next[component[v]].push_back(component[w]);
    }
    for (auto& list : next) {
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
        for (auto c : list) ++waiting[c];
    }
    std::vector<std::uint32_t> ready, inputs, position(count, 0);
    for (std::uint32_t c = 0; c < count; ++c)
        if (waiting[c] == 0) (is_input[c] ? inputs : ready).push_back(c);
    std::vector<char> taken(count, 0);
    for (std::uint32_t placed = 0; placed < count; ++placed) {
        std::uint32_t c = 0;
        if (!ready.empty()) {
            c = ready.back();
            ready.pop_back();
        } else {
            // The input feeding the component closest to ready.
            std::size_t best = SIZE_MAX, at = 0;
            for (std::size_t i = 0; i < inputs.size(); ++i) {
                if (taken[inputs[i]]) continue;
                for (auto d : next[inputs[i]])
                    if (waiting[d] < best) {
                        best = waiting[d];
                        at = i;
                    }
                if (best == SIZE_MAX && next[inputs[i]].empty()) {
                    best = SIZE_MAX - 1;
                    at = i;
                }
            }
            c = inputs[at];
        }
        taken[c] = 1;
        position[c] = placed;
        for (auto d : next[c])
            if (--waiting[d] == 0) ready.push_back(d);
    }
    std::vector<std::uint32_t> order(n);
    for (std::uint32_t v = 0; v < n; ++v) order[v] = position[component[v]];
    return order;
}

// A signed edge: parity 0 activation, 1 inhibition, 2 dual (both).
struct SignedEdge {
    std::uint32_t other;
    std::uint8_t parity;
};

// The signed regulatory graph restricted to the variables still `alive`, and its strongly
// connected components holding a negative cycle. A strongly connected signed digraph has
// no negative cycle exactly when its variables split into two camps with activations
// inside a camp and inhibitions across (its directed cycles span its cycle space), so one
// breadth-first two-colouring per component decides it; a dual edge inside a component
// lies on a cycle of each sign.
class SignedGraph {
public:
    explicit SignedGraph(const Network& net) : out_(net.num_vars()), in_(net.num_vars()) {
        for (const Regulation& r : regulations(net)) {
            if (r.sign == Sign::none) continue;
            const std::uint8_t parity = r.sign == Sign::activation ? 0 : (r.sign == Sign::inhibition ? 1 : 2);
            out_[r.regulator.index].push_back({r.target.index, parity});
            in_[r.target.index].push_back({r.regulator.index, parity});
        }
    }

    std::size_t size() const { return out_.size(); }
    const std::vector<SignedEdge>& out(std::uint32_t v) const { return out_[v]; }
    const std::vector<SignedEdge>& in(std::uint32_t v) const { return in_[v]; }

    /// The components, over alive variables, that hold a negative cycle, with component[v].
    std::vector<std::vector<std::uint32_t>> negative_components(const std::vector<char>& alive,
                                                                std::vector<std::uint32_t>& component) const {
        const auto n = static_cast<std::uint32_t>(size());
        std::vector<std::vector<std::uint32_t>> next(n);
        for (std::uint32_t v = 0; v < n; ++v)
            if (alive[v])
                for (const auto& e : out_[v])
                    if (alive[e.other]) next[v].push_back(e.other);
        component = topological_components(next);
        std::vector<std::int8_t> camp(n, -1);
        std::vector<char> bad_component(n, 0);
        std::vector<std::uint32_t> queue;
        for (std::uint32_t root = 0; root < n; ++root) {
            if (!alive[root] || camp[root] >= 0) continue;
            camp[root] = 0;
            queue.assign(1, root);
            bool balanced = true;
            for (std::size_t head = 0; head < queue.size(); ++head) {
                const std::uint32_t u = queue[head];
                for (const auto* edges : {&out_[u], &in_[u]})
                    for (const auto& e : *edges) {
                        if (!alive[e.other] || component[e.other] != component[u]) continue;
                        if (e.parity == 2) {
                            balanced = false;
                            continue;
                        }
                        const auto want = static_cast<std::int8_t>(camp[u] ^ e.parity);
                        if (camp[e.other] < 0) {
                            camp[e.other] = want;
                            queue.push_back(e.other);
                        } else if (camp[e.other] != want) {
                            balanced = false;
                        }
                    }
            }
            if (!balanced) bad_component[component[root]] = 1;
        }
        std::vector<std::vector<std::uint32_t>> bad;
        std::vector<std::int64_t> slot(n, -1);
        for (std::uint32_t v = 0; v < n; ++v) {
            if (!alive[v] || !bad_component[component[v]]) continue;
            if (slot[component[v]] < 0) {
                slot[component[v]] = static_cast<std::int64_t>(bad.size());
                bad.emplace_back();
            }
            bad[static_cast<std::size_t>(slot[component[v]])].push_back(v);
        }
        return bad;
    }

private:
    std::vector<std::vector<SignedEdge>> out_, in_;
};

}  // namespace

std::vector<std::uint32_t> negative_feedback_vertex_set(const Network& net) {
    const SignedGraph g(net);
    const auto n = static_cast<std::uint32_t>(g.size());
    std::vector<char> alive(n, 1);
    std::vector<std::uint32_t> component, chosen;
    // Greedy: from each component with a negative cycle, the variable on a negative or dual
    // self-loop, or else the one with most in x out edges inside it.
    for (auto bad = g.negative_components(alive, component); !bad.empty();
         bad = g.negative_components(alive, component)) {
        for (const auto& members : bad) {
            std::uint32_t best = members.front();
            std::size_t best_score = 0;
            for (auto v : members) {
                std::size_t in = 0, out = 0, score = 0;
                for (const auto& e : g.in(v))
                    if (alive[e.other] && component[e.other] == component[v]) {
                        ++in;
                        if (e.other == v && e.parity != 0) score = SIZE_MAX;
                    }
                for (const auto& e : g.out(v)) out += alive[e.other] && component[e.other] == component[v];
                if (score == 0) score = in * out;
                if (score > best_score) {
                    best = v;
                    best_score = score;
                }
            }
            alive[best] = 0;
            chosen.push_back(best);
        }
    }
    // Pruning: a variable whose return closes no negative cycle is not needed (a smaller
    // set gives fewer attractor candidates).
    std::vector<std::uint32_t> kept;
    for (std::size_t i = chosen.size(); i-- > 0;) {
        alive[chosen[i]] = 1;
        if (g.negative_components(alive, component).empty()) continue;
        alive[chosen[i]] = 0;
        kept.push_back(chosen[i]);
    }
    std::sort(kept.begin(), kept.end());
    return kept;
}

std::vector<std::uint32_t> decision_variables(const Network& net) {
    const auto n = static_cast<std::uint32_t>(net.num_vars());
    std::vector<std::uint32_t> inputs, feedback;
    std::vector<std::vector<std::uint32_t>> in(n), out(n);
    std::vector<char> alive(n, 0);
    for (std::uint32_t v = 0; v < n; ++v) {
        if (net.is_input(VarId{v}))
            inputs.push_back(v);
        else
            alive[v] = 1;
    }
    for (std::uint32_t v = 0; v < n; ++v) {
        if (!alive[v]) continue;
        for (VarId u : net.regulators(VarId{v}))
            if (alive[u.index]) {
                in[v].push_back(u.index);
                out[u.index].push_back(v);
            }
    }
    std::vector<std::size_t> indeg(n), outdeg(n);
    std::vector<std::uint32_t> queue;
    for (std::uint32_t v = 0; v < n; ++v) {
        indeg[v] = in[v].size();
        outdeg[v] = out[v].size();
        if (alive[v] && (indeg[v] == 0 || outdeg[v] == 0)) queue.push_back(v);
    }
    auto remove = [&](std::uint32_t v) {
        alive[v] = 0;
        for (auto w : out[v])
            if (alive[w] && --indeg[w] == 0) queue.push_back(w);
        for (auto w : in[v])
            if (alive[w] && --outdeg[w] == 0) queue.push_back(w);
    };
    while (true) {
        while (!queue.empty()) {  // no incoming or no outgoing edge: on no cycle
            std::uint32_t v = queue.back();
            queue.pop_back();
            if (alive[v]) remove(v);
        }
        std::uint32_t best = n;
        std::size_t best_score = 0;
        for (std::uint32_t v = 0; v < n; ++v) {
            if (!alive[v]) continue;
            bool self_loop = std::find(in[v].begin(), in[v].end(), v) != in[v].end();
            std::size_t score = self_loop ? SIZE_MAX : indeg[v] * outdeg[v];
            if (best == n || score > best_score) {
                best = v;
                best_score = score;
            }
        }
        if (best == n) break;
        feedback.push_back(best);
        remove(best);
    }
    inputs.insert(inputs.end(), feedback.begin(), feedback.end());
    const std::vector<std::uint32_t> position = lazy_input_order(net);
    std::stable_sort(inputs.begin(), inputs.end(),
                     [&position](std::uint32_t a, std::uint32_t b) { return position[a] < position[b]; });
    return inputs;
}

}  // namespace bitsig
