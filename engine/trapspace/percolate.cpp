// SPDX-License-Identifier: MIT
// Percolation (the "constant propagation" of Klarner, Bockmayr and Siebert 2015, and of
// reduce.hpp's percolate for whole networks) on a subspace. If every state of a trap space
// T gives rule f_v the value b, a minimal trap space M inside T fixes v to b: otherwise
// M with v set to b would be a smaller trap space. So the minimal trap spaces inside T
// are those inside its percolation, and a percolation with no free variable left is the
// only minimal trap space of T. Three-valued (Kleene) evaluation may miss a rule that is
// constant (x | !x), which only percolates less; it never fixes a variable wrongly.
//
// A worklist re-evaluates only the readers of newly fixed variables; evaluation is one
// pass over the rule's nodes (children come before parents) into a scratch vector.
#include "trapspace/percolate.hpp"

namespace bitsig::trapspace {

namespace {
constexpr std::uint8_t kUnknown = 2;
}

Percolator::Percolator(const Network& net) : net_(net), readers_(net.num_vars()) {
    for (std::uint32_t v = 0; v < net.num_vars(); ++v)
        for (VarId r : net.regulators(VarId{v}))
            if (r.index != v)
                readers_[r.index].push_back(v);
}

std::uint8_t Percolator::evaluate(const Expr& rule, const Subspace& space) {
    node_values_.resize(std::max(node_values_.size(), rule.size()));
    for (std::uint32_t i = 0; i <= rule.root(); ++i) {
        const ExprNode& n = rule.node(i);
        std::uint8_t value = kUnknown;
        switch (n.op) {
        case Op::constant:
            value = n.value;
            break;
        case Op::variable:
            value = space.is_fixed(n.var.index) ? space.value(n.var.index) : kUnknown;
            break;
        case Op::negation: {
            const std::uint8_t c = node_values_[rule.children(i)[0]];
            value = c == kUnknown ? kUnknown : static_cast<std::uint8_t>(1 - c);
            break;
        }
        case Op::conjunction:
        case Op::disjunction: {
            // The absorbing value decides; otherwise any unknown input leaves it unknown.
            const std::uint8_t absorbing = n.op == Op::conjunction ? 0 : 1;
            value = static_cast<std::uint8_t>(1 - absorbing);
            for (auto c : rule.children(i)) {
                if (node_values_[c] == absorbing) {
                    value = absorbing;
                    break;
                }
                if (node_values_[c] == kUnknown)
                    value = kUnknown;
            }
            break;
        }
        case Op::exclusive_or: {
            value = 0;
            for (auto c : rule.children(i)) {
                if (node_values_[c] == kUnknown) {
                    value = kUnknown;
                    break;
                }
                value ^= node_values_[c];
            }
            break;
        }
        }
        node_values_[i] = value;
    }
    return node_values_[rule.root()];
}

void Percolator::percolate(Subspace& space) {
    std::vector<std::uint32_t> fresh, pending;
    for (std::uint32_t v = 0; v < net_.num_vars(); ++v)
        if (!space.is_fixed(v))
            pending.push_back(v);
    std::vector<char> queued(net_.num_vars(), 0);
    while (!pending.empty()) {
        fresh.clear();
        for (std::uint32_t v : pending) {
            queued[v] = 0;
            if (space.is_fixed(v))
                continue;
            const std::uint8_t value = evaluate(net_.rule(VarId{v}), space);
            if (value != kUnknown) {
                space.fix(v, value == 1);
                fresh.push_back(v);
            }
        }
        pending.clear();
        for (std::uint32_t f : fresh)
            for (std::uint32_t r : readers_[f])
                if (!space.is_fixed(r) && !queued[r]) {
                    queued[r] = 1;
                    pending.push_back(r);
                }
    }
}

} // namespace bitsig::trapspace
