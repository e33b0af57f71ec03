// SPDX-License-Identifier: MIT
// Construction, simplification and rendering of rules. Constant folding happens in
// substitute(): after fixing variables, an n-ary conjunction with a false child is false,
// true children are dropped, and so on; that is what makes percolation of perturbations
// shrink rules instead of merely annotating them.
#include <algorithm>
#include <cassert>

#include "expr/expr.hpp"

namespace bitsig {

Expr Expr::constant(bool value) {
    Expr e;
    e.nodes_.clear();
    e.set_root(e.add_constant(value));
    return e;
}

Expr Expr::variable(VarId v) {
    Expr e;
    e.nodes_.clear();
    e.set_root(e.add_variable(v));
    return e;
}

std::uint32_t Expr::add_constant(bool value) {
    ExprNode n;
    n.op = Op::constant;
    n.value = value;
    nodes_.push_back(n);
    return static_cast<std::uint32_t>(nodes_.size() - 1);
}

std::uint32_t Expr::add_variable(VarId v) {
    ExprNode n;
    n.op = Op::variable;
    n.var = v;
    nodes_.push_back(n);
    return static_cast<std::uint32_t>(nodes_.size() - 1);
}

std::uint32_t Expr::add_operator(Op op, std::span<const std::uint32_t> children) {
    assert(op != Op::constant && op != Op::variable);
    assert(op != Op::negation || children.size() == 1);
    ExprNode n;
    n.op = op;
    n.first = static_cast<std::uint32_t>(args_.size());
    n.count = static_cast<std::uint32_t>(children.size());
    for (auto c : children) {
        assert(c < nodes_.size());
        args_.push_back(c);
    }
    nodes_.push_back(n);
    return static_cast<std::uint32_t>(nodes_.size() - 1);
}

std::vector<VarId> Expr::support() const {
    std::vector<VarId> out;
    for (const auto& n : nodes_)
        if (n.op == Op::variable) out.push_back(n.var);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

namespace {

// Binding strength, tightest highest; used to decide where parentheses are needed.
int precedence(Op op) {
    switch (op) {
    case Op::disjunction:
        return 1;
    case Op::exclusive_or:
        return 2;
    case Op::conjunction:
        return 3;
    case Op::negation:
        return 4;
    default:
        return 5;
    }
}

class Printer {
public:
    Printer(const Expr& e, const std::vector<std::string>& names, Syntax syntax)
        : e_(e), names_(names), syntax_(syntax) {}

    void print(std::uint32_t i, int context, std::string& out) const {
        const ExprNode& n = e_.node(i);
        auto kids = e_.children(i);
        switch (n.op) {
        case Op::constant:
            out += n.value ? "1" : "0";
            return;
        case Op::variable:
            out += names_[n.var.index];
            return;
        case Op::negation:
            out += '!';
            print(kids[0], precedence(Op::negation), out);
            return;
        case Op::exclusive_or:
            if (syntax_ == Syntax::bnet) {
                print_xor_expanded(kids, context, out);
                return;
            }
            [[fallthrough]];
        case Op::conjunction:
        case Op::disjunction: {
            int p = precedence(n.op);
            bool paren = p < context;
            if (paren) out += '(';
            const char* sep = n.op == Op::conjunction ? " & " : n.op == Op::disjunction ? " | " : " ^ ";
            for (std::size_t k = 0; k < kids.size(); ++k) {
                if (k) out += sep;
                print(kids[k], p + 1, out);
            }
            if (paren) out += ')';
            return;
        }
        }
    }

private:
    // a ^ b ^ c in .bnet: fold pairwise as (x & !y) | (!x & y).
    void print_xor_expanded(std::span<const std::uint32_t> kids, int context, std::string& out) const {
        std::string acc;
        print(kids[0], precedence(Op::negation), acc);
        for (std::size_t k = 1; k < kids.size(); ++k) {
            std::string rhs;
            print(kids[k], precedence(Op::negation), rhs);
            acc = "(" + acc + " & !" + rhs + " | !" + acc + " & " + rhs + ")";
        }
        (void)context;
        out += acc;
    }

    const Expr& e_;
    const std::vector<std::string>& names_;
    Syntax syntax_;
};

// Lengths saturate instead of wrapping: a 70-operand exclusive-or in .bnet would overflow.
constexpr std::uint64_t kSizeCap = std::uint64_t{1} << 62;
std::uint64_t size_add(std::uint64_t a, std::uint64_t b) { return a >= kSizeCap - b ? kSizeCap : a + b; }
std::uint64_t size_twice(std::uint64_t a) { return a >= kSizeCap / 2 ? kSizeCap : 2 * a; }

bool eval_node(const Expr& e, std::uint32_t i, const std::vector<bool>& state) {
    const ExprNode& n = e.node(i);
    switch (n.op) {
    case Op::constant:
        return n.value;
    case Op::variable:
        return state[n.var.index];
    case Op::negation:
        return !eval_node(e, e.children(i)[0], state);
    case Op::conjunction:
        for (auto c : e.children(i))
            if (!eval_node(e, c, state)) return false;
        return true;
    case Op::disjunction:
        for (auto c : e.children(i))
            if (eval_node(e, c, state)) return true;
        return false;
    case Op::exclusive_or: {
        bool acc = false;
        for (auto c : e.children(i)) acc ^= eval_node(e, c, state);
        return acc;
    }
    }
    return false;
}

// Rebuilds node i of `src` into `dst` with folding; returns the new index.
class Rebuilder {
public:
    Rebuilder(const Expr& src, Expr& dst) : src_(src), dst_(dst), memo_(src.size(), kUnset) {}

    template <class MapVar>
    std::uint32_t build(std::uint32_t i, MapVar&& map_var) {
        if (memo_[i] != kUnset) return memo_[i];
        const ExprNode& n = src_.node(i);
        std::uint32_t out = 0;
        switch (n.op) {
        case Op::constant:
            out = dst_.add_constant(n.value);
            break;
        case Op::variable:
            out = map_var(n.var);
            break;
        case Op::negation: {
            std::uint32_t c = build(src_.children(i)[0], map_var);
            const ExprNode& cn = dst_.node(c);
            if (cn.op == Op::constant)
                out = dst_.add_constant(!cn.value);
            else if (cn.op == Op::negation)
                out = dst_.children(c)[0];
            else {
                std::uint32_t kid[1] = {c};
                out = dst_.add_operator(Op::negation, kid);
            }
            break;
        }
        case Op::conjunction:
        case Op::disjunction: {
            bool absorbing = n.op == Op::disjunction;  // true absorbs an or, false an and
            std::vector<std::uint32_t> kids;
            bool absorbed = false;
            for (auto c : src_.children(i)) {
                std::uint32_t k = build(c, map_var);
                const ExprNode& kn = dst_.node(k);
                if (kn.op == Op::constant) {
                    if (kn.value == absorbing) {
                        absorbed = true;
                        break;
                    }
                    continue;
                }
                // Folding can leave a same-operator child (a & (b | 0) & c); splice it in
                // so the result stays flat, as the parser would have built it.
                if (kn.op == n.op) {
                    auto grandkids = dst_.children(k);
                    kids.insert(kids.end(), grandkids.begin(), grandkids.end());
                    continue;
                }
                kids.push_back(k);
            }
            if (absorbed)
                out = dst_.add_constant(absorbing);
            else if (kids.empty())
                out = dst_.add_constant(!absorbing);
            else if (kids.size() == 1)
                out = kids[0];
            else
                out = dst_.add_operator(n.op, kids);
            break;
        }
        case Op::exclusive_or: {
            std::vector<std::uint32_t> kids;
            bool parity = false;
            for (auto c : src_.children(i)) {
                std::uint32_t k = build(c, map_var);
                const ExprNode& kn = dst_.node(k);
                if (kn.op == Op::constant)
                    parity ^= kn.value;
                else
                    kids.push_back(k);
            }
            if (kids.empty())
                out = dst_.add_constant(parity);
            else {
                out = kids.size() == 1 ? kids[0] : dst_.add_operator(Op::exclusive_or, kids);
                if (parity) {
                    std::uint32_t kid[1] = {out};
                    out = dst_.add_operator(Op::negation, kid);
                }
            }
            break;
        }
        }
        memo_[i] = out;
        return out;
    }

private:
    static constexpr std::uint32_t kUnset = 0xFFFFFFFFu;
    const Expr& src_;
    Expr& dst_;
    std::vector<std::uint32_t> memo_;
};

Expr empty_expr() {
    Expr e = Expr::constant(false);
    return e;
}

}  // namespace

std::string to_string(const Expr& e, const std::vector<std::string>& names, Syntax syntax) {
    std::string out;
    Printer(e, names, syntax).print(e.root(), 0, out);
    return out;
}

// Mirrors Printer::print node by node: children precede parents in the node vector, so one
// forward pass sees every child's length before its parent needs it.
std::uint64_t printed_size(const Expr& e, const std::vector<std::string>& names, Syntax syntax) {
    std::vector<std::uint64_t> bare(e.size(), 0);  // length without parentheses of its own
    auto wrapped = [&](std::uint32_t i, int context) {
        Op op = e.node(i).op;
        bool parenthesised_by_context =
            op == Op::conjunction || op == Op::disjunction || (op == Op::exclusive_or && syntax == Syntax::bitsig);
        return parenthesised_by_context && precedence(op) < context ? size_add(bare[i], 2) : bare[i];
    };
    for (std::uint32_t i = 0; i < e.size(); ++i) {
        const ExprNode& n = e.node(i);
        auto kids = e.children(i);
        std::uint64_t len = 0;
        switch (n.op) {
        case Op::constant:
            len = 1;
            break;
        case Op::variable:
            len = names[n.var.index].size();
            break;
        case Op::negation:
            len = size_add(1, wrapped(kids[0], precedence(Op::negation)));
            break;
        case Op::exclusive_or:
            if (syntax == Syntax::bnet) {
                // acc' = "(" acc " & !" rhs " | !" acc " & " rhs ")": 13 characters of glue.
                len = wrapped(kids[0], precedence(Op::negation));
                for (std::size_t k = 1; k < kids.size(); ++k)
                    len = size_add(size_twice(size_add(len, wrapped(kids[k], precedence(Op::negation)))), 13);
                break;
            }
            [[fallthrough]];
        case Op::conjunction:
        case Op::disjunction:
            for (std::size_t k = 0; k < kids.size(); ++k)
                len = size_add(len, size_add(k ? 3 : 0, wrapped(kids[k], precedence(n.op) + 1)));
            break;
        }
        bare[i] = len;
    }
    return bare[e.root()];
}

bool evaluate(const Expr& e, const std::vector<bool>& state) { return eval_node(e, e.root(), state); }

Expr substitute(const Expr& e, const Substitution& s) {
    Expr out = empty_expr();
    Rebuilder rb(e, out);
    std::uint32_t root = rb.build(e.root(), [&](VarId v) {
        const bool fixed = v.index < s.fixed.size() && s.fixed.is_fixed(v.index);
        return fixed ? out.add_constant(s.fixed.value(v.index)) : out.add_variable(v);
    });
    out.set_root(root);
    return out;
}

Expr remap(const Expr& e, const std::vector<VarId>& map) {
    Expr out = empty_expr();
    Rebuilder rb(e, out);
    std::uint32_t root = rb.build(e.root(), [&](VarId v) { return out.add_variable(map[v.index]); });
    out.set_root(root);
    return out;
}

}  // namespace bitsig
