// SPDX-License-Identifier: MIT
#include "analysis/components.hpp"

#include <algorithm>
#include <utility>

namespace bitsig {

std::vector<std::uint32_t> topological_components(const std::vector<std::vector<std::uint32_t>>& out) {
    const auto n = static_cast<std::uint32_t>(out.size());
    constexpr std::uint32_t kUnseen = UINT32_MAX;
    std::vector<std::uint32_t> index(n, kUnseen), low(n, 0), component(n, kUnseen), stack;
    std::vector<std::pair<std::uint32_t, std::size_t>> calls;  // (vertex, next edge)
    std::uint32_t counter = 0, components = 0;
    for (std::uint32_t root = 0; root < n; ++root) {
        if (index[root] != kUnseen) continue;
        calls.emplace_back(root, 0);
        while (!calls.empty()) {
            auto& [v, edge] = calls.back();
            if (edge == 0) {
                index[v] = low[v] = counter++;
                stack.push_back(v);
            }
            if (edge < out[v].size()) {
                const std::uint32_t w = out[v][edge++];
                if (index[w] == kUnseen)
                    calls.emplace_back(w, 0);
                else if (component[w] == kUnseen)
                    low[v] = std::min(low[v], index[w]);
                continue;
            }
            if (low[v] == index[v]) {
                std::uint32_t w;
                do {
                    w = stack.back();
                    stack.pop_back();
                    component[w] = components;
                } while (w != v);
                ++components;
            }
            const std::uint32_t done = v;
            calls.pop_back();
            if (!calls.empty()) low[calls.back().first] = std::min(low[calls.back().first], low[done]);
        }
    }
    // Tarjan completes components sinks first; number them sources first.
    for (auto& c : component) c = components - 1 - c;
    return component;
}

}  // namespace bitsig
