// SPDX-License-Identifier: MIT
// Subspaces are numbered in base 3 (digit i of the number: 0 = variable i fixed to 0, 1 =
// fixed to 1, 2 = free). For each subspace, the values every rule takes on it come from the
// two halves of its lowest free digit (both numbered lower), down to single states, which
// the reference evaluator computes. Minimality and maximality follow the same way, one
// digit at a time, so every quantity is a plain table lookup.
#include "oracle/trap_spaces_oracle.hpp"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <string>

#include "expr/expr.hpp"

namespace bitsig::oracle {

namespace {

struct Table {
    std::size_t n = 0;
    std::vector<std::uint64_t> pow3;
    std::vector<char> trap;  // per subspace number

    std::size_t digit(std::uint64_t s, std::size_t i) const { return (s / pow3[i]) % 3; }
    std::uint64_t whole() const { return pow3[n] - 1; }  // every digit 2

    std::string text(std::uint64_t s) const {
        std::string out(n, '*');
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t d = digit(s, i);
            if (d < 2) out[i] = d ? '1' : '0';
        }
        return out;
    }
};

Table build(const Network& net) {
    Table t;
    t.n = net.num_vars();
    assert(t.n <= 13);
    t.pow3.assign(t.n + 1, 1);
    for (std::size_t i = 1; i <= t.n; ++i) t.pow3[i] = t.pow3[i - 1] * 3;
    // seen[s]: bit 2v set when rule v is 0 somewhere in s, bit 2v + 1 when it is 1 somewhere.
    std::vector<std::uint32_t> seen(t.pow3[t.n], 0);
    t.trap.assign(t.pow3[t.n], 0);
    for (std::uint64_t s = 0; s < t.pow3[t.n]; ++s) {
        std::size_t free_digit = t.n;
        for (std::size_t i = 0; i < t.n && free_digit == t.n; ++i)
            if (t.digit(s, i) == 2) free_digit = i;
        if (free_digit < t.n) {
            seen[s] = seen[s - 2 * t.pow3[free_digit]] | seen[s - t.pow3[free_digit]];
        } else {
            std::vector<bool> state(t.n);
            for (std::size_t i = 0; i < t.n; ++i) state[i] = t.digit(s, i) == 1;
            for (std::uint32_t v = 0; v < t.n; ++v)
                seen[s] |= std::uint32_t{1} << (2 * v + (evaluate(net.rule(VarId{v}), state) ? 1 : 0));
        }
        bool trap = true;
        for (std::size_t v = 0; v < t.n && trap; ++v) {
            const std::size_t d = t.digit(s, v);
            if (d < 2 && (seen[s] >> (2 * v + (1 - d)) & 1)) trap = false;  // the rule leaves the value
        }
        t.trap[s] = trap;
    }
    return t;
}

std::vector<Subspace> sorted(const Table& t, const std::vector<std::uint64_t>& numbers) {
    std::vector<std::string> texts;
    for (auto s : numbers) texts.push_back(t.text(s));
    std::sort(texts.begin(), texts.end());
    std::vector<Subspace> out;
    for (const auto& s : texts) out.push_back(Subspace::from_string(s));
    return out;
}

}  // namespace

std::vector<Subspace> trap_spaces(const Network& net) {
    Table t = build(net);
    std::vector<std::uint64_t> out;
    for (std::uint64_t s = 0; s < t.trap.size(); ++s)
        if (t.trap[s]) out.push_back(s);
    return sorted(t, out);
}

std::vector<Subspace> minimal_trap_spaces(const Network& net) {
    Table t = build(net);
    // below[s]: some trap space lies strictly inside s (found through one free digit fixed).
    std::vector<char> below(t.trap.size(), 0);
    std::vector<std::uint64_t> out;
    for (std::uint64_t s = 0; s < t.trap.size(); ++s) {
        for (std::size_t i = 0; i < t.n && !below[s]; ++i) {
            if (t.digit(s, i) != 2) continue;
            for (std::uint64_t fixed : {s - 2 * t.pow3[i], s - t.pow3[i]})
                if (t.trap[fixed] || below[fixed]) below[s] = 1;
        }
        if (t.trap[s] && !below[s]) out.push_back(s);
    }
    return sorted(t, out);
}

std::vector<Subspace> maximal_trap_spaces(const Network& net) {
    Table t = build(net);
    // above[s]: some trap space other than the whole space lies strictly around s.
    std::vector<char> above(t.trap.size(), 0);
    std::vector<std::uint64_t> out;
    for (std::uint64_t s = t.trap.size(); s-- > 0;) {
        for (std::size_t i = 0; i < t.n && !above[s]; ++i) {
            const std::size_t d = t.digit(s, i);
            if (d == 2) continue;
            const std::uint64_t freed = s + (2 - d) * t.pow3[i];
            if ((t.trap[freed] && freed != t.whole()) || above[freed]) above[s] = 1;
        }
        if (t.trap[s] && s != t.whole() && !above[s]) out.push_back(s);
    }
    return sorted(t, out);
}

}  // namespace bitsig::oracle
