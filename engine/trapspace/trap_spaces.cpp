// SPDX-License-Identifier: MIT
// Enumeration of minimal and maximal trap spaces over the dual-rail encoding (encoding.hpp)
// with one incremental CaDiCaL instance.
//
// Minimal: take any trap space the solver finds, then shrink it: ask for a trap space
// inside it that fixes at least one more variable (its fixed variables held by
// assumptions, the "one more" as a clause switched on by an activation literal), until
// that is unsatisfiable. The result is minimal, and since two trap spaces that meet
// intersect in a trap space, every other trap space meeting a minimal one contains it:
// the blocking clause may therefore demand disjointness ("some variable it fixes takes
// the other value"), which is short and cuts off all supersets too. The solver prefers
// the value false for both rails (a fixed variable), so its first witness is usually
// minimal already and shrinking costs one unsatisfiable call; fixed points need none.
//
// Signalling models have many inputs and their minimal trap spaces number up to
// 2^inputs, each needing a solver call that assigns every rail from scratch (about 10 ms
// on the 400-variable BBM models). Minimal trap spaces fix every input, so they are
// enumerated per input assignment instead, depth first: percolating the assignment
// (percolate.hpp) usually fixes everything, giving the assignment's one minimal trap space
// without the solver; only what percolation leaves free goes to the solver, as assumptions.
//
// Maximal: the same in the other direction. The whole space is excluded by one clause
// (some variable fixed), as in the field's definition (Klarner, Bockmayr and Siebert
// 2015); a witness grows (one more variable freed, the others held) until that fails,
// and the blocking clause forbids subspaces of it. The solver prefers true (free).
//
// Why SAT with blocking rather than answer-set programming's subset-minimal enumeration
// (clingo with domain heuristics, as trappist and mpbn do) or decision diagrams: the
// encoding stays linear in the rules as written (no prime implicants, no grounding of
// truth tables), the solver is already bitsig's seam, it keeps learnt clauses across all
// calls, and shrinking needs only assumptions. Decision diagrams of the set of trap spaces
// blow up on models with many inputs, where minimal trap spaces number 2^inputs.
//
// When the limit is reached, one more call says whether another exists, so `complete`
// is exact: a trap space disjoint from (minimal) or outside (maximal) all found ones
// shrinks or grows to one not yet listed.
#include "trapspace/trap_spaces.hpp"

#include <algorithm>
#include <optional>

#include "sat/solver.hpp"
#include "trapspace/percolate.hpp"

namespace bitsig::trapspace {

namespace {

class Enumerator {
public:
    Enumerator(const Network& net, const Options& options, const Control& control)
        : net_(net), percolator_(net), options_(options), control_(control) {
        // CaDiCaL takes the phase option only before the first clause.
        solver_.set_default_phase(options.kind == Kind::maximal);
        solver_.set_terminator([&control] { return control.cancelled(); });
        rails_.emplace(solver_, net, options.encoding, control);
        // Saved phases would keep each call near the previous model, so that shrinking
        // (growing) fixes (frees) one variable per call; a fixed preference for fixed
        // (free) rails makes the first witness nearly minimal (maximal) instead.
        const bool prefer_free = options.kind == Kind::maximal;
        for (std::size_t v = 0; v < rails_->num_vars(); ++v) {
            solver_.prefer(prefer_free ? rails_->can_be(v, true) : -rails_->can_be(v, true));
            solver_.prefer(prefer_free ? rails_->can_be(v, false) : -rails_->can_be(v, false));
        }
        if (options.kind == Kind::maximal) {
            std::vector<int> some_fixed;
            for (std::size_t v = 0; v < rails_->num_vars(); ++v) {
                some_fixed.push_back(-rails_->can_be(v, true));
                some_fixed.push_back(-rails_->can_be(v, false));
            }
            solver_.add_clause(some_fixed);
        }
    }

