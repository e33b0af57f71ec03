// SPDX-License-Identifier: MIT
// Asynchronous attractors by a succession diagram of trap spaces (the idea of biobalm:
// Rozum et al. 2021, Trinh et al. 2023; the code is our own).
//
// A trap space is a subspace no asynchronous move leaves; every attractor lies in a minimal
// one or is "motif-avoidant". The diagram's root is the whole (percolated) space; the
// children of a node S are the maximal trap spaces strictly inside S, each percolated
// (analysis/reduce.hpp: a variable whose rule is constant on the space takes that value
// before any attractor is reached, so percolation keeps every attractor). An attractor A
// inside S either lies inside some child (A meets a proper trap space T of S, so A lies in
// T, and T lies in a maximal one) or lies outside all of them. So for each node, the
// attractors outside its children are found exactly, and the children are walked in turn:
// - a node with few free variables is searched state by state (exhaustive.hpp) on its
//   reduced network, which gives every attractor inside it at once; it is not expanded;
// - otherwise its children come from the SAT enumeration of maximal trap spaces
//   (trapspace/) on its reduced network, and the attractors outside them, the
//   motif-avoidant ones, are decided first from attractor candidates (candidates.hpp:
//   states every such attractor must hold, from a negative feedback vertex set, as in
//   biobalm, Trinh et al. 2024): SAT lists them, random walks into a child drop most,
//   and only the survivors get a symbolic check (one forward reachability each), so most
//   nodes need no decision diagram at all. Past max_candidates, symbolic/attractors.hpp
//   removes every state that reaches a child (one backward reachability over decision
//   diagrams on the node's free variables only: each search is local) and separates the
//   attractors left; a node without children is a minimal trap space and the same
//   searches list all its attractors.
// Nodes are keyed by their percolated space, so a trap space reached along several paths
// is expanded once; a node inside a space already searched whole is skipped, and a space
// searched whole replaces the attractors found inside it before (two such spaces can
// overlap, and each lists the attractors of the overlap). complete = true only when every
// node was expanded within the budgets; past one, the attractors found are still exact.
//
// With candidates on (the default), the walk comes second: the minimal trap spaces and
// their attractors first, then one candidate search outside all of them over the whole
// space (an attractor in no minimal trap space holds a candidate there), which settles most
// networks, large random ones included, without a diagram; given half the time, it leaves
// the rest to the walk, which then expands only nodes holding a candidate outside their
// minimal trap spaces (may_hold_others).
#include "attractor/succession.hpp"

#include <chrono>
#include <deque>
#include <set>
#include <string>

#include "analysis/feedback.hpp"
#include "analysis/reduce.hpp"
#include "attractor/candidates.hpp"
#include "attractor/exhaustive.hpp"
#include "symbolic/attractors.hpp"
#include "trapspace/trap_spaces.hpp"

namespace bitsig {

namespace {

// `net` with every variable `space` fixes held at its value: on the states of a trap space
// the two networks move alike.
Network restrict_to(const Network& net, const Subspace& space) {
    std::vector<std::pair<VarId, Expr>> changes;
    for (std::uint32_t v = 0; v < net.num_vars(); ++v) {
        if (!space.is_fixed(v)) continue;
        const Expr& rule = net.rule(VarId{v});
        if (rule.is_constant() && rule.constant_value() == space.value(v)) continue;
        changes.emplace_back(VarId{v}, Expr::constant(space.value(v)));
    }
    return changes.empty() ? net : net.with_rules_replaced(std::move(changes));
}

// A subspace of a projection's reduced network as a subspace of the original one.
Subspace lift(const Projection& p, const Subspace& reduced) {
    Subspace full = p.values;
    for (std::size_t k = 0; k < p.kept.size(); ++k)
        if (reduced.is_fixed(k)) full.fix(p.kept[k].index, reduced.value(k));
    return full;
}

class Walk {
public:
    Walk(const Network& net, const SuccessionOptions& o, const Control& c) : net_(net), o_(o), control_(c) {}

