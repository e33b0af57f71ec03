// SPDX-License-Identifier: MIT
#include "analysis/feedback.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "analysis/components.hpp"

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

}  // namespace

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
