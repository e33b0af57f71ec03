// SPDX-License-Identifier: MIT
// The CaDiCaL seam (Biere et al., CaDiCaL 2020): everything else in bitsig speaks DIMACS-style
// int literals through sat::Solver, so the solver could be swapped by editing this file alone.
// CaDiCaL is incremental: clauses added between solve() calls are kept, and assumptions
// last for one call, which the attractor searches use for blocking clauses and for
// growing unrollings without starting over.
#include "sat/solver.hpp"

#include <cadical.hpp>
#include <cassert>

#include "core/error.hpp"

namespace bitsig::sat {

namespace {

// Adapts a std::function to CaDiCaL's polling interface.
class FunctionTerminator : public CaDiCaL::Terminator {
public:
    explicit FunctionTerminator(std::function<bool()> f) : f_(std::move(f)) {}
    bool terminate() override { return f_(); }

private:
    std::function<bool()> f_;
};

}  // namespace

struct Solver::Impl {
    CaDiCaL::Solver cadical;
    std::unique_ptr<FunctionTerminator> terminator;
};

Solver::Solver() : impl_(std::make_unique<Impl>()) {
    // CaDiCaL prints some events (such as adding a clause that is already falsified) even at
    // verbosity 0; a library must stay silent.
    impl_->cadical.set("quiet", 1);
}

Solver::~Solver() {
    if (impl_->terminator) impl_->cadical.disconnect_terminator();
}

int Solver::new_var() { return ++num_vars_; }

void Solver::add_clause(std::span<const int> literals) {
    for (int lit : literals) {
        assert(lit != 0 && lit <= num_vars_ && -lit <= num_vars_);
        impl_->cadical.add(lit);
    }
    impl_->cadical.add(0);
}

bool Solver::solve(std::span<const int> assumptions) {
    // Variables that no clause mentions yet must still have a value in the model.
    if (num_vars_ > impl_->cadical.vars()) impl_->cadical.reserve(num_vars_);
    for (int lit : assumptions) {
        assert(lit != 0 && lit <= num_vars_ && -lit <= num_vars_);
        impl_->cadical.assume(lit);
    }
    int status = impl_->cadical.solve();
    if (status == 0) throw Interrupted();
    return status == 10;
}

bool Solver::value(int literal) const {
    assert(literal != 0 && literal <= num_vars_ && -literal <= num_vars_);
    // CaDiCaL's val(l) returns l when l is true and -l otherwise, so its sign alone is the
    // truth of l only for positive l; ask about the variable and apply the polarity.
    bool variable_true = impl_->cadical.val(literal > 0 ? literal : -literal) > 0;
    return literal > 0 ? variable_true : !variable_true;
}

bool Solver::failed(int literal) const {
    assert(literal != 0 && literal <= num_vars_ && -literal <= num_vars_);
    return impl_->cadical.failed(literal);
}

void Solver::set_default_phase(bool value) { impl_->cadical.set("phase", value ? 1 : 0); }

void Solver::skip_lucky_assignments() { impl_->cadical.set("lucky", 0); }

void Solver::prefer(int literal) {
    assert(literal != 0 && literal <= num_vars_ && -literal <= num_vars_);
    impl_->cadical.phase(literal);
}

void Solver::set_terminator(std::function<bool()> should_stop) {
    if (impl_->terminator) impl_->cadical.disconnect_terminator();
    impl_->terminator.reset();
    if (!should_stop) return;
    impl_->terminator = std::make_unique<FunctionTerminator>(std::move(should_stop));
    impl_->cadical.connect_terminator(impl_->terminator.get());
}

}  // namespace bitsig::sat
