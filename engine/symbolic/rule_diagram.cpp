// SPDX-License-Identifier: MIT
// The rule's expression tree evaluated bottom-up over diagrams instead of truth values;
// every conjunction, disjunction and parity step is one guarded BuDDy operation.
#include "symbolic/rule_diagram.hpp"

namespace bitsig::symbolic {

bdd rule_diagram(const Expr& e, const std::vector<bdd>& value) {
    std::vector<bdd> at(e.size());
    for (std::uint32_t i = 0; i < e.size(); ++i) {
        const ExprNode& node = e.node(i);
        switch (node.op) {
        case Op::constant:
            at[i] = node.value ? bddtrue : bddfalse;
            break;
        case Op::variable:
            at[i] = value[node.var.index];
            break;
        case Op::negation:
            at[i] = guarded([&] { return !at[e.children(i)[0]]; });
            break;
        case Op::conjunction: {
            bdd r = bddtrue;
            for (auto c : e.children(i)) r = guarded([&] { return r & at[c]; });
            at[i] = r;
            break;
        }
        case Op::disjunction: {
            bdd r = bddfalse;
            for (auto c : e.children(i)) r = guarded([&] { return r | at[c]; });
            at[i] = r;
            break;
        }
        case Op::exclusive_or: {
            bdd r = bddfalse;
            for (auto c : e.children(i)) r = guarded([&] { return r ^ at[c]; });
            at[i] = r;
            break;
        }
        }
    }
    return at[e.root()];
}

}  // namespace bitsig::symbolic
