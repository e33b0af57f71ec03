// SPDX-License-Identifier: MIT
// The one seam to the SAT solver (CaDiCaL): nothing else includes cadical.hpp.
// Literals are DIMACS-style ints: variable k > 0, negation -k.
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <vector>

namespace bitsig::sat {

class Solver {
public:
    Solver();
    ~Solver();
    Solver(const Solver&) = delete;
    Solver& operator=(const Solver&) = delete;

    /// A fresh variable (positive literal).
    int new_var();
    void add_clause(std::span<const int> literals);
    void add_clause(std::initializer_list<int> literals) {
        add_clause(std::span<const int>(literals.begin(), literals.size()));
    }
    /// Solves under optional assumptions; true = satisfiable. Throws Interrupted when the
    /// terminator (if any) asked the solver to stop.
    bool solve(std::span<const int> assumptions = {});
    bool solve(std::initializer_list<int> assumptions) {
        return solve(std::span<const int>(assumptions.begin(), assumptions.size()));
    }
    /// Which value decisions try first for variables without a saved phase (default true).
    /// Enumerations prefer false to get witnesses with few active variables.
    void set_default_phase(bool value);
    /// Starts every search from the preferred phases, skipping CaDiCaL's "lucky" tries of
    /// whole-formula assignments (all false, all true, ...). Before the first clause only.
    void skip_lucky_assignments();
    /// Makes decisions on `literal`'s variable try `literal` first, in every later call
    /// (unlike set_default_phase, which saved phases override after the first model).
    void prefer(int literal);
    /// Polled by the solver during search; returning true aborts solve() with Interrupted.
    /// Searches connect Control::cancelled here so that one long call stays cancellable.
    void set_terminator(std::function<bool()> should_stop);
    /// Value of a literal in the last model (after solve() returned true).
    bool value(int literal) const;
    /// After solve() returned false: whether assumption `literal` was needed to refute
    /// (the failed assumptions form an unsatisfiable core of the assumptions).
    bool failed(int literal) const;
    int num_vars() const { return num_vars_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    int num_vars_ = 0;
};

}  // namespace bitsig::sat
