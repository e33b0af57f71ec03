// SPDX-License-Identifier: MIT
// Plain dense linear algebra over 2^n states; every rule and rate condition is evaluated
// with the reference evaluator `evaluate` on std::vector<bool> states.
#include "oracle/ctmc.hpp"

#include <cassert>
#include <cmath>

namespace bitsig::oracle {

namespace {

std::vector<bool> bools(std::uint32_t s, std::size_t n) {
    std::vector<bool> b(n);
    for (std::size_t v = 0; v < n; ++v) b[v] = (s >> v) & 1;
    return b;
}

}  // namespace

std::vector<double> initial_distribution(const StochasticModel& m) {
    const std::size_t n = m.net.num_vars();
    assert(n <= 12);
    std::vector<double> p(std::size_t{1} << n, 0.0);
    std::vector<bool> grouped(n, false);
    for (const auto& g : m.initial)
        for (VarId v : g.vars) grouped[v.index] = true;
    for (std::uint32_t s = 0; s < p.size(); ++s) {
        double q = 1;
        for (std::size_t v = 0; v < n; ++v) {
            const bool on = (s >> v) & 1;
            if (m.held.is_fixed(v))
                q *= m.held.value(v) == on ? 1 : 0;
            else if (!grouped[v])
                q *= 0.5;
        }
        for (const auto& g : m.initial) {
            double total = 0, match = 0;
            for (std::size_t r = 0; r < g.values.size(); ++r) {
                total += g.weights[r];
                bool same = true;
                for (std::size_t i = 0; i < g.vars.size(); ++i)
                    same = same && g.values[r][i] == (((s >> g.vars[i].index) & 1) != 0);
                if (same) match += g.weights[r];
            }
            q *= match / total;
        }
        p[s] = q;
    }
    return p;
}

std::vector<double> exit_rates(const StochasticModel& m, std::uint32_t state) {
    const std::size_t n = m.net.num_vars();
    std::vector<bool> x = bools(state, n);
    std::vector<double> out(n, 0.0);
    for (std::uint32_t v = 0; v < n; ++v) {
        if (m.held.is_fixed(v)) continue;
        std::vector<bool> with_logic = x;
        with_logic.push_back(evaluate(m.net.rule(VarId{v}), x));
        for (const auto& c : x[v] ? m.rates[v].down : m.rates[v].up)
            if (evaluate(c.when, with_logic)) out[v] += c.rate;
    }
    return out;
}

std::vector<double> transient_distribution(const StochasticModel& m, double t) {
    const std::size_t n = m.net.num_vars();
    const std::size_t N = std::size_t{1} << n;
    std::vector<std::vector<double>> rates(N);
    double lambda = 0;
    for (std::uint32_t s = 0; s < N; ++s) {
        rates[s] = exit_rates(m, s);
        double total = 0;
        for (double r : rates[s]) total += r;
        lambda = std::max(lambda, total);
    }
    std::vector<double> p = initial_distribution(m);
    if (lambda == 0 || t <= 0) return p;
    lambda *= 1.05;
    // p(t) = sum_k Poisson(k; lambda t) p0 P^k with P = I + Q / lambda.
    const double lt = lambda * t;
    std::vector<double> result(N, 0.0), next(N);
    double covered = 0;
    for (std::size_t k = 0; covered < 1 - 1e-13 && k < 100000; ++k) {
        const double w =
            std::exp(-lt + static_cast<double>(k) * std::log(lt) - std::lgamma(static_cast<double>(k) + 1));
        covered += w;
        for (std::size_t s = 0; s < N; ++s) result[s] += w * p[s];
        std::fill(next.begin(), next.end(), 0.0);
        for (std::uint32_t s = 0; s < N; ++s) {
            double stay = 1;
            for (std::size_t v = 0; v < n; ++v) {
                const double q = rates[s][v] / lambda;
                next[s ^ (1u << v)] += p[s] * q;
                stay -= q;
            }
            next[s] += p[s] * stay;
        }
        p.swap(next);
    }
    return result;
}

std::vector<double> discrete_distribution(const StochasticModel& m, std::size_t jumps) {
    const std::size_t n = m.net.num_vars();
    const std::size_t N = std::size_t{1} << n;
    std::vector<double> p = initial_distribution(m), next(N);
    for (std::size_t j = 0; j < jumps; ++j) {
        std::fill(next.begin(), next.end(), 0.0);
        for (std::uint32_t s = 0; s < N; ++s) {
            auto r = exit_rates(m, s);
            double total = 0;
            for (double x : r) total += x;
            if (total == 0) {
                next[s] += p[s];
                continue;
            }
            for (std::size_t v = 0; v < n; ++v) next[s ^ (1u << v)] += p[s] * r[v] / total;
        }
        p.swap(next);
    }
    return p;
}

std::vector<double> stationary_distribution(const StochasticModel& m) {
    const std::size_t n = m.net.num_vars();
    const std::size_t N = std::size_t{1} << n;
    // Solve pi Q = 0 with sum(pi) = 1: rows of A = Q^T, the last equation replaced by the sum.
    std::vector<std::vector<double>> a(N, std::vector<double>(N + 1, 0.0));
    for (std::uint32_t s = 0; s < N; ++s) {
        auto r = exit_rates(m, s);
        for (std::size_t v = 0; v < n; ++v) {
            a[s ^ (1u << v)][s] += r[v];
            a[s][s] -= r[v];
        }
    }
    for (std::size_t j = 0; j < N; ++j) a[N - 1][j] = 1;
    a[N - 1][N] = 1;
    for (std::size_t c = 0; c < N; ++c) {
        std::size_t pivot = c;
        for (std::size_t r = c + 1; r < N; ++r)
            if (std::abs(a[r][c]) > std::abs(a[pivot][c])) pivot = r;
        std::swap(a[c], a[pivot]);
        assert(std::abs(a[c][c]) > 1e-12);
        for (std::size_t r = 0; r < N; ++r) {
            if (r == c || a[r][c] == 0) continue;
            const double f = a[r][c] / a[c][c];
            for (std::size_t j = c; j <= N; ++j) a[r][j] -= f * a[c][j];
        }
    }
    std::vector<double> pi(N);
    for (std::size_t s = 0; s < N; ++s) pi[s] = a[s][N] / a[s][s];
    return pi;
}

std::vector<double> marginals(const StochasticModel& m, const std::vector<double>& dist) {
    const std::size_t n = m.net.num_vars();
    std::vector<double> out(n + m.net.readouts().size(), 0.0);
    for (std::uint32_t s = 0; s < dist.size(); ++s) {
        if (dist[s] == 0) continue;
        auto x = bools(s, n);
        for (std::size_t v = 0; v < n; ++v)
            if (x[v]) out[v] += dist[s];
        for (std::size_t r = 0; r < m.net.readouts().size(); ++r)
            if (evaluate(m.net.readouts()[r].rule, x)) out[n + r] += dist[s];
    }
    return out;
}

std::vector<double> window_average(const StochasticModel& m, double a, double b, std::size_t intervals) {
    if (intervals % 2) ++intervals;
    const double h = (b - a) / static_cast<double>(intervals);
    std::vector<double> sum;
    for (std::size_t i = 0; i <= intervals; ++i) {
        const double w = (i == 0 || i == intervals) ? 1 : (i % 2 ? 4 : 2);
        auto mg = marginals(m, transient_distribution(m, a + h * static_cast<double>(i)));
        if (sum.empty()) sum.assign(mg.size(), 0.0);
        for (std::size_t s = 0; s < mg.size(); ++s) sum[s] += w * mg[s];
    }
    for (auto& s : sum) s *= h / 3 / (b - a);
    return sum;
}

}  // namespace bitsig::oracle
