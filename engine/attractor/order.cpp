// SPDX-License-Identifier: MIT
// BoolNet's attractor order (Müssel, Hopfensitz and Kestler 2010, Bioinformatics 26:1378).
// getAttractors encodes a state as 32-bit integers with the first gene as the lowest bit,
// rotates every attractor to start at its smallest code (canonicalStateOrder, which compares
// word 0 first), and stably sorts the attractors by length. Attractors of one length keep
// the order of its exhaustive search, which starts a trajectory from every state in code
// order not yet visited: an attractor comes where the smallest code of its basin comes.
// Reproducing that needs the same walk, memoised as BoolNet's state table is, but it can
// stop as soon as every attractor has been reached once.
#include "attractor/order.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <unordered_map>

#include "dynamics/step.hpp"

namespace bitsig {

namespace {

// BoolNet's exhaustive search refuses more genes than this.
constexpr std::size_t kBoolNetExhaustiveVars = 29;
// States the basin walk may visit before it gives up: about a second and 50 MB. Enough for
// every network BoolNet's own exhaustive search finishes in reasonable time (2^20 states),
// and for larger ones whose basin minima come early in code order.
constexpr std::uint64_t kWalkBudget = std::uint64_t{1} << 20;

bool code_less(const State& a, const State& b) { return boolnet_code(a) < boolnet_code(b); }

// For each attractor, the smallest code of its basin; nullopt when the walk is not possible
// or not affordable.
std::optional<std::vector<std::uint64_t>> basin_minima(const Result& result, const Network& net,
                                                       const Control& control) {
    const std::size_t n = net.num_vars();
    if (result.update != UpdateScheme::synchronous || n > kBoolNetExhaustiveVars) return std::nullopt;
    std::unordered_map<std::uint64_t, std::size_t> reaches;  // state code -> attractor
    for (std::size_t i = 0; i < result.attractors.size(); ++i) {
        const Attractor& a = result.attractors[i];
        if (a.truncated) return std::nullopt;
        for (const State& s : a.states) {
            if (s.size() != n) return std::nullopt;
            reaches[s.index()] = i;
        }
    }
    constexpr std::uint64_t kUnset = std::numeric_limits<std::uint64_t>::max();
    std::vector<std::uint64_t> minima(result.attractors.size(), kUnset);
    std::size_t remaining = minima.size();
    const std::uint64_t states = std::uint64_t{1} << n;
    std::vector<std::uint64_t> path;
    std::unordered_map<std::uint64_t, bool> on_path;
    // Trajectories may end in attractors the result does not list (a fixed-point search
    // lists no cycles): those states lead nowhere that is ranked.
    constexpr std::size_t kUnlisted = std::numeric_limits<std::size_t>::max();
    for (std::uint64_t code = 0; code < states && remaining > 0; ++code) {
        if ((code & 0xfff) == 0) control.check();
        auto known = reaches.find(code);
        if (known == reaches.end()) {
            path.clear();
            on_path.clear();
            State s = State::from_index(code, n);
            std::size_t target = kUnlisted;
            while (true) {
                path.push_back(s.index());
                on_path.emplace(s.index(), true);
                s = step_synchronous(net, s);
                if (auto hit = reaches.find(s.index()); hit != reaches.end()) {
                    target = hit->second;
                    break;
                }
                if (on_path.contains(s.index())) break;
            }
            for (std::uint64_t visited : path) reaches.emplace(visited, target);
            if (reaches.size() > kWalkBudget) return std::nullopt;
            known = reaches.find(code);
        }
        if (known->second == kUnlisted) continue;
        std::uint64_t& m = minima[known->second];
        if (m == kUnset) {
            m = code;
            --remaining;
        }
    }
    return minima;
}

}  // namespace

std::vector<std::uint32_t> boolnet_code(const State& s) {
    std::vector<std::uint32_t> code((s.size() + 31) / 32, 0);
    for (std::size_t k = 0; k < code.size(); ++k)
        code[k] = static_cast<std::uint32_t>(s.words()[k / 2] >> (32 * (k % 2)));
    return code;
}

void order_attractors(Result& result, const Network& searched, AttractorOrder order, const Control& control) {
    if (order == AttractorOrder::file) return;
    for (Attractor& a : result.attractors) {
        if (a.truncated || a.states.empty()) continue;
        if (a.kind == AttractorKind::complex)
            std::sort(a.states.begin(), a.states.end(), code_less);
        else
            std::rotate(a.states.begin(), std::min_element(a.states.begin(), a.states.end(), code_less),
                        a.states.end());
    }
    std::optional<std::vector<std::uint64_t>> minima = basin_minima(result, searched, control);
    std::vector<std::size_t> index(result.attractors.size());
    for (std::size_t i = 0; i < index.size(); ++i) index[i] = i;
    const auto& as = result.attractors;
    std::stable_sort(index.begin(), index.end(), [&](std::size_t x, std::size_t y) {
        if (as[x].size != as[y].size) return as[x].size < as[y].size;
        if (minima) return (*minima)[x] < (*minima)[y];
        if (as[x].states.empty() || as[y].states.empty()) return !as[x].states.empty() && as[y].states.empty();
        return code_less(as[x].states.front(), as[y].states.front());
    });
    std::vector<Attractor> sorted;
    sorted.reserve(index.size());
    for (std::size_t i : index) sorted.push_back(std::move(result.attractors[i]));
    result.attractors = std::move(sorted);
    if (!minima && result.attractors.size() > 1)
        result.notes.push_back(
            "BoolNet order: attractors of one length are ordered by the code of their first state; BoolNet's own "
            "order (by the smallest state of each basin) is reproduced for synchronous results of at most 29 "
            "variables whose basins a walk of 2^20 states covers");
}

}  // namespace bitsig
