// SPDX-License-Identifier: MIT
// Boolean rules as a closed set of node kinds stored in one flat vector.
//
// Layout: nodes_ is in topological order (every child index is smaller than its parent's),
// and the root is the last node. Conjunction, disjunction and exclusive-or are n-ary, so a
// 10,000-term DNF is one disjunction node with 10,000 children rather than a 10,000-deep
// chain; tree depth is therefore bounded by parenthesis nesting, which the parser limits.
// Children of node i are args_[first .. first+count). Variables are resolved VarIds.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "state/subspace.hpp"

namespace bitsig {

enum class Op : std::uint8_t { constant, variable, negation, conjunction, disjunction, exclusive_or };

struct ExprNode {
    Op op = Op::constant;
    bool value = false;       // for Op::constant
    VarId var{};              // for Op::variable
    std::uint32_t first = 0;  // first child in args_
    std::uint32_t count = 0;  // number of children
};

class Expr {
public:
    Expr() { set_root(add_constant(false)); }
    static Expr constant(bool value);
    static Expr variable(VarId v);

    // Building: add children before parents, then set_root.
    std::uint32_t add_constant(bool value);
    std::uint32_t add_variable(VarId v);
    /// Adds an operator node over already-added children (negation takes exactly one).
    std::uint32_t add_operator(Op op, std::span<const std::uint32_t> children);
    void set_root(std::uint32_t node) { root_ = node; }

    std::uint32_t root() const { return root_; }
    std::size_t size() const { return nodes_.size(); }
    const ExprNode& node(std::uint32_t i) const { return nodes_[i]; }
    std::span<const std::uint32_t> children(std::uint32_t i) const {
        return {args_.data() + nodes_[i].first, nodes_[i].count};
    }

    /// Sorted distinct variables the rule mentions (its regulators, syntactically).
    std::vector<VarId> support() const;
    bool is_constant() const { return nodes_[root_].op == Op::constant; }
    bool constant_value() const { return nodes_[root_].value; }
    /// True when the rule is exactly the variable v (an input rule `v = v`).
    bool is_variable(VarId v) const { return nodes_[root_].op == Op::variable && nodes_[root_].var == v; }

private:
    std::vector<ExprNode> nodes_;
    std::vector<std::uint32_t> args_;
    std::uint32_t root_ = 0;
};

/// How a rule is written back: `^` is native in YAML but not in the .bnet dialect, where it
/// is expanded into `&`, `|`, `!`.
enum class Syntax { bitsig, bnet };

/// Renders with minimal parentheses; names[v.index] gives each variable's name. In
/// Syntax::bnet an n-ary exclusive-or doubles in length per operand: check printed_size first.
std::string to_string(const Expr& e, const std::vector<std::string>& names, Syntax syntax = Syntax::bitsig);

/// The exact length to_string would produce, computed in one pass without building the text
/// (saturating at 2^62), so writers can refuse an expansion before allocating it.
std::uint64_t printed_size(const Expr& e, const std::vector<std::string>& names, Syntax syntax = Syntax::bitsig);

/// The reference one-state evaluator: the semantics every fast path is tested against.
bool evaluate(const Expr& e, const std::vector<bool>& state);

/// Copies `e`, replacing every variable by `replace(var)`: either another expression's
/// root built into the copy, or the variable itself. Used by perturbations and reduction.
/// Constants are folded, so substituting fixed values simplifies the rule.
struct Substitution {
    // A fixed variable is replaced by its value, a free one kept (variables past its size too).
    Subspace fixed;
};
Expr substitute(const Expr& e, const Substitution& s);

/// Renames variables: every VarId v becomes map[v.index] (which must be valid).
Expr remap(const Expr& e, const std::vector<VarId>& map);

}  // namespace bitsig
