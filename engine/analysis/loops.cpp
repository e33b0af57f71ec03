// SPDX-License-Identifier: MIT
// Feedback loops by Johnson's elementary-circuit algorithm (Johnson 1975), organised so
// that large exported models stay cheap: only strongly connected components can hold a
// circuit, so the acyclic rest of the graph (a 200,000-variable signalling cascade, say)
// costs one linear pass. Inside a component, the circuits through its smallest variable s
// are listed with Johnson's blocking rule (a variable that cannot reach s again stays
// blocked until a circuit through it is found, which is what makes the cost linear per
// circuit), then s is removed and the rest is split into components again.
// Everything is iterative: the call stack never grows with the graph (the Boost.Graph
// implementation used before recursed once per variable on the path and overflowed).
#include "analysis/loops.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <queue>
#include <utility>

#include "analysis/components.hpp"

namespace bitsig {

namespace {

constexpr std::uint32_t kNone = UINT32_MAX;

/// The functional edges (sign != none) without self-loops, with their signs.
struct SignedGraph {
    std::vector<std::vector<std::uint32_t>> out;
    std::vector<std::vector<Sign>> sign;
    std::vector<Sign> self_loop;  // Sign::none when v does not regulate itself
};

SignedGraph signed_graph(const Network& net, const std::vector<Regulation>& edges) {
    SignedGraph g;
    const std::size_t n = net.num_vars();
    g.out.resize(n);
    g.sign.resize(n);
    g.self_loop.assign(n, Sign::none);
    for (const Regulation& r : edges) {
        if (r.sign == Sign::none) continue;
        if (r.regulator == r.target) {
            g.self_loop[r.target.index] = r.sign;
            continue;
        }
        g.out[r.regulator.index].push_back(r.target.index);
        g.sign[r.regulator.index].push_back(r.sign);
    }
    return g;
}

/// Work item: a self-loop of `first`, or a component (sorted variables) whose circuits
/// through its smallest variable `first` are next. Self-loops of v come before v's others.
struct Item {
    std::uint32_t first = 0;
    bool self_loop = false;
    std::vector<std::uint32_t> members;
    bool operator>(const Item& o) const { return first != o.first ? first > o.first : (!self_loop && o.self_loop); }
};

class Census {
public:
    Census(const SignedGraph& g, const LoopCensusLimits& limits, const Control& control)
        : g_(g), limits_(limits), control_(control), local_(g.out.size(), kNone),
          start_(std::chrono::steady_clock::now()) {}

    LoopCensus run() {
        seed_work();
        while (!work_.empty() && !stopped()) {
            Item item = work_.top();
            work_.pop();
            if (item.self_loop)
                record({item.first}, {g_.self_loop[item.first]});
            else
                circuits_through_first(item.members);
        }
        return std::move(census_);
    }

private:
    bool stopped() const { return census_.stopped != CensusStop::none; }

    void stop(CensusStop why) {
        census_.complete = false;
        census_.stopped = why;
    }

    // Polled in every inner loop: time limit and Ctrl-C, both cheap enough every 4096 steps.
    void tick() {
        if (++ticks_ % 4096 != 0) return;
        control_.check();
        if (limits_.max_seconds > 0 &&
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count() > limits_.max_seconds)
            stop(CensusStop::time_limit);
    }

    void record(std::vector<std::uint32_t> vars, const std::vector<Sign>& signs) {
        if (census_.total() >= limits_.max_count) {
            stop(CensusStop::count_limit);
            return;
        }
        bool dual = false, negative = false;
        for (Sign s : signs) {
            dual = dual || s == Sign::dual;
            negative = negative != (s == Sign::inhibition);
        }
        FeedbackLoop loop;
        loop.sign = dual ? Sign::dual : negative ? Sign::inhibition : Sign::activation;
        (dual ? census_.dual : negative ? census_.negative : census_.positive)++;
        if (census_.listed.size() < limits_.max_listed) {
            for (auto v : vars) loop.vars.push_back(VarId{v});
            census_.listed.push_back(std::move(loop));
        }
    }

    // Components of the subgraph induced by `members` (sorted) with at least two variables.
    void push_components(const std::vector<std::uint32_t>& members) {
        for (std::uint32_t i = 0; i < members.size(); ++i) local_[members[i]] = i;
        std::vector<std::vector<std::uint32_t>> out(members.size());
        for (std::uint32_t i = 0; i < members.size(); ++i)
            for (auto w : g_.out[members[i]])
                if (local_[w] != kNone) out[i].push_back(local_[w]);
        for (auto v : members) local_[v] = kNone;
        const std::vector<std::uint32_t> component = topological_components(out);
        std::vector<std::vector<std::uint32_t>> groups;
        for (std::uint32_t i = 0; i < members.size(); ++i) {
            if (component[i] >= groups.size()) groups.resize(component[i] + 1);
            groups[component[i]].push_back(members[i]);  // members sorted: groups stay sorted
        }
        for (auto& group : groups)
            if (group.size() >= 2) {
                Item item;
                item.first = group.front();
                item.members = std::move(group);
                work_.push(std::move(item));
            }
    }

