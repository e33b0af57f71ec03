// SPDX-License-Identifier: MIT
// Deliberately plain: every state's successors by `evaluate`, terminal components by
// comparing full forward closures (s is in an attractor when everything it reaches reaches
// it back), and the absorption probabilities of the jump chain from the fundamental matrix
// (Kemeny and Snell 1960): (I - Q) X = R solved by Gaussian elimination with partial
// pivoting; past 600 transient states, by pushing the distribution forward until less than
// 1e-14 of it is still transient.
#include "oracle/response_oracle.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <stdexcept>

#include "expr/expr.hpp"

namespace bitsig::oracle {

namespace {

std::vector<bool> bits_of(std::uint64_t index, std::size_t n) {
    std::vector<bool> s(n);
    for (std::size_t i = 0; i < n; ++i) s[i] = (index >> i) & 1;
    return s;
}

std::string text_of(std::uint64_t index, std::size_t n) {
    std::string s(n, '0');
    for (std::size_t i = 0; i < n; ++i) s[i] = ((index >> i) & 1) ? '1' : '0';
    return s;
}

struct StepModel {
    std::size_t n = 0;
    std::vector<int> held;  // per variable: -1, 0 or 1
    std::vector<std::vector<std::uint64_t>> async_next;
    std::vector<std::uint64_t> sync_next;
};

StepModel model_of(const Network& net) {
    StepModel m;
    m.n = net.num_vars();
    if (m.n > 12) throw std::invalid_argument("oracle::response: at most 12 variables");
    for (std::uint32_t v = 0; v < m.n; ++v) {
        const Expr& r = net.rule(VarId{v});
        m.held.push_back(r.is_constant() ? (evaluate(r, std::vector<bool>(m.n, false)) ? 1 : 0) : -1);
    }
    std::uint64_t total = std::uint64_t{1} << m.n;
    m.async_next.resize(total);
    m.sync_next.resize(total);
    for (std::uint64_t x = 0; x < total; ++x) {
        auto s = bits_of(x, m.n);
        std::uint64_t next = 0;
        for (std::uint32_t v = 0; v < m.n; ++v) {
            bool value = evaluate(net.rule(VarId{v}), s);
            if (value) next |= std::uint64_t{1} << v;
            if (value != s[v]) m.async_next[x].push_back(x ^ (std::uint64_t{1} << v));
        }
        m.sync_next[x] = next;
    }
    return m;
}

std::uint64_t hold(const StepModel& m, std::uint64_t x) {
    for (std::size_t v = 0; v < m.n; ++v) {
        if (m.held[v] == 1) x |= std::uint64_t{1} << v;
        if (m.held[v] == 0) x &= ~(std::uint64_t{1} << v);
    }
    return x;
}

// A distribution over attractors, each given by its state indices.
using Outcome = std::map<std::vector<std::uint64_t>, double>;

Outcome run_sync(const StepModel& m, const std::map<std::uint64_t, double>& start) {
    Outcome out;
    for (auto [x0, w] : start) {
        std::vector<std::uint64_t> path;
        std::uint64_t x = x0;
        while (std::find(path.begin(), path.end(), x) == path.end()) {
            path.push_back(x);
            x = m.sync_next[x];
        }
        std::vector<std::uint64_t> cycle(std::find(path.begin(), path.end(), x), path.end());
        std::sort(cycle.begin(), cycle.end());
        out[cycle] += w;
    }
    return out;
}

std::set<std::uint64_t> closure(const StepModel& m, std::uint64_t x) {
    std::set<std::uint64_t> seen{x};
    std::vector<std::uint64_t> todo{x};
    while (!todo.empty()) {
        std::uint64_t y = todo.back();
        todo.pop_back();
        for (auto z : m.async_next[y])
            if (seen.insert(z).second) todo.push_back(z);
    }
    return seen;
}

Outcome run_async(const StepModel& m, const std::map<std::uint64_t, double>& start) {
    std::set<std::uint64_t> reach;
    for (auto [x, w] : start) {
        auto c = closure(m, x);
        reach.insert(c.begin(), c.end());
    }
    std::map<std::uint64_t, std::set<std::uint64_t>> closures;
    for (auto x : reach) closures[x] = closure(m, x);
    // Attractor of each recurrent state; transient states get none.
    std::map<std::uint64_t, std::vector<std::uint64_t>> attractor_of;
    for (auto x : reach) {
        bool recurrent = true;
        for (auto y : closures[x]) recurrent = recurrent && closures[y].count(x);
        if (recurrent) attractor_of[x] = std::vector<std::uint64_t>(closures[x].begin(), closures[x].end());
    }
    std::vector<std::uint64_t> transient;
    std::map<std::uint64_t, std::size_t> tindex;
    for (auto x : reach)
        if (!attractor_of.count(x)) {
            tindex[x] = transient.size();
            transient.push_back(x);
        }
    std::vector<std::vector<std::uint64_t>> atts;
    std::map<std::vector<std::uint64_t>, std::size_t> aindex;
    for (auto& [x, a] : attractor_of)
        if (aindex.emplace(a, atts.size()).second) atts.push_back(a);
    const std::size_t t = transient.size(), k = atts.size();

    std::vector<double> absorbed(k, 0.0);
    for (auto [x, w] : start)
        if (attractor_of.count(x)) absorbed[aindex[attractor_of[x]]] += w;
    if (t > 0 && t <= 600) {
        // (I - Q) X = R over transient states; absorbed += mu_T X.
        std::vector<std::vector<double>> a(t, std::vector<double>(t + k, 0.0));
        for (std::size_t i = 0; i < t; ++i) {
            a[i][i] = 1.0;
            const auto& next = m.async_next[transient[i]];
            double p = 1.0 / static_cast<double>(next.size());
            for (auto y : next) {
                if (tindex.count(y))
                    a[i][tindex[y]] -= p;
                else
                    a[i][t + aindex[attractor_of[y]]] += p;
            }
        }
        for (std::size_t col = 0; col < t; ++col) {
            std::size_t pivot = col;
            for (std::size_t r = col + 1; r < t; ++r)
                if (std::abs(a[r][col]) > std::abs(a[pivot][col])) pivot = r;
            std::swap(a[col], a[pivot]);
            for (std::size_t r = 0; r < t; ++r) {
                if (r == col || a[r][col] == 0) continue;
                double f = a[r][col] / a[col][col];
                for (std::size_t c = col; c < t + k; ++c) a[r][c] -= f * a[col][c];
            }
        }
        for (auto [x, w] : start) {
            if (!tindex.count(x)) continue;
            std::size_t i = tindex[x];
            for (std::size_t j = 0; j < k; ++j) absorbed[j] += w * a[i][t + j] / a[i][i];
        }
    } else if (t > 0) {
        std::map<std::uint64_t, double> mass;
        for (auto [x, w] : start)
            if (tindex.count(x)) mass[x] += w;
        for (int iter = 0; iter < 10000000; ++iter) {
            double left = 0;
            for (auto& [x, w] : mass) left += w;
            if (left < 1e-14) break;
            std::map<std::uint64_t, double> next;
            for (auto [x, w] : mass) {
                const auto& succ = m.async_next[x];
                for (auto y : succ) {
                    double share = w / static_cast<double>(succ.size());
                    if (tindex.count(y))
                        next[y] += share;
                    else
                        absorbed[aindex[attractor_of[y]]] += share;
                }
            }
            mass = std::move(next);
        }
    }
    Outcome out;
    for (std::size_t j = 0; j < k; ++j)
        if (absorbed[j] > 0) out[atts[j]] += absorbed[j];
    return out;
}

}  // namespace

std::vector<Distribution> response(const std::vector<Network>& steps, const std::vector<std::vector<State>>& groups,
                                   bool synchronous) {
    std::vector<StepModel> models;
    for (const auto& s : steps) models.push_back(model_of(s));
    const std::size_t n = models.front().n;
    std::vector<Distribution> out;
    for (const auto& group : groups) {
        // Distribution over attractors (state index lists), pushed step by step.
        Outcome current;
        {
            std::map<std::uint64_t, double> start;
            for (const auto& s : group) start[hold(models[0], s.index())] += 1.0 / static_cast<double>(group.size());
            current = synchronous ? run_sync(models[0], start) : run_async(models[0], start);
        }
        for (std::size_t i = 1; i < models.size(); ++i) {
            Outcome next;
            for (const auto& [att, p] : current) {
                std::map<std::uint64_t, double> start;
                for (auto x : att) start[hold(models[i], x)] += 1.0 / static_cast<double>(att.size());
                Outcome o = synchronous ? run_sync(models[i], start) : run_async(models[i], start);
                for (const auto& [a, q] : o) next[a] += p * q;
            }
            current = std::move(next);
        }
        Distribution d;
        for (const auto& [att, p] : current) {
            AttractorKey key;
            for (auto x : att) key.push_back(text_of(x, n));
            std::sort(key.begin(), key.end());
            d[key] += p;
        }
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace bitsig::oracle
