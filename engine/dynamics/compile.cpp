// SPDX-License-Identifier: MIT
// Rule compiler: expression trees -> straight-line word operations.
// Negations are not emitted eagerly: each compiled subterm carries a "negated" flag and
// De Morgan folds it into and/or/and-not, so `A & !B` costs one and-not instead of a not
// and an and. Temporaries return to a free list as soon as they are consumed, which keeps
// the register file small (and in L1) even for rules with thousands of terms.
#include <cassert>

#include "dynamics/program.hpp"
#include "model/network.hpp"

namespace bitsig {

namespace {

struct Value {
    std::uint32_t reg = 0;
    bool negated = false;
    bool temp = false;
};

class Compiler {
public:
    Compiler(std::vector<Program::Instr>& code, std::size_t num_inputs)
        : code_(code), num_inputs_(static_cast<std::uint32_t>(num_inputs)), next_reg_(num_inputs_ + 2) {}

    Value compile(const Expr& e, std::uint32_t i) {
        const ExprNode& n = e.node(i);
        switch (n.op) {
        case Op::constant:
            return Value{n.value ? const_one() : const_zero(), false, false};
        case Op::variable:
            return Value{n.var.index, false, false};
        case Op::negation: {
            Value v = compile(e, e.children(i)[0]);
            v.negated = !v.negated;
            return v;
        }
        case Op::conjunction:
        case Op::disjunction:
        case Op::exclusive_or: {
            auto kids = e.children(i);
            Value acc = compile(e, kids[0]);
            for (std::size_t k = 1; k < kids.size(); ++k) acc = combine(n.op, acc, compile(e, kids[k]));
            return acc;
        }
        }
        return {};
    }

    void store(std::uint32_t output, Value v) {
        code_.push_back({v.negated ? Program::Code::store_not : Program::Code::store, output, v.reg, v.reg});
        release(v);
    }

    std::uint32_t num_registers() const { return next_reg_; }

private:
    std::uint32_t const_zero() const { return num_inputs_; }
    std::uint32_t const_one() const { return num_inputs_ + 1; }

    std::uint32_t fresh() {
        if (!free_.empty()) {
            std::uint32_t r = free_.back();
            free_.pop_back();
            return r;
        }
        return next_reg_++;
    }
    void release(const Value& v) {
        if (v.temp) free_.push_back(v.reg);
    }

    Value emit(Program::Code code, const Value& a, const Value& b, bool negated) {
        release(a);
        release(b);
        std::uint32_t d = fresh();
        code_.push_back({code, d, a.reg, b.reg});
        return Value{d, negated, true};
    }

    Value combine(Op op, const Value& a, const Value& b) {
        using C = Program::Code;
        if (op == Op::exclusive_or) return emit(C::op_xor, a, b, a.negated != b.negated);
        // An or is a negated and of negated operands: handle both with one table.
        bool is_and = op == Op::conjunction;
        bool na = is_and ? a.negated : !a.negated;
        bool nb = is_and ? b.negated : !b.negated;
        Value r;
        if (!na && !nb)
            r = emit(C::op_and, a, b, false);
        else if (!na && nb)
            r = emit(C::op_andnot, a, b, false);
        else if (na && !nb)
            r = emit(C::op_andnot, b, a, false);
        else
            r = emit(C::op_or, a, b, true);  // !a & !b == !(a | b)
        if (!is_and) r.negated = !r.negated;
        return r;
    }

    std::vector<Program::Instr>& code_;
    std::uint32_t num_inputs_;
    std::uint32_t next_reg_;
    std::vector<std::uint32_t> free_;
};

}  // namespace

Program Program::compile(const std::vector<const Expr*>& rules, std::size_t num_inputs) {
    Program p;
    p.num_inputs_ = num_inputs;
    p.num_outputs_ = rules.size();
    Compiler c(p.code_, num_inputs);
    for (std::size_t i = 0; i < rules.size(); ++i) {
        Value v = c.compile(*rules[i], rules[i]->root());
        c.store(static_cast<std::uint32_t>(i), v);
    }
    p.num_registers_ = c.num_registers();
    return p;
}

Program Program::compile(const Network& net) {
    std::vector<const Expr*> rules;
    rules.reserve(net.num_vars());
    for (std::uint32_t i = 0; i < net.num_vars(); ++i) rules.push_back(&net.rule(VarId{i}));
    return compile(rules, net.num_vars());
}

}  // namespace bitsig