    void seed_work() {
        const auto n = static_cast<std::uint32_t>(g_.out.size());
        for (std::uint32_t v = 0; v < n; ++v)
            if (g_.self_loop[v] != Sign::none) work_.push(Item{v, true, {}});
        std::vector<std::uint32_t> all(n);
        for (std::uint32_t v = 0; v < n; ++v) all[v] = v;
        push_components(all);
    }

    // One depth-first frame: a variable on the current path and the next edge to try.
    struct Frame {
        std::uint32_t v;
        std::uint32_t next = 0;
        bool found = false;     // a circuit back to s was found below this frame
        Sign via = Sign::none;  // sign of the edge that led here
    };

    void circuits_through_first(const std::vector<std::uint32_t>& members) {
        const auto k = static_cast<std::uint32_t>(members.size());
        for (std::uint32_t i = 0; i < k; ++i) local_[members[i]] = i;
        std::vector<std::vector<std::uint32_t>> adj(k);
        std::vector<std::vector<Sign>> adj_sign(k);
        for (std::uint32_t i = 0; i < k; ++i) {
            const auto& out = g_.out[members[i]];
            for (std::size_t e = 0; e < out.size(); ++e)
                if (local_[out[e]] != kNone) {
                    adj[i].push_back(local_[out[e]]);
                    adj_sign[i].push_back(g_.sign[members[i]][e]);
                }
        }
        for (auto v : members) local_[v] = kNone;

        std::vector<char> blocked(k, 0);
        std::vector<std::vector<std::uint32_t>> blocked_by(k);  // Johnson's B lists
        std::vector<std::uint32_t> unblock_stack;
        auto unblock = [&](std::uint32_t u) {
            unblock_stack.push_back(u);
            while (!unblock_stack.empty()) {
                const std::uint32_t x = unblock_stack.back();
                unblock_stack.pop_back();
                if (!blocked[x]) continue;
                blocked[x] = 0;
                for (auto w : blocked_by[x]) unblock_stack.push_back(w);
                blocked_by[x].clear();
            }
        };
        std::vector<Frame> path{Frame{0}};
        blocked[0] = 1;
        while (!path.empty() && !stopped()) {
            tick();
            Frame& top = path.back();
            if (top.next < adj[top.v].size()) {
                const std::uint32_t w = adj[top.v][top.next];
                const Sign s = adj_sign[top.v][top.next];
                ++top.next;
                if (w == 0) {
                    top.found = true;
                    std::vector<std::uint32_t> vars;
                    std::vector<Sign> signs;
                    for (std::size_t i = 0; i < path.size(); ++i) {
                        vars.push_back(members[path[i].v]);
                        if (i > 0) signs.push_back(path[i].via);
                    }
                    signs.push_back(s);
                    record(std::move(vars), signs);
                } else if (!blocked[w]) {
                    blocked[w] = 1;
                    path.push_back(Frame{w, 0, false, s});
                }
                continue;
            }
            const Frame done = top;
            path.pop_back();
            if (done.found) {
                unblock(done.v);
            } else {
                for (auto w : adj[done.v]) {
                    auto& list = blocked_by[w];
                    if (std::find(list.begin(), list.end(), done.v) == list.end()) list.push_back(done.v);
                }
            }
            if (!path.empty()) path.back().found = path.back().found || done.found;
        }
        if (stopped()) return;
        push_components(std::vector<std::uint32_t>(members.begin() + 1, members.end()));
    }

    const SignedGraph& g_;
    const LoopCensusLimits& limits_;
    const Control& control_;
    std::vector<std::uint32_t> local_;  // global variable -> index in the current component
    std::priority_queue<Item, std::vector<Item>, std::greater<Item>> work_;
    LoopCensus census_;
    std::uint64_t ticks_ = 0;
    std::chrono::steady_clock::time_point start_;
};

}  // namespace

LoopCensus feedback_loops(const Network& net, const std::vector<Regulation>& edges, const LoopCensusLimits& limits,
                          const Control& control) {
    const SignedGraph g = signed_graph(net, edges);
    return Census(g, limits, control).run();
}

}  // namespace bitsig
