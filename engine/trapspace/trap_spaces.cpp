// SPDX-License-Identifier: MIT
// Enumeration of minimal and maximal trap spaces over the dual-rail encoding (encoding.hpp)
// and CaDiCaL, with percolation (percolate.hpp) doing most of the work for minimal ones.
//
// Minimal, the solver's part: take any trap space the solver finds, then shrink it: ask for
// a trap space inside it that fixes at least one more variable (its fixed variables held by
// assumptions, the "one more" as a clause switched on by an activation literal), until that
// is unsatisfiable. The result is minimal, and since two trap spaces that meet intersect in
// a trap space, every other trap space meeting a minimal one contains it: the blocking
// clause may therefore demand disjointness ("some variable it fixes takes the other
// value"), which is short and cuts off all supersets too. Every rail prefers "fixed"
// (CaDiCaL's phase), so the first witness is nearly minimal; saved phases instead kept
// each call next to the last model and shrinking fixed one variable per call. Before any
// shrinking call, percolation tries to prove the witness minimal (each half of each free
// variable holds no trap space), which settles most cyclic attractors' trap spaces.
//
// Minimal, the search around it: signalling models have many inputs and up to 2^inputs
// minimal trap spaces, and a solver call over a 400-variable model costs milliseconds. A
// depth-first search splits the space on inputs and other variables that hold their value
// (every minimal trap space of the region fixes them), percolating each region exactly;
// most regions end as fixed points without a solver call. Only regions with nothing left
// to split go to the solver: their own small encoding over the region's free variables,
// or, when their rules are large, the whole network's solver with the region assumed.
//
// Maximal: the same in the other direction on the whole network's solver. The whole space
// is excluded by one clause (some variable fixed), as in the field's definition (Klarner,
// Bockmayr and Siebert 2015); a witness grows (one more variable freed, the others held)
// until that fails, and the blocking clause forbids subspaces of it. Rails prefer "free".
//
// Why SAT with blocking rather than answer-set programming's subset-minimal enumeration
// (clingo with domain heuristics, as trappist and mpbn do) or decision diagrams: the
// encoding stays linear in the rules as written (no prime implicants, no grounding of
// truth tables), the solver is already bitsig's seam, it keeps learnt clauses across
// calls, and shrinking needs only assumptions. Decision diagrams of the set of trap spaces
// blow up on models with many inputs, where minimal trap spaces number 2^inputs.
// tests/bench/README.md compares with clingo.
//
// At the limit, one more step says whether another exists, so `complete` is exact: a
// trap-space region always holds a minimal trap space, a solver model disjoint from
// (minimal) or outside (maximal) all found ones shrinks or grows to one not yet listed.
#include "trapspace/trap_spaces.hpp"

#include <algorithm>
#include <optional>

#include "sat/solver.hpp"
#include "trapspace/percolate.hpp"
#include "trapspace/rules.hpp"

namespace bitsig::trapspace {

namespace {

// One solver with the dual-rail encoding of the trap spaces inside `within`.
struct Search {
    sat::Solver solver;
    std::optional<DualRail> rails;  // after the phase is set

    Search(const Network& net, const std::vector<RuleForm>& forms, const Options& options, const Control& control,
           const Subspace* within = nullptr) {
        // CaDiCaL takes the phase option only before the first clause.
        solver.set_default_phase(options.kind == Kind::maximal);
        // A lucky assignment satisfies the formula without the preferences below, so its
        // witness is far from minimal (maximal) and shrinking (growing) pays for it: on
        // BBM model 256, 212 shrinking calls instead of 25.
        solver.skip_lucky_assignments();
        solver.set_terminator([&control] { return control.cancelled(); });
        rails.emplace(solver, net, forms, options.encoding, control, within);
        // Saved phases would keep each call near the previous model, so that shrinking
        // (growing) fixes (frees) one variable per call; a fixed preference for fixed
        // (free) rails makes the first witness nearly minimal (maximal) instead.
        const bool prefer_free = options.kind == Kind::maximal;
        for (std::size_t v = 0; v < rails->num_vars(); ++v)
            for (bool value : {false, true})
                if (const int rail = rails->can_be(v, value); !constant(rail))
                    solver.prefer(prefer_free ? rail : -rail);
    }

