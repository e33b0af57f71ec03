// SPDX-License-Identifier: MIT
// Every fixed point (x = f(x)) by a propagating depth-first search with a SAT oracle.
//
// The textbook method is SAT plus blocking clauses: Tseitin-encode x_v <-> f_v(x) for every
// variable (Tseitin 1968), take a model, add a clause excluding it, repeat. It is exact but
// pays a full solver call per fixed point, and on signaling models with many free inputs
// the count explodes (each input combination can carry its own fixed point). Measured on
// the BBM collection's ERBB model (247 variables, 22 free inputs), CaDiCaL needs 100-300 us
// per call as blocking clauses pile up, so the first million fixed points would take
// minutes. The search here spends microseconds per fixed point instead:
//
// - Decision variables. In a fixed point, a variable outside a feedback vertex set of the
//   regulatory graph (inputs count as self-loops) is a function of the variables upstream
//   of it, so the values on D = inputs + feedback set determine the whole state. D is a
//   greedy feedback set (drop variables with no incoming or no outgoing edge, then take
//   the one with most in x out edges; a minimum one is NP-hard and unnecessary).
// - Depth-first search over D, inputs first, with forward propagation after every
//   decision: a rule whose three-valued (Kleene) value is already determined by the
//   assigned variables forces its variable, and a forced value that disagrees with an
//   assignment is a conflict. Once D is assigned, propagation has computed every other
//   variable, so each leaf without conflict is a distinct fixed point and the leaves
//   are exactly the fixed points. Undo is a trail, as in DPLL (Davis, Logemann and
//   Loveland 1962), so a decision costs only the rules downstream of what changed.
// - A SAT oracle against dead ends. Forward propagation alone can wander through large
//   subtrees without fixed points (an oscillating feedback loop below the inputs). When
//   the search has made many decisions since its last fixed point, it asks CaDiCaL
//   whether the current decisions extend to any fixed point; UNSAT prunes the subtree,
//   SAT returns a witness that guides the next decisions straight to a fixed point. The
//   solver only ever sees the fixed-point formula plus assumptions, never a growing pile
//   of blocking clauses, and productive searches hardly call it at all.
//
// max_solutions bounds both time and memory: the search stops at the first fixed point
// beyond the limit and reports complete = false. Control is polled at every decision and
// inside the solver. Results are sorted with a word-level key equal to State's order.
#include "attractor/fixed_points.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cassert>
#include <cstdint>
#include <memory>
#include <string>

#include "sat/cnf.hpp"
#include "sat/solver.hpp"

namespace bitsig {

namespace {

// Three-valued (Kleene) truth values for partial assignments.
constexpr std::uint8_t kFalse = 0;
constexpr std::uint8_t kTrue = 1;
constexpr std::uint8_t kUnknown = 2;

/// Inputs first (model order), then a greedy feedback vertex set of the other variables:
/// in a fixed point these values determine all the others.
std::vector<std::uint32_t> decision_variables(const Network& net) {
    const auto n = static_cast<std::uint32_t>(net.num_vars());
    std::vector<std::uint32_t> inputs, feedback;
    std::vector<std::vector<std::uint32_t>> in(n), out(n);
    std::vector<char> alive(n, 0);
    for (std::uint32_t v = 0; v < n; ++v) {
        if (net.is_input(VarId{v})) inputs.push_back(v);
        else alive[v] = 1;
    }
    for (std::uint32_t v = 0; v < n; ++v) {
        if (!alive[v]) continue;
        for (VarId u : net.regulators(VarId{v}))
            if (alive[u.index]) {
                in[v].push_back(u.index);
                out[u.index].push_back(v);
            }
    }
    std::vector<std::size_t> indeg(n), outdeg(n);
    std::vector<std::uint32_t> queue;
    for (std::uint32_t v = 0; v < n; ++v) {
        indeg[v] = in[v].size();
        outdeg[v] = out[v].size();
        if (alive[v] && (indeg[v] == 0 || outdeg[v] == 0)) queue.push_back(v);
    }
    auto remove = [&](std::uint32_t v) {
        alive[v] = 0;
        for (auto w : out[v])
            if (alive[w] && --indeg[w] == 0) queue.push_back(w);
        for (auto w : in[v])
            if (alive[w] && --outdeg[w] == 0) queue.push_back(w);
    };
    while (true) {
        while (!queue.empty()) {  // no incoming or no outgoing edge: on no cycle
            std::uint32_t v = queue.back();
            queue.pop_back();
            if (alive[v]) remove(v);
        }
        std::uint32_t best = n;
        std::size_t best_score = 0;
        for (std::uint32_t v = 0; v < n; ++v) {
            if (!alive[v]) continue;
            bool self_loop = std::find(in[v].begin(), in[v].end(), v) != in[v].end();
            std::size_t score = self_loop ? SIZE_MAX : indeg[v] * outdeg[v];
            if (best == n || score > best_score) {
                best = v;
                best_score = score;
            }
        }
        if (best == n) break;
        feedback.push_back(best);
        remove(best);
    }
    inputs.insert(inputs.end(), feedback.begin(), feedback.end());
    return inputs;
}

/// State order (variable 0 most significant) on packed words of equal length.
bool state_words_less(const Word* a, const Word* b, std::size_t words) {
    for (std::size_t w = 0; w < words; ++w)
        if (a[w] != b[w]) return (a[w] >> lowest_bit(a[w] ^ b[w]) & 1) == 0;
    return false;
}

class FixedPointSearch {
public:
    FixedPointSearch(const Network& net, const FixedPointOptions& options, const Control& control)
        : net_(net), options_(options), control_(control), n_(net.num_vars()), words_((n_ + 63) / 64) {
        compile_rules();
        decision_ = decision_variables(net);
        val_.assign(n_, kUnknown);
        guide_.assign(n_, kFalse);
    }

