// SPDX-License-Identifier: MIT
// Every fixed point (x = f(x)) by a propagating depth-first search with a SAT oracle.
//
// The textbook method is SAT plus blocking clauses: Tseitin-encode x_v <-> f_v(x) for every
// variable (Tseitin 1968), take a model, add a clause excluding it, repeat. It is exact but
// pays a full solver call per fixed point, and on signaling models with free inputs the
// count explodes (each input combination can carry its own fixed point). Measured on the
// BBM collection's ERBB model (247 variables, 22 free inputs), CaDiCaL needed 100-300 us
// per call as blocking clauses piled up, so the first million fixed points took minutes.
// The search here spends about a microsecond per decision instead:
//
// - Decision variables. In a fixed point, a variable outside a feedback vertex set of the
//   regulatory graph (inputs count as self-loops) is a function of the variables upstream
//   of it, so the values on D = inputs + feedback set determine the whole state. D is a
//   greedy feedback set (drop variables with no incoming or no outgoing edge, then take
//   the one with most in x out edges; a minimum one is NP-hard and unnecessary). It is
//   decided upstream first, a strongly connected component's variables together, and
//   each input just before the first component that reads it, so that a dead end shows
//   while few decisions are involved.
// - Depth-first search over D with forward propagation: a rule whose value is already
//   determined by the assigned variables forces its variable, and a forced value that
//   disagrees with an assignment is a conflict. Once D is assigned, propagation has
//   computed every other variable, so the leaves without conflict are exactly the fixed
//   points, each met once. Each rule is held as its decision diagram (cnf.hpp; Bryant
//   1986), and a regulator's assignment re-evaluates it by a walk that follows assigned
//   variables and branches on unknown ones: a path's length once all are known, and
//   cheap even for the truth-table DNFs some models carry. Rules over at most six
//   variables are also a 64-bit truth table, evaluated by masking. Rules whose diagram
//   would be too large become a circuit of conjunctions and parities whose gates count
//   unknown and false inputs (three-valued, Kleene, evaluation), so an assignment costs
//   only the gates whose value changes. Undo replays the trail backwards, as in DPLL
//   (Davis, Logemann and Loveland 1962).
// - A SAT oracle against dead ends. Forward propagation alone can wander through large
//   subtrees without fixed points (an oscillating loop below the inputs). After a run of
//   decisions without a fixed point the search asks CaDiCaL whether the current decisions
//   extend to any fixed point. SAT gives a witness that guides the next decisions straight
//   to a fixed point; UNSAT gives a core of failed assumptions, which becomes a nogood
//   clause over decision variables (watched literals, Moskewicz et al. 2001) and a
//   backjump to the deepest decision in it (Prosser 1993). The solver only ever sees the
//   fixed-point formula plus assumptions, never a growing pile of blocking clauses.
//
// max_solutions bounds both time and memory: the search stops at the first fixed point
// beyond the limit and reports complete = false. Control is polled at every decision and
// inside the solver. Results are sorted with a word-level key equal to State's order.
#include "attractor/fixed_points.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/feedback.hpp"
#include "core/bits.hpp"
#include "sat/cnf.hpp"
#include "sat/solver.hpp"
#include "symbolic/background_count.hpp"
#include "symbolic/fixed_points.hpp"

namespace bitsig {

namespace {

// Three-valued (Kleene) truth values for partial assignments.
constexpr std::uint8_t kFalse = 0;
constexpr std::uint8_t kTrue = 1;
constexpr std::uint8_t kUnknown = 2;

/// State order (variable 0 most significant) on packed words of equal length.
bool state_words_less(const Word* a, const Word* b, std::size_t words) {
    for (std::size_t w = 0; w < words; ++w)
        if (a[w] != b[w]) return (a[w] >> lowest_bit(a[w] ^ b[w]) & 1) == 0;
    return false;
}

class FixedPointSearch {
public:
    /// `decision`: decision_variables(net), which the caller needs too.
    FixedPointSearch(const Network& net, std::vector<std::uint32_t> decision, const FixedPointOptions& options,
                     const Control& control)
        : net_(net), options_(options), control_(control), n_(net.num_vars()), words_((n_ + 63) / 64),
          decision_(std::move(decision)) {
        compile_rules();
        val_.assign(n_, kUnknown);
        guide_.assign(n_, kFalse);
        forbidden_.assign(n_, kUnknown);
        watches_.resize(2 * n_);
    }