    static bool constant(int literal) { return literal == sat::true_literal || literal == -sat::true_literal; }
};

class Enumerator {
public:
    Enumerator(const Network& net, const Options& options, const Control& control)
        : net_(net), forms_(rule_forms(net, options.encoding, control)), percolator_(net, forms_), options_(options),
          control_(control), whole_(net, forms_, options, control) {
        for (const auto& f : forms_) whole_size_ += form_size(f);
    }

    Result run() {
        Result out;
        out.kind = options_.kind;
        out.limit = options_.limit;
        out.encoding = whole_.rails->stats();
        out.complete = options_.kind == Kind::minimal ? minimal(out.trap_spaces) : maximal(out.trap_spaces);
        std::sort(out.trap_spaces.begin(), out.trap_spaces.end());
        return out;
    }

private:
    // A region of the depth-first search: a subspace and whether it is a trap space (then
    // it surely holds a minimal trap space; other regions may hold none).
    struct Region {
        Subspace space;
        bool trap = false;
    };

    // A free variable v of `q` whose rule is constant b on q with v = b: then q with v = b
    // is a trap space if q is, and every minimal trap space inside q fixes v (one leaving
    // it free would contain a smaller one with v = b). Inputs hold both values; they and
    // other variables holding both come first, since both halves are then trap spaces.
    struct Split {
        std::uint32_t var = 0;
        bool value = false;
        bool both = false;
    };
    std::optional<Split> holding_variable(Subspace& q) {
        std::optional<Split> one_sided;
        for (std::uint32_t v = 0; v < q.size(); ++v) {
            if (q.is_fixed(v)) continue;
            bool holds[2];
            for (int b = 0; b < 2; ++b) {
                q.fix(v, b == 1);
                holds[b] = rule_values(forms_[v], q, scratch_) == (b == 1 ? 2u : 1u);
            }
            q.release(v);
            if (holds[0] && holds[1]) return Split{v, false, true};
            if (!one_sided && (holds[0] || holds[1])) one_sided = Split{v, holds[1], false};
        }
        return one_sided;
    }

    // Minimal trap spaces by a depth-first search over regions, from the whole space:
    // percolate the region (percolate.hpp); drop it when it holds no trap space; a region
    // left without free variables is a fixed point; otherwise split it on a holding
    // variable (inputs first: signalling models have up to 2^inputs minimal trap spaces,
    // which this finds without the solver); with none, a solver over the region's free
    // variables only enumerates its minimal trap spaces. Regions are disjoint, so nothing
    // is found twice. Returns complete.
    bool minimal(std::vector<Subspace>& found) {
        const std::size_t n = net_.num_vars();
        std::vector<Region> stack;
        stack.push_back(Region{Subspace(n), true});
        while (!stack.empty()) {
            control_.check();
            Region r = std::move(stack.back());
            stack.pop_back();
            if (!percolator_.percolate(r.space, !r.trap)) continue;  // no trap space inside
            if (found.size() >= options_.limit && (r.trap || r.space.free_count() == 0)) return false;
            if (r.space.free_count() == 0) {
                found.push_back(std::move(r.space));
                report(found.size());
                continue;
            }
            if (const auto split = holding_variable(r.space)) {
                // The other half goes deeper first, so the holding half is searched next.
                Region held{r.space, r.trap}, other{r.space, r.trap && split->both};
                held.space.fix(split->var, split->value);
                other.space.fix(split->var, !split->value);
                stack.push_back(std::move(other));
                stack.push_back(std::move(held));
                continue;
            }
            if (!solve_region(r.space, found)) return false;
        }
        return true;
    }