    Result run() {
        Result r;
        r.update = UpdateScheme::asynchronous;
        r.method = Algorithm::succession_diagram;
        r.searched_variables = net_.num_vars();
        std::string stopped;
        try {
            if (o_.use_candidates) {
                // Every attractor lies in a minimal trap space or holds a candidate outside
                // them all, so the minimal trap spaces and one candidate search over the
                // whole space settle most networks without walking a diagram that may have
                // thousands of nodes; given half the time, it leaves the rest to the
                // diagram, whose searches are local.
                phase_seconds_ = o_.max_seconds / 2;
                std::string global = minimal_spaces_then_rest();
                phase_seconds_ = 0;
                if (global.empty()) {
                    global_ = true;
                } else if (!over_time()) {
                    // With every minimal trap space searched, the diagram needs only the
                    // branches where some attractor may lie outside them (see walk()).
                    if (!minimal_done_) reset();
                    stopped = walk();
                    if (!stopped.empty()) stopped += ", and the search over minimal trap spaces stopped at " + global;
                } else {
                    stopped = "its time budget, and the search over minimal trap spaces stopped at " + global;
                }
            } else {
                stopped = walk();
                if (!stopped.empty() && !over_time()) {
                    // The diagram is too large to walk (each independent switch triples it):
                    // the whole space at once instead, which may still fit in the budgets.
                    std::string also = minimal_spaces_then_rest();
                    if (also.empty()) {
                        stopped.clear();
                        global_ = true;
                        too_large_ = true;
                    } else {
                        stopped += ", and the search over minimal trap spaces stopped at " + also;
                    }
                }
            }
        } catch (const Interrupted&) {
            if (!control_.timed_out()) throw;
            stopped = "the time limit";
            r.timed_out = true;
        }
        r.complete = stopped.empty();
        r.attractors = std::move(found_);
        canonicalize(r.attractors, UpdateScheme::asynchronous);
        std::string summary = "succession diagram: " + std::to_string(expanded_) + " trap spaces (" +
                              std::to_string(whole_) + " searched whole), " + std::to_string(motif_avoidant_) +
                              " motif-avoidant attractors";
        if (global_)
            summary = "minimal trap spaces: " + std::to_string(minimal_) + " (" + std::to_string(whole_) +
                      " searched whole), " + std::to_string(motif_avoidant_) +
                      " motif-avoidant attractors outside them" +
                      (too_large_ ? " (the succession diagram was too large)" : "");
        r.notes.push_back(summary);
        if (o_.use_candidates)
            r.notes.push_back("attractor candidates: " + std::to_string(without_diagrams_) +
                              " trap spaces decided without decision diagrams, " + std::to_string(with_candidates_) +
                              " by a symbolic check of the candidates left, " + std::to_string(whole_space_) +
                              " by a search of the whole space" +
                              (minimal_done_ && !global_ ? ", " + std::to_string(pruned_) +
                                                               " left unexpanded (no candidate outside their minimal "
                                                               "trap spaces)"
                                                         : std::string()));
        if (!stopped.empty())
            r.notes.push_back("the succession diagram stopped at " + stopped +
                              ": the attractors listed are exact, "
                              "but others may exist");
        return r;
    }

private:
    // Whether the node's space may hold an attractor outside the minimal trap spaces, all of
    // whose attractors are already found: only when a candidate outside them survives (as
    // biobalm expands only such nodes, Trinh et al. 2024). A node that may not is left
    // unexpanded: an attractor of a deeper space lies in this one too.
    bool may_hold_others(const Projection& p) {
        std::vector<Subspace> inside;
        for (const auto& m : minimal_full_) {
            if (!p.values.contains(m)) continue;
            Subspace reduced(p.kept.size());
            for (std::size_t k = 0; k < p.kept.size(); ++k)
                if (m.is_fixed(p.kept[k].index)) reduced.fix(k, m.value(p.kept[k].index));
            inside.push_back(std::move(reduced));
        }
        const std::vector<std::uint32_t> nfvs = negative_feedback_vertex_set(p.reduced);
        auto listed = attractor_candidates(p.reduced, nfvs, retained_values(p.reduced, nfvs, inside), inside,
                                           o_.max_candidates, control_);
        if (!listed) return true;
        return !thin_candidates(p.reduced, std::move(*listed), inside, o_.walk_rounds, 1, control_).empty();
    }