    Result run();

private:
    // A gate of the propagation circuit with its counters over the current assignment.
    struct Gate {
        bool parity;            // exclusive-or, else conjunction
        std::uint32_t unknown;  // inputs not yet known
        std::uint32_t count;    // conjunction: inputs known false; parity: xor of known inputs
    };
    struct Frame {
        std::uint32_t var;
        std::uint8_t value;
        bool flipped;      // both values tried
        std::size_t mark;  // trail size before the decision
        std::size_t pos;   // index in decision_ of var
    };
    static constexpr std::uint32_t kNoVar = UINT32_MAX;

    void compile_rules();
    static std::uint8_t value_of(const Gate& g) {
        if (g.parity) return g.unknown ? kUnknown : static_cast<std::uint8_t>(g.count & 1);
        return g.count ? kFalse : g.unknown ? kUnknown : kTrue;
    }
    void assign(std::uint32_t v, std::uint8_t value) {
        val_[v] = value;
        trail_.push_back(v);
        if (forbidden_[v] == value) conflict_ = true;
    }
    // Nogood literals: var << 1 | value, true when the variable has that value.
    bool is_true(std::uint32_t lit) const { return val_[lit >> 1] == (lit & 1); }
    bool is_false(std::uint32_t lit) const { return val_[lit >> 1] == ((lit & 1) ^ 1); }
    void learn(std::vector<std::uint32_t> clause);
    void falsified(std::uint32_t lit);
    void spread(std::uint32_t v, bool forward);
    void add_diagram(std::uint32_t v, const sat::DecisionDiagram& d, std::vector<std::vector<std::uint32_t>>& watch);
    std::uint8_t evaluate_diagram(std::uint32_t v, std::size_t budget);
    void undo(std::size_t mark);
    bool propagate();
    bool backtrack(std::size_t& pos);
    bool extends_to_fixed_point();
    bool emit();

    const Network& net_;
    const FixedPointOptions& options_;
    const Control& control_;
    std::size_t n_;
    std::size_t words_;

    // Rules whose diagram would exceed the budget, as one circuit (cnf.hpp's normal form).
    // An edge is (gate << 1 | negated); var_out_/gate_out_ list, per variable and per
    // gate, the gate inputs it feeds (CSR layout).
    std::vector<Gate> gates_;
    std::vector<std::size_t> var_out_begin_, gate_out_begin_;
    std::vector<std::uint32_t> var_out_, gate_out_;
    std::vector<std::uint32_t> gate_root_;  // the variable whose rule the gate computes, or kNoVar
    std::vector<std::uint8_t> gate_root_negated_;
    // Rules whose decision diagram fits the budget (nearly all) are kept as diagrams and
    // re-evaluated by a walk when a regulator is assigned; it costs about one path, where
    // the circuit of a truth-table DNF would update thousands of gates.
    std::vector<sat::DecisionDiagram::Node> diagram_;  // all diagrams; 0 and 1 are the constants
    std::vector<std::uint32_t> diagram_root_;          // per variable, or kNoVar
    std::vector<std::uint32_t> diagram_levels_;        // per variable: variables its diagram tests
    std::vector<std::uint32_t> diagram_unknown_;       // per variable: of those, still unassigned
    std::vector<std::size_t> diagram_watch_begin_;
    std::vector<std::uint32_t> diagram_watch_;  // per variable: diagram rules testing it
    // Each rule's own diagram (nullopt: over budget), kept for the solver's encoding, which
    // would otherwise build it again (248's largest rule takes half a second to give up).
    std::vector<std::optional<sat::DecisionDiagram>> rule_diagram_;
    // Rules over at most six variables also as a 64-row truth table: under a partial
    // assignment the rows still possible are an AND of one mask per known regulator, so an
    // evaluation is a few word operations instead of a walk. Most signaling rules are this
    // small, and re-evaluating them was most of the search's time (BBM 269: 54 million
    // evaluations for 100,000 fixed points).
    static constexpr std::size_t kTableVars = 6;
    std::vector<std::uint64_t> table_;  // per variable with table_size_[v] != 0
    std::vector<std::array<std::uint32_t, kTableVars>> table_support_;
    std::vector<std::uint8_t> table_size_;  // regulators in the table, 0: no table
    std::uint8_t evaluate_table(std::uint32_t v) const;
    std::vector<std::uint64_t> diagram_seen_;  // visit marks, by epoch
    std::uint64_t diagram_epoch_ = 0;
    std::vector<std::uint32_t> diagram_stack_;
    std::vector<std::pair<std::uint32_t, std::uint8_t>> constants_;  // rules folded to a constant
    std::vector<std::pair<std::uint32_t, std::uint8_t>> work_;       // (gate, input value) to apply