    Result run();

private:
    // A rule node in the flat pool; children are indices local to the rule.
    struct Gate {
        Op op;
        std::uint32_t arg;  // the variable, or the constant's value
        std::uint32_t first;
        std::uint32_t count;
    };
    struct Frame {
        std::uint32_t var;
        std::uint8_t value;
        bool flipped;       // both values tried
        std::size_t mark;   // trail size before the decision
        std::size_t pos;    // index in decision_ of var
    };

    void compile_rules();
    std::uint8_t evaluate(std::uint32_t v);
    void assign(std::uint32_t v, std::uint8_t value) {
        val_[v] = value;
        trail_.push_back(v);
    }
    void undo(std::size_t mark) {
        while (trail_.size() > mark) {
            val_[trail_.back()] = kUnknown;
            trail_.pop_back();
        }
        head_ = mark;
    }
    bool propagate();
    bool backtrack(std::size_t& pos);
    bool extends_to_fixed_point();
    bool emit();

    const Network& net_;
    const FixedPointOptions& options_;
    const Control& control_;
    std::size_t n_;
    std::size_t words_;

    std::vector<Gate> gates_;
    std::vector<std::uint32_t> kids_;
    std::vector<std::size_t> rule_begin_;   // gates of v: [rule_begin_[v], rule_begin_[v+1])
    std::vector<std::size_t> watch_begin_;  // rules to re-evaluate when v is assigned
    std::vector<std::uint32_t> watch_;
    std::vector<std::uint8_t> scratch_;

    std::vector<std::uint32_t> decision_;
    std::vector<std::uint8_t> val_;
    std::vector<std::uint8_t> guide_;  // preferred decision values (last SAT witness)
    std::vector<std::uint32_t> trail_;
    std::size_t head_ = 0;             // trail_[head_..] not yet propagated
    std::vector<Frame> frames_;

    std::unique_ptr<sat::Solver> solver_;  // built on first use
    std::vector<int> lits_;