    // Returns why it stopped early, or "" when every node was expanded (or left unexpanded
    // by may_hold_others).
    std::string walk() {
        std::deque<Subspace> queue{Subspace(net_.num_vars())};
        std::set<Subspace> seen;
        while (!queue.empty()) {
            control_.check();
            Subspace node = std::move(queue.front());
            queue.pop_front();
            Projection p = percolate(restrict_to(net_, node));
            if (!seen.insert(p.values).second) continue;
            if (inside_searched(p.values)) continue;
            if (expanded_ >= o_.max_nodes) return "its budget of " + std::to_string(o_.max_nodes) + " trap spaces";
            if (over_time()) return "its time budget of " + std::to_string(static_cast<long>(o_.max_seconds)) + " s";
            ++expanded_;
            control_.report(-1, "succession diagram: " + std::to_string(expanded_) + " trap spaces");
            if (p.kept.size() <= o_.exhaustive_limit) {
                search_whole(p);
                continue;
            }
            if (minimal_done_ && !may_hold_others(p)) {
                ++pruned_;
                continue;
            }
            trapspace::Options to;
            to.kind = trapspace::Kind::maximal;
            to.limit = o_.max_children;
            trapspace::Result children = trapspace::find_trap_spaces(p.reduced, to, control_);
            if (!children.complete)
                return "a trap space with more than " + std::to_string(o_.max_children) + " maximal trap spaces";
            SymbolicAttractors left = attractors_outside(p.reduced, children.trap_spaces);
            for (const auto& a : left.attractors) add(p, a);
            if (!children.trap_spaces.empty()) motif_avoidant_ += left.attractors.size();
            if (!left.finished) return left.stopped;
            if (children.trap_spaces.empty()) {
                searched_.push_back(p.values);
                ++whole_;
            }
            for (const auto& c : children.trap_spaces) queue.push_back(lift(p, c));
        }
        return {};
    }

    double elapsed() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }

    bool over_time() const { return o_.max_seconds > 0 && elapsed() > o_.max_seconds; }

    // The attractors of `net` outside the trap spaces `avoid` (all of them when it is
    // empty): from the attractor candidates while there are at most max_candidates, which
    // usually needs no decision diagram; otherwise, or if the candidates contradict the
    // theorem that a space without trap spaces to avoid holds an attractor, by the
    // symbolic search over the whole space.
    SymbolicAttractors attractors_outside(const Network& net, const std::vector<Subspace>& avoid) {
        if (o_.use_candidates) {
            const std::vector<std::uint32_t> nfvs = negative_feedback_vertex_set(net);
            auto listed =
                attractor_candidates(net, nfvs, retained_values(net, nfvs, avoid), avoid, o_.max_candidates, control_);
            if (listed) {
                std::vector<State> left = thin_candidates(net, std::move(*listed), avoid, o_.walk_rounds, 1, control_);
                if (left.empty() && !avoid.empty()) {
                    ++without_diagrams_;
                    SymbolicAttractors none;
                    none.finished = true;
                    return none;
                }
                if (!left.empty()) {
                    ++with_candidates_;
                    return symbolic_candidate_attractors(net, left, avoid, symbolic_options(), control_);
                }
            }
        }
        ++whole_space_;
        return symbolic_async_attractors(net, avoid, symbolic_options(), control_);
    }

    // Every attractor lies in a minimal trap space or in none: the first are found inside
    // each minimal trap space, the others are what is left after removing every state that
    // reaches one (symbolic/attractors.hpp). One reachability over the whole space, so
    // it is the fallback when the diagram has too many nodes. Returns why it stopped, or "".
    std::string minimal_spaces_then_rest() {
        reset();
        Projection root = percolate(net_);
        if (root.kept.empty()) {
            search_whole(root);
            return {};
        }
        trapspace::Options to;
        to.kind = trapspace::Kind::minimal;
        to.limit = o_.max_nodes;
        trapspace::Result minimal = trapspace::find_trap_spaces(root.reduced, to, control_);
        if (!minimal.complete) return "more than " + std::to_string(o_.max_nodes) + " minimal trap spaces";
        minimal_ = minimal.trap_spaces.size();
        for (const auto& m : minimal.trap_spaces) {
            control_.check();
            if (phase_seconds_ > 0 && elapsed() > phase_seconds_)
                return "its share of the time (" + std::to_string(static_cast<long>(phase_seconds_)) + " s)";
            Projection p = percolate(restrict_to(net_, lift(root, m)));
            // Without candidates, whole minimal trap spaces over decision diagrams cost more
            // than a state-by-state search up to 16 variables.
            if (p.kept.size() <= std::max<std::size_t>(o_.exhaustive_limit, o_.use_candidates ? 0 : 16)) {
                search_whole(p);
                continue;
            }
            SymbolicAttractors inside = attractors_outside(p.reduced, {});
            for (const auto& a : inside.attractors) add(p, a);
            if (!inside.finished) return inside.stopped;
            searched_.push_back(p.values);
            ++whole_;
        }
        for (const auto& m : minimal.trap_spaces) minimal_full_.push_back(lift(root, m));
        minimal_done_ = o_.use_candidates;
        SymbolicAttractors rest = attractors_outside(root.reduced, minimal.trap_spaces);
        for (const auto& a : rest.attractors) add(root, a);
        motif_avoidant_ = rest.attractors.size();
        return rest.finished ? std::string() : rest.stopped;
    }