    std::vector<std::uint32_t> decision_;
    std::vector<std::uint8_t> val_;
    std::vector<std::uint8_t> guide_;  // preferred decision values (last SAT witness)
    std::vector<std::uint32_t> trail_;
    std::size_t head_ = 0;  // trail_[head_..] not yet spread through the circuit
    bool conflict_ = false;
    std::vector<Frame> frames_;

    // Nogoods learned from the solver's cores: clauses over decision variables, watched
    // two literals each (Moskewicz et al. 2001); a one-literal nogood forbids a value.
    std::vector<std::vector<std::uint32_t>> nogoods_;
    std::vector<std::vector<std::uint32_t>> watches_;  // per literal: nogoods watching it
    std::vector<std::uint8_t> forbidden_;              // per variable: excluded value, or kUnknown

    std::unique_ptr<sat::Solver> solver_;  // built on first use
    std::vector<int> lits_;

    std::vector<Word> found_;  // packed states, words_ each
    std::size_t count_ = 0;
    bool complete_ = true;
};

void FixedPointSearch::compile_rules() {
    using Kind = sat::NormalRule::Kind;
    std::vector<std::vector<std::uint32_t>> var_out(n_), gate_out, diagram_watch(n_);
    rule_diagram_.assign(n_, std::nullopt);
    diagram_root_.assign(n_, kNoVar);
    diagram_levels_.assign(n_, 0);
    table_.assign(n_, 0);
    table_support_.assign(n_, {});
    table_size_.assign(n_, 0);
    diagram_unknown_.assign(n_, 0);
    auto edge = [](std::size_t gate, bool negated) {
        return static_cast<std::uint32_t>(gate << 1 | (negated ? 1 : 0));
    };
    for (std::uint32_t v = 0; v < n_; ++v) {
        if (net_.is_input(VarId{v})) continue;
        const Expr& expr = net_.rule(VarId{v});
        rule_diagram_[v] = sat::decision_diagram(expr);
        if (rule_diagram_[v]) {
            add_diagram(v, *rule_diagram_[v], diagram_watch);
            continue;
        }
        const sat::NormalRule rule = sat::normalize(expr, std::nullopt);
        const std::size_t offset = gates_.size();
        auto add_gate = [&](bool parity, const std::vector<sat::NormalRule::Ref>& inputs) {
            const std::size_t g = gates_.size();
            gates_.push_back(Gate{parity, static_cast<std::uint32_t>(inputs.size()), 0});
            gate_out.emplace_back();
            gate_root_.push_back(kNoVar);
            gate_root_negated_.push_back(0);
            for (const auto& r : inputs) {
                assert(r.kind != Kind::constant);
                if (r.kind == Kind::variable)
                    var_out[r.index].push_back(edge(g, r.negated));
                else
                    gate_out[offset + r.index].push_back(edge(g, r.negated));
            }
        };
        for (const auto& g : rule.gates) add_gate(g.parity, g.inputs);
        sat::NormalRule::Ref root = rule.root;
        if (root.kind == Kind::constant) {
            constants_.emplace_back(v, root.negated ? kFalse : kTrue);
            continue;
        }
        if (root.kind == Kind::variable) {  // v = u or v = !u: a one-input conjunction
            add_gate(false, {root});
            root = sat::NormalRule::Ref{Kind::gate, false, static_cast<std::uint32_t>(gates_.size() - 1 - offset)};
        }
        gate_root_[offset + root.index] = v;
        gate_root_negated_[offset + root.index] = root.negated ? 1 : 0;
    }
    auto flatten = [](const std::vector<std::vector<std::uint32_t>>& lists, std::vector<std::size_t>& begin,
                      std::vector<std::uint32_t>& flat) {
        begin.assign(lists.size() + 1, 0);
        for (std::size_t i = 0; i < lists.size(); ++i) {
            begin[i] = flat.size();
            flat.insert(flat.end(), lists[i].begin(), lists[i].end());
        }
        begin[lists.size()] = flat.size();
    };
    flatten(var_out, var_out_begin_, var_out_);
    flatten(gate_out, gate_out_begin_, gate_out_);
    flatten(diagram_watch, diagram_watch_begin_, diagram_watch_);
    diagram_seen_.assign(diagram_.size(), 0);
}

void FixedPointSearch::add_diagram(std::uint32_t v, const sat::DecisionDiagram& d,
                                   std::vector<std::vector<std::uint32_t>>& watch) {
    if (d.root == sat::DecisionDiagram::kFalse || d.root == sat::DecisionDiagram::kTrue) {
        constants_.emplace_back(v, d.root == sat::DecisionDiagram::kTrue ? kTrue : kFalse);
        return;
    }
    // Terminals are shared (pool ids 0 and 1); the rule's other nodes are appended.
    if (diagram_.empty()) {
        diagram_.push_back(d.nodes[sat::DecisionDiagram::kFalse]);
        diagram_.push_back(d.nodes[sat::DecisionDiagram::kTrue]);
    }
    const auto offset = static_cast<std::uint32_t>(diagram_.size()) - 2;
    auto global = [offset](std::uint32_t id) { return id < 2 ? id : id + offset; };
    std::vector<std::uint32_t> support;
    for (std::size_t id = 2; id < d.nodes.size(); ++id) {
        const auto& node = d.nodes[id];
        diagram_.push_back({node.var, global(node.lo), global(node.hi)});
        support.push_back(node.var);
    }
    diagram_root_[v] = global(d.root);
    std::sort(support.begin(), support.end());
    support.erase(std::unique(support.begin(), support.end()), support.end());
    diagram_levels_[v] = static_cast<std::uint32_t>(support.size());
    diagram_unknown_[v] = static_cast<std::uint32_t>(support.size());
    if (support.size() <= kTableVars) {
        // Row r sets support[j] to bit j of r; follow the diagram once per row.
        std::uint64_t table = 0;
        for (std::uint32_t row = 0; row < (1u << support.size()); ++row) {
            std::uint32_t id = diagram_root_[v];
            while (id >= 2) {
                const auto& node = diagram_[id];
                const auto j = static_cast<std::size_t>(std::lower_bound(support.begin(), support.end(), node.var) -
                                                        support.begin());
                id = (row >> j) & 1 ? node.hi : node.lo;
            }
            if (id == 1) table |= std::uint64_t{1} << row;
        }
        table_[v] = table;
        table_size_[v] = static_cast<std::uint8_t>(support.size());
        std::copy(support.begin(), support.end(), table_support_[v].begin());
    }
    for (auto u : support) watch[u].push_back(v);
}

// The value of v's truth table under the current partial assignment.
std::uint8_t FixedPointSearch::evaluate_table(std::uint32_t v) const {
    // kColumn[j]: the rows (of 64) in which variable j of the table is 1.
    static constexpr std::uint64_t kColumn[kTableVars] = {0xAAAAAAAAAAAAAAAAull, 0xCCCCCCCCCCCCCCCCull,
                                                          0xF0F0F0F0F0F0F0F0ull, 0xFF00FF00FF00FF00ull,
                                                          0xFFFF0000FFFF0000ull, 0xFFFFFFFF00000000ull};
    const std::size_t k = table_size_[v];
    std::uint64_t possible = k == kTableVars ? ~std::uint64_t{0} : (std::uint64_t{1} << (1u << k)) - 1;
    for (std::size_t j = 0; j < k; ++j) {
        const std::uint8_t x = val_[table_support_[v][j]];
        if (x == kTrue)
            possible &= kColumn[j];
        else if (x == kFalse)
            possible &= ~kColumn[j];
    }
    const std::uint64_t ones = table_[v] & possible;
    return ones == 0 ? kFalse : ones == possible ? kTrue : kUnknown;
}

// The value of v's decision diagram under the current partial assignment: a depth-first
// walk that follows assigned variables and explores both branches of unknown ones, and
// stops as soon as both constants are reachable, or after `budget` steps (unknown is
// always a safe answer). A full assignment costs one path, levels + 1 steps.
std::uint8_t FixedPointSearch::evaluate_diagram(std::uint32_t v, std::size_t budget) {
    ++diagram_epoch_;
    bool reach[2] = {false, false};
    diagram_stack_.clear();
    diagram_stack_.push_back(diagram_root_[v]);
    while (!diagram_stack_.empty()) {
        if (budget-- == 0) return kUnknown;
        const std::uint32_t id = diagram_stack_.back();
        diagram_stack_.pop_back();
        if (id < 2) {
            reach[id] = true;
            if (reach[0] && reach[1]) return kUnknown;
            continue;
        }
        if (diagram_seen_[id] == diagram_epoch_) continue;
        diagram_seen_[id] = diagram_epoch_;
        const auto& node = diagram_[id];
        const std::uint8_t x = val_[node.var];
        if (x != kTrue) diagram_stack_.push_back(node.lo);
        if (x != kFalse) diagram_stack_.push_back(node.hi);
    }
    return reach[1] ? kTrue : kFalse;
}

// Moves variable v's value through the circuit (forward) or takes it back out (undo).
// Gate values only go from unknown to known while assigning, so undoing in reverse order
// restores every counter exactly.
void FixedPointSearch::spread(std::uint32_t v, bool forward) {
    for (std::size_t e = var_out_begin_[v]; e < var_out_begin_[v + 1]; ++e)
        work_.emplace_back(var_out_[e] >> 1, static_cast<std::uint8_t>(val_[v] ^ (var_out_[e] & 1)));
    while (!work_.empty()) {
        const auto [g, input] = work_.back();
        work_.pop_back();
        Gate& gate = gates_[g];
        const std::uint8_t before = value_of(gate);
        if (forward) {
            --gate.unknown;
            if (gate.parity)
                gate.count ^= input;
            else if (input == kFalse)
                ++gate.count;
        } else {
            ++gate.unknown;
            if (gate.parity)
                gate.count ^= input;
            else if (input == kFalse)
                --gate.count;
        }
        const std::uint8_t after = value_of(gate);
        if (before == after) continue;
        const std::uint8_t changed = forward ? after : before;
        for (std::size_t e = gate_out_begin_[g]; e < gate_out_begin_[g + 1]; ++e)
            work_.emplace_back(gate_out_[e] >> 1, static_cast<std::uint8_t>(changed ^ (gate_out_[e] & 1)));
        const std::uint32_t w = gate_root_[g];
        if (!forward || w == kNoVar) continue;
        const auto forced = static_cast<std::uint8_t>(after ^ gate_root_negated_[g]);
        if (val_[w] == kUnknown)
            assign(w, forced);
        else if (val_[w] != forced)
            conflict_ = true;
    }
}

void FixedPointSearch::undo(std::size_t mark) {
    for (std::size_t i = trail_.size(); i-- > mark;) {
        const std::uint32_t v = trail_[i];
        if (i < head_) {
            spread(v, false);
            for (std::size_t k = diagram_watch_begin_[v]; k < diagram_watch_begin_[v + 1]; ++k)
                ++diagram_unknown_[diagram_watch_[k]];
        }
        val_[v] = kUnknown;
    }
    trail_.resize(mark);
    head_ = mark;
    conflict_ = false;
}

bool FixedPointSearch::propagate() {
    while (head_ < trail_.size() && !conflict_) {
        const std::uint32_t v = trail_[head_++];
        spread(v, true);
        for (std::size_t i = diagram_watch_begin_[v]; i < diagram_watch_begin_[v + 1]; ++i) {
            const std::uint32_t w = diagram_watch_[i];
            // An assigned variable's rule is checked once its last regulator is known. An
            // earlier look finds a conflict too rarely to pay: skipping it took the slowest
            // BBM models' listings from 1.1-1.4 s to 0.5-0.9 s. An unassigned variable may
            // be forced, so its rule is evaluated at every change.
            const bool partial = --diagram_unknown_[w] != 0 && val_[w] != kUnknown;
            if (conflict_ || partial) continue;
            const std::uint8_t r = table_size_[w] ? evaluate_table(w) : evaluate_diagram(w, diagram_levels_[w] + 32);
            if (r == kUnknown) continue;
            if (val_[w] == kUnknown)
                assign(w, r);
            else if (val_[w] != r)
                conflict_ = true;
        }
        if (!conflict_) falsified(v << 1 | (val_[v] ^ 1));
    }
    return !conflict_;
}

// Visits the nogoods watching `lit`, which just became false: each moves its watch to
// another literal that is not false, or forces its other watched literal, or conflicts.
void FixedPointSearch::falsified(std::uint32_t lit) {
    std::vector<std::uint32_t>& watching = watches_[lit];
    std::size_t kept = 0;
    for (std::size_t i = 0; i < watching.size(); ++i) {
        const std::uint32_t c = watching[i];
        std::vector<std::uint32_t>& clause = nogoods_[c];
        if (clause[0] == lit) std::swap(clause[0], clause[1]);
        if (!is_true(clause[0])) {
            auto other =
                std::find_if(clause.begin() + 2, clause.end(), [this](std::uint32_t l) { return !is_false(l); });
            if (other != clause.end()) {
                std::swap(clause[1], *other);
                watches_[clause[1]].push_back(c);
                continue;
            }
        }
        watching[kept++] = c;
        if (is_true(clause[0])) continue;
        if (is_false(clause[0])) {
            conflict_ = true;
            while (++i < watching.size()) watching[kept++] = watching[i];
            break;
        }
        assign(clause[0] >> 1, static_cast<std::uint8_t>(clause[0] & 1));
    }
    watching.resize(kept);
}

// Adds a nogood whose literals are all false now, deepest decision first; the caller
// backtracks over at least the first one, so the two watched literals become unassigned.
void FixedPointSearch::learn(std::vector<std::uint32_t> clause) {
    if (clause.size() == 1) {
        forbidden_[clause[0] >> 1] = static_cast<std::uint8_t>((clause[0] & 1) ^ 1);
        return;
    }
    const auto c = static_cast<std::uint32_t>(nogoods_.size());
    watches_[clause[0]].push_back(c);
    watches_[clause[1]].push_back(c);
    nogoods_.push_back(std::move(clause));
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

// Whether the current decisions extend to a fixed point. On success the witness becomes the
// guide for the next decisions; on failure the decisions below the deepest one in the
// solver's core of failed assumptions are dropped, since they played no part in the
// refutation (conflict-directed backjumping, Prosser 1993).
bool FixedPointSearch::extends_to_fixed_point() {
    if (!solver_) {
        solver_ = std::make_unique<sat::Solver>();
        solver_->set_default_phase(false);
        const Control& control = control_;
        solver_->set_terminator([&control] { return control.cancelled(); });
        lits_.resize(n_);
        for (auto& l : lits_) l = solver_->new_var();
        for (std::uint32_t v = 0; v < n_; ++v)
            if (!net_.is_input(VarId{v}))
                sat::add_equivalence(
                    *solver_, lits_[v],
                    sat::encode_normal(*solver_, sat::normalize(net_.rule(VarId{v}), rule_diagram_[v]), lits_));
    }
    std::vector<int> assumptions;
    assumptions.reserve(frames_.size());
    for (const Frame& f : frames_) assumptions.push_back(f.value ? lits_[f.var] : -lits_[f.var]);
    if (solver_->solve(assumptions)) {
        for (std::size_t v = 0; v < n_; ++v) guide_[v] = solver_->value(lits_[v]) ? kTrue : kFalse;
        return true;
    }
    std::vector<std::uint32_t> nogood;  // the core's decisions, negated, deepest first
    for (std::size_t i = frames_.size(); i-- > 0;)
        if (solver_->failed(assumptions[i])) nogood.push_back(frames_[i].var << 1 | (frames_[i].value ^ 1));
    std::size_t keep = 0;
    if (!nogood.empty()) {
        const std::uint32_t deepest = nogood.front() >> 1;
        while (frames_[keep].var != deepest) ++keep;
        ++keep;
        learn(std::move(nogood));
    }
    if (keep < frames_.size()) {
        undo(frames_[keep].mark);
        frames_.resize(keep);
    }
    return false;
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
        control_.report(-1, "fixed points: " + std::to_string(count_) + " found (listing at most " +
                                std::to_string(options_.max_solutions) + ")");
    return true;
}

Result FixedPointSearch::run() {
    // Decisions made since the last fixed point before the SAT oracle is consulted: about
    // the cost of one solver call in propagation steps.
    constexpr std::size_t kPatience = 16;

    for (auto [v, value] : constants_) assign(v, value);
    bool alive = propagate();

    std::size_t pos = 0;
    std::size_t since_solution = 0;
    bool timed_out = false;
    try {
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
            ++since_solution;
            const std::uint32_t d = decision_[pos];
            const auto value = static_cast<std::uint8_t>(forbidden_[d] == guide_[d] ? guide_[d] ^ 1 : guide_[d]);
            frames_.push_back(Frame{d, value, false, trail_.size(), pos});
            assign(d, value);
            if (!propagate()) alive = backtrack(pos);
        }
    } catch (const Interrupted&) {
        // --timeout: the fixed points found so far are real ones; say the list is partial.
        if (!control_.timed_out()) throw;
        timed_out = true;
    }

    Result result;
    result.method = Algorithm::sat_fixed_points;
    result.update = UpdateScheme::synchronous;
    result.complete = complete_ && !timed_out;
    result.timed_out = timed_out;
    if (timed_out)
        result.notes.push_back("stopped at the time limit after " + std::to_string(count_) +
                               " fixed points; there may be more");
    else if (!complete_)
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
    return result;
}

}  // namespace

Result find_fixed_points(const Network& net, const FixedPointOptions& options, const Control& control) {
    if (options.symbolic_max_nodes != 0) {
        SymbolicOptions symbolic;
        symbolic.max_nodes = options.symbolic_max_nodes;
        if (std::optional<SymbolicFixedPoints> set = symbolic_fixed_points(net, symbolic, control)) {
            Result result;
            result.method = Algorithm::bdd_fixed_points;
            result.update = UpdateScheme::synchronous;
            result.fixed_point_count = set->count();
            const std::uint64_t listed =
                std::min<std::uint64_t>(options.max_solutions, set->count().to_u64().value_or(UINT64_MAX));
            result.complete = Count(listed) == set->count();
            std::vector<State> states = set->first(static_cast<std::size_t>(listed), control);
            result.attractors.reserve(states.size());
            for (State& s : states) {
                Attractor a;
                a.states.push_back(std::move(s));
                canonicalize(a, UpdateScheme::synchronous);
                result.attractors.push_back(std::move(a));
            }
            if (!result.complete)
                result.notes.push_back("listing the first " + with_thousands(Count(listed)) + " of " +
                                       with_thousands(set->count()) + " fixed points (max_solutions)");
            control.report(1.0, with_thousands(set->count()) + " fixed points");
            return result;
        }
    }
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::uint32_t> decision = decision_variables(net);
    std::optional<BackgroundCount> background;
    // Each fixed point is fixed by its decision variables' values, so with d of them there
    // are at most 2^d: no child when that cannot pass the listing limit (most queries).
    const bool may_exceed = decision.size() >= 64 || (std::uint64_t{1} << decision.size()) > options.max_solutions;
    if (options.background_count_seconds > 0 && may_exceed) {
        SymbolicOptions symbolic;
        symbolic.max_nodes = FixedPointOptions::kSymbolicNodes;
        symbolic.max_seconds = options.background_count_seconds;
        background.emplace(net, symbolic);
    }
    Result result = FixedPointSearch(net, std::move(decision), options, control).run();
    if (result.complete) {
        result.fixed_point_count = Count(static_cast<std::uint64_t>(result.attractors.size()));
    } else if (background) {
        const auto deadline = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                          std::chrono::duration<double>(options.background_count_seconds));
        if (std::optional<Count> total = background->wait_until(deadline, control)) {
            result.fixed_point_count = *total;
            // Replaces the search's "there are more": now it is known how many.
            result.notes.assign({"listing " +
                                 with_thousands(Count(static_cast<std::uint64_t>(result.attractors.size()))) + " of " +
                                 with_thousands(*total) +
                                 " fixed points (max_solutions); the total was counted with a decision diagram"});
        } else {
            char seconds[32];
            std::snprintf(seconds, sizeof seconds, "%g s", options.background_count_seconds);
            result.notes.push_back(std::string("no exact count: the decision diagram did not finish within ") +
                                   seconds);
        }
    }
    return result;
}

}  // namespace bitsig