    // The solver's part of minimal(): every minimal trap space inside `region`, or false
    // when the limit stopped the listing before the last one. A region whose free
    // variables have small rules gets its own solver over those variables only: with the
    // whole network and the region as assumptions, each call re-propagates every rule.
    // Where the region's rules are large (truth-table rules of a hundred diagram nodes and
    // more), building that encoding per region costs more than the calls, and the whole
    // space's solver takes the region as assumptions instead.
    bool solve_region(const Subspace& region, std::vector<Subspace>& found) {
        std::size_t size = 0;
        for (std::uint32_t v = 0; v < region.size(); ++v)
            if (!region.is_fixed(v)) size += form_size(forms_[v]);
        if (size > std::max(kLocalEncodingMinimum, whole_size_ / kLocalEncodingShare))
            return solve_region_in_whole(region, found);
        Search search(net_, forms_, options_, control_, &region);
        while (search.solver.solve()) {
            if (found.size() >= options_.limit) return false;
            Subspace s = search.rails->decode(search.solver);
            while (!percolated_minimal(s) && shrink(search, s)) control_.check();
            found.push_back(s);
            report(found.size());
            if (!block(search, s)) break;
        }
        return true;
    }
    // A region's own encoding pays when its rules are at most this share of the network's
    // (measured on the BBM models: past it, building the encoding dominates the calls).
    static constexpr std::size_t kLocalEncodingShare = 4;
    static constexpr std::size_t kLocalEncodingMinimum = 64;
    static std::size_t form_size(const RuleForm& f) {
        return f.diagram ? f.diagram->nodes.size() : f.circuit.gates.size() + 1;
    }

    // solve_region on the whole space's solver. Its blocking clauses hold for this region
    // only (an activation literal, retired afterwards) and mention only the region's free
    // variables, so they do not pile up in later calls.
    bool solve_region_in_whole(const Subspace& region, std::vector<Subspace>& found) {
        const int here = whole_.solver.new_var();
        std::vector<int> assumptions{here};
        for (std::size_t v = 0; v < region.size(); ++v)
            if (region.is_fixed(v)) assumptions.push_back(-whole_.rails->can_be(v, !region.value(v)));
        bool complete = true;
        while (whole_.solver.solve(assumptions)) {
            if (found.size() >= options_.limit) {
                complete = false;
                break;
            }
            Subspace s = whole_.rails->decode(whole_.solver);
            while (!percolated_minimal(s) && shrink(whole_, s)) control_.check();
            found.push_back(s);
            report(found.size());
            std::vector<int> disjoint{-here};
            for (std::size_t v = 0; v < s.size(); ++v)
                if (s.is_fixed(v) && !region.is_fixed(v)) disjoint.push_back(-whole_.rails->can_be(v, s.value(v)));
            if (disjoint.size() == 1) break;  // s is the whole region
            whole_.solver.add_clause(disjoint);
        }
        whole_.solver.add_clause({-here});
        return complete;
    }

    // Maximal trap spaces: the whole space is excluded by one clause (some variable
    // fixed). Returns complete.
    bool maximal(std::vector<Subspace>& found) {
        std::vector<int> some_fixed;
        for (std::size_t v = 0; v < whole_.rails->num_vars(); ++v)
            for (bool value : {false, true}) some_fixed.push_back(-whole_.rails->can_be(v, value));
        whole_.solver.add_clause(some_fixed);
        for (;;) {
            control_.check();
            if (!whole_.solver.solve()) return true;
            if (found.size() >= options_.limit) return false;
            Subspace s = whole_.rails->decode(whole_.solver);
            while (grow(whole_, s)) control_.check();
            found.push_back(s);
            block(whole_, s);
            report(found.size());
        }
    }

    void report(std::size_t found) const {
        control_.report(std::min(1.0, static_cast<double>(found) / static_cast<double>(options_.limit)),
                        std::to_string(found) + " " + to_string(options_.kind) + " trap spaces");
    }