    SymbolicAttractorOptions symbolic_options() const {
        SymbolicAttractorOptions so;
        so.max_nodes = o_.max_diagram_nodes;
        so.max_listed_states = o_.max_listed_states;
        so.wiring_order = o_.wiring_order;
        so.max_seconds = o_.max_seconds > 0 ? std::max(1.0, o_.max_seconds - elapsed()) : 0;
        if (phase_seconds_ > 0) so.max_seconds = std::min(so.max_seconds, std::max(1.0, phase_seconds_ - elapsed()));
        return so;
    }

    void reset() {
        found_.clear();
        searched_.clear();
        minimal_full_.clear();
        expanded_ = whole_ = motif_avoidant_ = minimal_ = pruned_ = 0;
        minimal_done_ = false;
    }

    bool inside_searched(const Subspace& s) const {
        for (const auto& w : searched_)
            if (w.contains(s)) return true;
        return false;
    }

    // Every attractor inside the node's space, state by state.
    void search_whole(const Projection& p) {
        std::erase_if(found_, [&](const Attractor& a) { return p.values.contains(a.states.front()); });
        searched_.push_back(p.values);
        ++whole_;
        if (p.kept.empty()) {  // one state, a fixed point
            Attractor a;
            a.states.push_back(p.expand(State(0)));
            found_.push_back(std::move(a));
            return;
        }
        ExhaustiveOptions eo;
        eo.basins = false;
        eo.max_listed_states = o_.max_listed_states;
        Result r = exhaustive_asynchronous(p.reduced, eo, control_);
        for (auto& a : r.attractors) {
            for (auto& s : a.states) s = p.expand(s);
            if (!a.trap_space.empty()) a.trap_space = p.expand_space(a.trap_space);
            found_.push_back(std::move(a));
        }
    }

    void add(const Projection& p, const SymbolicAttractor& s) {
        Attractor a;
        for (const auto& x : s.states) a.states.push_back(p.expand(x));
        a.truncated = s.truncated;
        a.size = s.size >= 1.8e19 ? UINT64_MAX : static_cast<std::uint64_t>(s.size);
        if (s.size > 1) a.trap_space = p.expand_space(s.space.to_string());
        found_.push_back(std::move(a));
    }

    const Network& net_;
    const SuccessionOptions& o_;
    const Control& control_;
    std::vector<Attractor> found_;
    std::vector<Subspace> searched_;  // spaces whose every attractor is in found_
    std::size_t expanded_ = 0, whole_ = 0, motif_avoidant_ = 0, minimal_ = 0;
    // Spaces decided by candidates alone, by candidates and their symbolic check, and by
    // the symbolic search of the whole space.
    std::size_t without_diagrams_ = 0, with_candidates_ = 0, whole_space_ = 0;
    std::vector<Subspace> minimal_full_;  // the minimal trap spaces, once all were searched
    bool minimal_done_ = false;           // and the walk may prune (may_hold_others)
    std::size_t pruned_ = 0;
    bool global_ = false;       // the search over minimal trap spaces answered
    bool too_large_ = false;    // as the fallback of a diagram past its budgets
    double phase_seconds_ = 0;  // a cap on each symbolic search in the present phase (0: none)
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace

Result succession_attractors(const Network& net, const SuccessionOptions& options, const Control& control) {
    return Walk(net, options, control).run();
}

}  // namespace bitsig