    std::vector<Word> found_;  // packed states, words_ each
    std::size_t count_ = 0;
    bool complete_ = true;
    std::size_t dbg_nodes_ = 0, dbg_sat_ = 0, dbg_unsat_ = 0;
};

void FixedPointSearch::compile_rules() {
    rule_begin_.assign(n_ + 1, 0);
    std::vector<std::vector<std::uint32_t>> watchers(n_);
    std::size_t largest = 1;
    for (std::uint32_t v = 0; v < n_; ++v) {
        rule_begin_[v] = gates_.size();
        if (net_.is_input(VarId{v})) continue;
        const Expr& e = net_.rule(VarId{v});
        // Live nodes only, in index order (children first); the root ends up last.
        std::vector<std::uint32_t> local(e.root() + 1, UINT32_MAX);
        local[e.root()] = 0;
        for (std::uint32_t i = e.root() + 1; i-- > 0;)
            if (local[i] != UINT32_MAX)
                for (auto c : e.children(i)) local[c] = 0;
        std::uint32_t next = 0;
        for (std::uint32_t i = 0; i <= e.root(); ++i) {
            if (local[i] == UINT32_MAX) continue;
            local[i] = next++;
            const ExprNode& node = e.node(i);
            Gate g{node.op, 0, static_cast<std::uint32_t>(kids_.size()), node.count};
            if (node.op == Op::constant) g.arg = node.value ? 1 : 0;
            if (node.op == Op::variable) g.arg = node.var.index;
            for (auto c : e.children(i)) kids_.push_back(local[c]);
            gates_.push_back(g);
        }
        largest = std::max<std::size_t>(largest, next);
        const std::vector<VarId> support = e.support();
        for (VarId u : support) watchers[u.index].push_back(v);
        if (!std::binary_search(support.begin(), support.end(), VarId{v})) watchers[v].push_back(v);
    }
    rule_begin_[n_] = gates_.size();
    scratch_.assign(largest, kUnknown);
    watch_begin_.assign(n_ + 1, 0);
    for (std::size_t v = 0; v < n_; ++v) {
        watch_begin_[v] = watch_.size();
        watch_.insert(watch_.end(), watchers[v].begin(), watchers[v].end());
    }
    watch_begin_[n_] = watch_.size();
}

std::uint8_t FixedPointSearch::evaluate(std::uint32_t v) {
    const std::size_t begin = rule_begin_[v], end = rule_begin_[v + 1];
    std::uint8_t* value = scratch_.data();
    for (std::size_t g = begin; g < end; ++g) {
        const Gate& gate = gates_[g];
        const std::uint32_t* kid = kids_.data() + gate.first;
        std::uint8_t r = kUnknown;
        switch (gate.op) {
        case Op::constant: r = static_cast<std::uint8_t>(gate.arg); break;
        case Op::variable: r = val_[gate.arg]; break;
        case Op::negation: r = value[kid[0]] == kUnknown ? kUnknown : static_cast<std::uint8_t>(1 - value[kid[0]]); break;
        case Op::conjunction:
        case Op::disjunction: {
            // A dominating child (false for and, true for or) decides; else any unknown.
            const std::uint8_t dominant = gate.op == Op::conjunction ? kFalse : kTrue;
            r = static_cast<std::uint8_t>(1 - dominant);
            for (std::uint32_t k = 0; k < gate.count; ++k) {
                std::uint8_t c = value[kid[k]];
                if (c == dominant) {
                    r = dominant;
                    break;
                }
                if (c == kUnknown) r = kUnknown;
            }
            break;
        }
        case Op::exclusive_or:
            r = kFalse;
            for (std::uint32_t k = 0; k < gate.count; ++k) {
                std::uint8_t c = value[kid[k]];
                if (c == kUnknown) {
                    r = kUnknown;
                    break;
                }
                r ^= c;
            }
            break;
        }
        value[g - begin] = r;
    }
    return value[end - begin - 1];
}

bool FixedPointSearch::propagate() {
    while (head_ < trail_.size()) {
        const std::uint32_t u = trail_[head_++];
        for (std::size_t w = watch_begin_[u]; w < watch_begin_[u + 1]; ++w) {
            const std::uint32_t v = watch_[w];
            const std::uint8_t r = evaluate(v);
            if (r == kUnknown) continue;
            if (val_[v] == kUnknown) assign(v, r);
            else if (val_[v] != r) return false;
        }
    }
    return true;
}

// Undoes to the deepest decision with an untried value and tries it; false when none is left.
bool FixedPointSearch::backtrack(std::size_t& pos) {
    while (!frames_.empty()) {
        Frame& f = frames_.back();
        undo(f.mark);
        if (f.flipped) {
            frames_.pop_back();
            continue;
        }
        f.flipped = true;
        f.value ^= 1;
        assign(f.var, f.value);
        if (propagate()) {
            pos = f.pos;
            return true;
        }
    }
    return false;
}

// Whether the current decisions extend to a fixed point; on success the witness becomes
// the guide for the next decisions.
bool FixedPointSearch::extends_to_fixed_point() {
    if (!solver_) {
        solver_ = std::make_unique<sat::Solver>();
        const Control& control = control_;
        solver_->set_terminator([&control] { return control.cancelled(); });
        lits_.resize(n_);
        for (auto& l : lits_) l = solver_->new_var();
        for (std::uint32_t v = 0; v < n_; ++v)
            if (!net_.is_input(VarId{v}))
                sat::add_equivalence(*solver_, lits_[v], sat::encode_folded(*solver_, net_.rule(VarId{v}), lits_));
    }
    std::vector<int> assumptions;
    assumptions.reserve(frames_.size());
    for (const Frame& f : frames_) assumptions.push_back(f.value ? lits_[f.var] : -lits_[f.var]);
    ++dbg_sat_;
    if (!solver_->solve(assumptions)) { ++dbg_unsat_; return false; }
    for (std::size_t v = 0; v < n_; ++v) guide_[v] = solver_->value(lits_[v]) ? kTrue : kFalse;
    return true;
}

// Records the current (complete) assignment; false when the limit says stop.
bool FixedPointSearch::emit() {
    if (count_ >= options_.max_solutions) {
        complete_ = false;
        return false;
    }
    const std::size_t base = found_.size();
    found_.resize(base + words_, 0);
    for (std::size_t v = 0; v < n_; ++v) {
        assert(val_[v] != kUnknown);
        if (val_[v] == kTrue) found_[base + v / 64] |= Word{1} << (v % 64);
    }
    ++count_;
    if (count_ % 16384 == 0)
        control_.report(static_cast<double>(count_) / static_cast<double>(options_.max_solutions),
                        std::to_string(count_) + " fixed points");
    return true;
}

Result FixedPointSearch::run() {
    // Decisions made since the last fixed point before the SAT oracle is consulted: about
    // the cost of one solver call in propagation steps.
    constexpr std::size_t kPatience = 128;

    bool alive = true;
    for (std::uint32_t v = 0; v < n_ && alive; ++v) {
        if (net_.is_input(VarId{v})) continue;
        std::uint8_t r = evaluate(v);  // constants and rules over constants
        if (r != kUnknown && val_[v] == kUnknown) assign(v, r);
    }
    alive = propagate();

    std::size_t pos = 0;
    std::size_t since_solution = 0;
    while (alive) {
        control_.check();
        while (pos < decision_.size() && val_[decision_[pos]] != kUnknown) ++pos;
        if (pos == decision_.size()) {
            if (!emit()) break;
            since_solution = 0;
            alive = backtrack(pos);
            continue;
        }
        if (since_solution > kPatience) {
            if (!extends_to_fixed_point()) {
                alive = backtrack(pos);
                continue;
            }
            since_solution = 0;
        }
        ++since_solution; ++dbg_nodes_;
        const std::uint32_t d = decision_[pos];
        frames_.push_back(Frame{d, guide_[d], false, trail_.size(), pos});
        assign(d, guide_[d]);
        if (!propagate()) alive = backtrack(pos);
    }

    Result result;
    result.method = "sat";
    result.update = UpdateScheme::synchronous;
    result.complete = complete_;
    if (!complete_)
        result.notes.push_back("stopped after " + std::to_string(options_.max_solutions) +
                               " fixed points (max_solutions); there are more");
    // Canonical order, as canonicalize(std::vector<Attractor>&) would sort them.
    std::vector<std::size_t> order(count_);
    for (std::size_t i = 0; i < count_; ++i) order[i] = i;
    const Word* data = found_.data();
    const std::size_t words = words_;
    std::sort(order.begin(), order.end(), [data, words](std::size_t a, std::size_t b) {
        return state_words_less(data + a * words, data + b * words, words);
    });
    result.attractors.reserve(count_);
    for (std::size_t i : order) {
        State s(n_);
        for (std::size_t w = 0; w < words_; ++w)
            for (Word bits = data[i * words_ + w]; bits != 0; bits &= bits - 1) s.set(w * 64 + lowest_bit(bits), true);
        Attractor a;
        a.states.push_back(std::move(s));
        canonicalize(a, UpdateScheme::synchronous);
        result.attractors.push_back(std::move(a));
    }
    control_.report(1.0, std::to_string(count_) + " fixed points");
    if (getenv("FPDEBUG")) fprintf(stderr, "nodes %zu satcalls %zu unsat %zu decisions %zu\n", dbg_nodes_, dbg_sat_, dbg_unsat_, decision_.size());
    return result;
}

}  // namespace

Result find_fixed_points(const Network& net, const FixedPointOptions& options, const Control& control) {
    return FixedPointSearch(net, options, control).run();
}

}  // namespace bitsig