    // Percolates trap space s (still a trap space, holding every minimal one s holds),
    // then provably_minimal.
    bool percolated_minimal(Subspace& s) {
        percolator_.percolate(s);
        return provably_minimal(s);
    }

    // A trap space inside trap space s fixes some free variable v of s to some b, so lies
    // inside s with v = b; when percolation finds no trap space in any of those halves, s
    // is minimal without a solver call (typical of the cyclic attractors' trap spaces).
    bool provably_minimal(const Subspace& s) {
        for (std::uint32_t v = 0; v < s.size(); ++v) {
            if (s.is_fixed(v)) continue;
            for (bool b : {false, true}) {
                Subspace half = s;
                half.fix(v, b);
                if (percolator_.percolate(half, true)) return false;
            }
        }
        return true;
    }

    // Replaces s by a trap space inside it fixing more variables; false when s is minimal.
    bool shrink(Search& search, Subspace& s) {
        std::vector<int> more_fixed, assumptions;
        for (std::size_t v = 0; v < s.size(); ++v) {
            const int one = search.rails->can_be(v, true), zero = search.rails->can_be(v, false);
            if (s.is_fixed(v)) {
                if (const int other = s.value(v) ? zero : one; !Search::constant(other)) assumptions.push_back(-other);
            } else {
                more_fixed.push_back(-one);
                more_fixed.push_back(-zero);
            }
        }
        if (more_fixed.empty()) return false;  // a single state
        return improve(search, s, more_fixed, assumptions);
    }

    // Replaces s by a trap space containing it with more free variables (but not the whole
    // space); false when s is maximal.
    bool grow(Search& search, Subspace& s) {
        std::vector<int> more_free, assumptions;
        for (std::size_t v = 0; v < s.size(); ++v) {
            if (s.is_fixed(v)) {
                assumptions.push_back(search.rails->can_be(v, s.value(v)));
                more_free.push_back(search.rails->can_be(v, !s.value(v)));
            } else {
                assumptions.push_back(search.rails->can_be(v, true));
                assumptions.push_back(search.rails->can_be(v, false));
            }
        }
        return improve(search, s, more_free, assumptions);
    }

    // One step: a model under `assumptions` satisfying the clause `step`, which holds for
    // this call only (guarded by a fresh activation literal, retired afterwards).
    bool improve(Search& search, Subspace& s, std::vector<int>& step, std::vector<int>& assumptions) {
        const int active = search.solver.new_var();
        step.push_back(-active);
        search.solver.add_clause(step);
        assumptions.push_back(active);
        const bool found = search.solver.solve(assumptions);
        if (found) s = search.rails->decode(search.solver);
        search.solver.add_clause({-active});
        return found;
    }

    // Excludes s and what it makes redundant; false when nothing else can exist in the
    // search's subspace. Minimal: disjoint from s (some variable s fixes takes the other
    // value). Maximal: not inside s (some variable s fixes may take the other value).
    bool block(Search& search, const Subspace& s) {
        std::vector<int> clause;
        const bool minimal = options_.kind == Kind::minimal;
        for (std::size_t v = 0; v < s.size(); ++v) {
            if (!s.is_fixed(v)) continue;
            const int rail = minimal ? -search.rails->can_be(v, s.value(v)) : search.rails->can_be(v, !s.value(v));
            if (!Search::constant(rail)) clause.push_back(rail);
        }
        if (clause.empty()) return false;  // s is the whole subspace searched
        search.solver.add_clause(clause);
        return true;
    }

    const Network& net_;
    std::vector<RuleForm> forms_;
    Percolator percolator_;
    RuleScratch scratch_;
    const Options& options_;
    const Control& control_;
    Search whole_;  // the whole space: maximal trap spaces, and the encoding's statistics
    std::size_t whole_size_ = 0;
};

}  // namespace

std::string to_string(Kind k) { return k == Kind::minimal ? "minimal" : "maximal"; }

Result find_trap_spaces(const Network& net, const Options& options, const Control& control) {
    return Enumerator(net, options, control).run();
}

}  // namespace bitsig::trapspace