    Result run() {
        Result out;
        out.kind = options_.kind;
        out.limit = options_.limit;
        out.encoding = rails_->stats();
        out.complete = options_.kind == Kind::minimal ? minimal(out.trap_spaces) : maximal(out.trap_spaces);
        std::sort(out.trap_spaces.begin(), out.trap_spaces.end());
        return out;
    }

private:
    // Minimal trap spaces fix every input (an input left free could be fixed to either
    // value), so they split by input values: a depth-first walk over input assignments,
    // each percolated (percolate.hpp). A percolation without free variables is the
    // assignment's only minimal trap space; otherwise the solver enumerates those inside
    // it, its fixed values held by assumptions. Every assignment holds at least one, so
    // the walk stops at the limit knowing whether more exist. Returns complete.
    bool minimal(std::vector<Subspace>& found) {
        const std::size_t n = rails_->num_vars();
        std::vector<std::uint32_t> inputs;
        for (std::uint32_t v = 0; v < n; ++v)
            if (net_.is_input(VarId{v}))
                inputs.push_back(v);
        std::vector<bool> values(inputs.size(), false);
        std::vector<int> assumptions;
        for (;;) {
            if (found.size() >= options_.limit)
                return false;
            control_.check();
            Subspace space(n);
            for (std::size_t k = 0; k < inputs.size(); ++k)
                space.fix(inputs[k], values[k]);
            percolator_.percolate(space);
            if (space.free_count() == 0) {
                found.push_back(space);
            } else {
                // Blocking clauses hold for this assignment only (an activation literal,
                // retired afterwards) and mention only what percolation left free: the
                // long clauses of all earlier assignments would slow every later call.
                const int here = solver_.new_var();
                assumptions.assign(1, here);
                for (std::size_t v = 0; v < n; ++v)
                    if (space.is_fixed(v))
                        assumptions.push_back(-rails_->can_be(v, !space.value(v)));
                bool more = true;
                while (more && solver_.solve(assumptions)) {
                    if (found.size() >= options_.limit)
                        return false;
                    Subspace s = rails_->decode(solver_);
                    while (shrink(s))
                        control_.check();
                    found.push_back(s);
                    more = block(s, space, here);
                    report(found.size());
                }
                solver_.add_clause({-here});
            }
            report(found.size());
            // Next assignment: a binary counter, the last input changing fastest.
            std::size_t k = inputs.size();
            while (k > 0 && values[k - 1])
                values[--k] = false;
            if (k == 0)
                return true;
            values[k - 1] = true;
        }
    }

    // Returns complete.
    bool maximal(std::vector<Subspace>& found) {
        for (;;) {
            control_.check();
            if (!solver_.solve())
                return true;
            if (found.size() >= options_.limit)
                return false;
            Subspace s = rails_->decode(solver_);
            while (grow(s))
                control_.check();
            found.push_back(s);
            block(s, Subspace(s.size()));
            report(found.size());
        }
    }

    void report(std::size_t found) const {
        control_.report(std::min(1.0, static_cast<double>(found) / static_cast<double>(options_.limit)),
                        std::to_string(found) + " " + to_string(options_.kind) + " trap spaces");
    }

    // Replaces s by a trap space inside it fixing more variables; false when s is minimal.
    bool shrink(Subspace& s) {
        std::vector<int> more_fixed, assumptions;
        for (std::size_t v = 0; v < s.size(); ++v) {
            if (s.is_fixed(v)) {
                assumptions.push_back(-rails_->can_be(v, !s.value(v)));
            } else {
                more_fixed.push_back(-rails_->can_be(v, true));
                more_fixed.push_back(-rails_->can_be(v, false));
            }
        }
        if (more_fixed.empty())
            return false; // a single state
        return improve(s, more_fixed, assumptions);
    }

    // Replaces s by a trap space containing it with more free variables (but not the whole
    // space); false when s is maximal.
    bool grow(Subspace& s) {
        std::vector<int> more_free, assumptions;
        for (std::size_t v = 0; v < s.size(); ++v) {
            if (s.is_fixed(v)) {
                assumptions.push_back(rails_->can_be(v, s.value(v)));
                more_free.push_back(rails_->can_be(v, !s.value(v)));
            } else {
                assumptions.push_back(rails_->can_be(v, true));
                assumptions.push_back(rails_->can_be(v, false));
            }
        }
        return improve(s, more_free, assumptions);
    }

    // One step: a model under `assumptions` satisfying the clause `step`, which holds for
    // this call only (guarded by a fresh activation literal, retired afterwards).
    bool improve(Subspace& s, std::vector<int>& step, std::vector<int>& assumptions) {
        const int active = solver_.new_var();
        step.push_back(-active);
        solver_.add_clause(step);
        assumptions.push_back(active);
        const bool found = solver_.solve(assumptions);
        if (found)
            s = rails_->decode(solver_);
        solver_.add_clause({-active});
        return found;
    }

    // Excludes s and what it makes redundant, among the trap spaces inside `within` while
    // `active` holds (always when it is 0); false when nothing else can exist there.
    bool block(const Subspace& s, const Subspace& within, int active = 0) {
        std::vector<int> clause;
        if (active != 0)
            clause.push_back(-active);
        const std::size_t guard = clause.size();
        const bool minimal = options_.kind == Kind::minimal;
        // Minimal: disjoint from s (some variable s fixes takes the other value). Maximal:
        // not inside s (some variable s fixes may take the other value).
        for (std::size_t v = 0; v < s.size(); ++v)
            if (s.is_fixed(v) && !within.is_fixed(v))
                clause.push_back(minimal ? -rails_->can_be(v, s.value(v)) : rails_->can_be(v, !s.value(v)));
        if (clause.size() == guard)
            return false; // s is all of `within`
        solver_.add_clause(clause);
        return true;
    }

    const Network& net_;
    Percolator percolator_;
    sat::Solver solver_;
    std::optional<DualRail> rails_; // after the phase is set
    const Options& options_;
    const Control& control_;
};

} // namespace

std::string to_string(Kind k) {
    return k == Kind::minimal ? "minimal" : "maximal";
}

Result find_trap_spaces(const Network& net, const Options& options, const Control& control) {
    return Enumerator(net, options, control).run();
}

} // namespace bitsig::trapspace
