// SPDX-License-Identifier: MIT
// Deliberately naive: explicit successor lists, recursive-free Kosaraju on the explicit
// graph, and trajectories followed one state at a time.
#include "oracle/oracle.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "expr/parse.hpp"

namespace bitsig::oracle {

namespace {

std::vector<bool> bits_of(std::uint64_t index, std::size_t n) {
    std::vector<bool> s(n);
    for (std::size_t i = 0; i < n; ++i) s[i] = (index >> i) & 1;
    return s;
}

std::uint64_t index_of(const std::vector<bool>& s) {
    std::uint64_t x = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i]) x |= std::uint64_t{1} << i;
    return x;
}

std::vector<bool> next_state(const Network& net, const std::vector<bool>& s) {
    std::vector<bool> out(s.size());
    for (std::uint32_t i = 0; i < net.num_vars(); ++i) out[i] = evaluate(net.rule(VarId{i}), s);
    return out;
}

State to_state(std::uint64_t index, std::size_t n) { return State::from_index(index, n); }

}  // namespace

Network random_network(std::size_t n, std::size_t k, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    NetworkBuilder b("random_" + std::to_string(seed));
    for (std::size_t i = 0; i < n; ++i) b.declare("x" + std::to_string(i));
    std::vector<std::string> ops = {" & ", " | ", " ^ ", " & !", " | !"};
    for (std::size_t i = 0; i < n; ++i) {
        std::string text;
        std::uint64_t kind = rng() % 20;
        if (kind == 0) {
            text = "x" + std::to_string(i);  // input
        } else if (kind == 1) {
            text = rng() % 2 ? "1" : "0";  // constant
        } else {
            std::size_t regs = 1 + rng() % k;
            for (std::size_t r = 0; r < regs; ++r) {
                std::string lit = (rng() % 3 == 0 ? "!" : "") + std::string("x") + std::to_string(rng() % n);
                if (r == 0)
                    text = lit;
                else if (rng() % 4 == 0)
                    text = "(" + text + ")" + ops[rng() % ops.size()] + lit;
                else
                    text += ops[rng() % ops.size()] + lit;
            }
        }
        NameResolver resolve = [&](std::string_view name) { return b.find(name); };
        b.set_rule(VarId{static_cast<std::uint32_t>(i)}, parse_rule(text, RuleSource{}, resolve).expr);
    }
    return std::move(b).build();
}

std::vector<Attractor> synchronous_attractors(const Network& net) {
    std::size_t n = net.num_vars();
    std::uint64_t total = std::uint64_t{1} << n;
    std::vector<std::uint64_t> succ(total);
    for (std::uint64_t x = 0; x < total; ++x) succ[x] = index_of(next_state(net, bits_of(x, n)));
    // Cycle states: those that come back to themselves within `total` steps.
    std::map<std::uint64_t, std::size_t> attractor_of_cycle_min;
    std::vector<Attractor> out;
    std::vector<std::size_t> label(total);
    for (std::uint64_t x = 0; x < total; ++x) {
        // Walk far enough to be on the cycle, then collect it.
        std::uint64_t y = x;
        for (std::uint64_t step = 0; step < total; ++step) y = succ[y];
        std::vector<std::uint64_t> cycle{y};
        for (std::uint64_t z = succ[y]; z != y; z = succ[z]) cycle.push_back(z);
        std::uint64_t key = *std::min_element(cycle.begin(), cycle.end());
        auto [it, fresh] = attractor_of_cycle_min.emplace(key, out.size());
        if (fresh) {
            Attractor a;
            for (auto c : cycle) a.states.push_back(to_state(c, n));
            a.basin_size = 0;
            out.push_back(a);
        }
        label[x] = it->second;
        ++*out[it->second].basin_size;
    }
    canonicalize(out, UpdateScheme::synchronous);
    return out;
}

std::vector<Attractor> asynchronous_attractors(const Network& net) {
    std::size_t n = net.num_vars();
    std::uint64_t total = std::uint64_t{1} << n;
    std::vector<std::vector<std::uint64_t>> succ(total);
    for (std::uint64_t x = 0; x < total; ++x) {
        auto s = bits_of(x, n);
        auto f = next_state(net, s);
        for (std::size_t i = 0; i < n; ++i)
            if (f[i] != s[i]) succ[x].push_back(x ^ (std::uint64_t{1} << i));
    }
    // Reachability sets by BFS from every state; x is in a terminal SCC iff every state it
    // reaches can reach it back.
    std::vector<std::vector<char>> reach(total, std::vector<char>(total, 0));
    for (std::uint64_t x = 0; x < total; ++x) {
        std::vector<std::uint64_t> queue{x};
        reach[x][x] = 1;
        for (std::size_t q = 0; q < queue.size(); ++q)
            for (auto y : succ[queue[q]])
                if (!reach[x][y]) {
                    reach[x][y] = 1;
                    queue.push_back(y);
                }
    }
    std::set<std::vector<std::uint64_t>> seen;
    std::vector<Attractor> out;
    for (std::uint64_t x = 0; x < total; ++x) {
        bool terminal = true;
        std::vector<std::uint64_t> members;
        for (std::uint64_t y = 0; y < total && terminal; ++y) {
            if (!reach[x][y]) continue;
            if (!reach[y][x]) terminal = false;
            members.push_back(y);
        }
        if (!terminal || !seen.insert(members).second) continue;
        Attractor a;
        for (auto m : members) a.states.push_back(to_state(m, n));
        out.push_back(a);
    }
    canonicalize(out, UpdateScheme::asynchronous);
    return out;
}

std::vector<State> fixed_points(const Network& net) {
    std::size_t n = net.num_vars();
    std::vector<State> out;
    for (std::uint64_t x = 0; x < (std::uint64_t{1} << n); ++x) {
        auto s = bits_of(x, n);
        if (next_state(net, s) == s) out.push_back(to_state(x, n));
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace bitsig::oracle
