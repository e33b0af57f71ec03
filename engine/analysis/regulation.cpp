// SPDX-License-Identifier: MIT
// Edge signs: regulator u activates v if raising u never lowers f_v, inhibits if it never
// raises it, and is dual otherwise. For rules with few regulators this is decided on the
// whole truth table, computed 64 rows per word with the compiled evaluator; for wide rules
// (the ERBB model has 27 regulators on one variable, some exported DNFs 80) the sign is
// read from literal polarity, which is sound for activation/inhibition but may call a
// redundant literal functional.
#include "analysis/regulation.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>

#include <algorithm>
#include <map>

#include "dynamics/program.hpp"

namespace bitsig {

std::string to_string(Sign s) {
    switch (s) {
    case Sign::activation:
        return "activation";
    case Sign::inhibition:
        return "inhibition";
    case Sign::dual:
        return "dual";
    case Sign::none:
        return "none";
    }
    return "none";
}

std::vector<Word> truth_table(const Expr& rule, const std::vector<VarId>& support) {
    assert(support.size() <= 26);
    std::vector<VarId> local(std::max<std::size_t>(support.empty() ? 0 : support.back().index + 1, 1));
    for (std::size_t j = 0; j < support.size(); ++j) local[support[j].index] = VarId{static_cast<std::uint32_t>(j)};
    Expr e = remap(rule, local);
    std::vector<const Expr*> rules{&e};
    std::size_t k = support.size();
    Program p = Program::compile(rules, k);
    std::size_t rows = std::size_t{1} << k;
    std::vector<Word> table((rows + 63) / 64);
    std::vector<Word> in(k), scratch(p.scratch_words(1));
    for (std::size_t w = 0; w < table.size(); ++w) {
        fill_index_block<1>(static_cast<std::uint64_t>(w) * 64, k, in.data());
        p.run<1>(in.data(), &table[w], scratch.data());
    }
    if (rows < 64) table[0] &= (Word{1} << rows) - 1;
    return table;
}

namespace {

Sign combine(bool up, bool down) {
    if (up && down) return Sign::dual;
    if (up) return Sign::activation;
    if (down) return Sign::inhibition;
    return Sign::none;
}

// Signs from the truth table: compare rows that differ only in regulator j.
std::vector<Sign> exact_signs(const Expr& rule, const std::vector<VarId>& support) {
    std::vector<Word> t = truth_table(rule, support);
    std::size_t rows = std::size_t{1} << support.size();
    std::vector<Sign> out;
    for (std::size_t j = 0; j < support.size(); ++j) {
        bool up = false, down = false;
        if (j < 6) {
            unsigned shift = 1u << j;
            Word low_rows = ~low_variable_pattern(static_cast<unsigned>(j));  // rows with bit j = 0
            if (rows < 64) low_rows &= (Word{1} << rows) - 1;
            for (Word w : t) {
                Word off = w & low_rows;
                Word on = (w >> shift) & low_rows;
                up = up || (on & ~off);
                down = down || (off & ~on);
            }
        } else {
            std::size_t stride = std::size_t{1} << (j - 6);
            for (std::size_t w = 0; w < t.size(); ++w) {
                if (w & stride) continue;
                Word off = t[w], on = t[w | stride];
                up = up || (on & ~off);
                down = down || (off & ~on);
            }
        }
        out.push_back(combine(up, down));
    }
    return out;
}

// Polarity of each variable's occurrences: under an odd number of negations it inhibits;
// under an exclusive-or it may do both.
void polarity(const Expr& e, std::uint32_t i, bool negated, bool in_xor,
              std::map<std::uint32_t, std::pair<bool, bool>>& seen) {
    const ExprNode& n = e.node(i);
    switch (n.op) {
    case Op::constant:
        return;
    case Op::variable: {
        auto& [up, down] = seen[n.var.index];
        if (in_xor)
            up = down = true;
        else if (negated)
            down = true;
        else
            up = true;
        return;
    }
    case Op::negation:
        polarity(e, e.children(i)[0], !negated, in_xor, seen);
        return;
    default:
        for (auto c : e.children(i)) polarity(e, c, negated, in_xor || n.op == Op::exclusive_or, seen);
    }
}

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

Graph functional_graph(const Network& net, const std::vector<Regulation>& edges) {
    Graph g(net.num_vars());
    for (const auto& r : edges)
        if (r.sign != Sign::none) boost::add_edge(r.regulator.index, r.target.index, g);
    return g;
}

}  // namespace

std::vector<Regulation> regulations(const Network& net) {
    std::vector<Regulation> out;
    for (std::uint32_t i = 0; i < net.num_vars(); ++i) {
        VarId target{i};
        if (net.is_input(target)) continue;
        const Expr& rule = net.rule(target);
        std::vector<VarId> support = rule.support();
        if (support.size() <= kExactSignLimit) {
            std::vector<Sign> signs = exact_signs(rule, support);
            for (std::size_t j = 0; j < support.size(); ++j) out.push_back({support[j], target, signs[j], true});
        } else {
            std::map<std::uint32_t, std::pair<bool, bool>> seen;
            polarity(rule, rule.root(), false, false, seen);
            for (auto& [var, ud] : seen) out.push_back({VarId{var}, target, combine(ud.first, ud.second), false});
        }
    }
    return out;
}

std::vector<std::vector<VarId>> strongly_connected_components(const Network& net,
                                                              const std::vector<Regulation>& edges) {
    Graph g = functional_graph(net, edges);
    std::vector<int> component(net.num_vars());
    int count = boost::strong_components(g, component.data());
    std::vector<std::vector<VarId>> sccs(static_cast<std::size_t>(count));
    for (std::uint32_t v = 0; v < net.num_vars(); ++v) sccs[static_cast<std::size_t>(component[v])].push_back(VarId{v});
    std::sort(sccs.begin(), sccs.end(), [](const auto& a, const auto& b) { return a.front() < b.front(); });
    return sccs;
}

}  // namespace bitsig
