// SPDX-License-Identifier: MIT
// The response query: start set, steps, and the composition of their outcomes.
//
// Exact (the default when it fits): each step is answered exactly (response/step.cpp: whole
// space, reachable states, or decision diagrams with walk estimates where a start can reach
// several attractors) from the attractors the previous step reached, giving an
// attractor-to-attractor matrix;
// the answer is the product of the matrices, and a final attractor is reachable from a start
// when a chain of reachable attractors leads to it (boolean product).
//
// Sampling (when the reachable states would not fit, or on request): whole histories are
// simulated, 64 walks in lockstep so that each evaluation of the compiled rules serves all of
// them (response/batch.hpp). A walk of a step ends when it enters a known attractor of the
// step's network (from the attractor search, which may itself be incomplete), a fixed point,
// or (synchronous) a cycle it closes itself. Probabilities are shares of walks, with the
// binomial standard error sqrt(p(1-p)/N); walks that do not settle within max_walk
// transitions are counted as undetermined, and the result is then not complete.
#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "analysis/reduce.hpp"
#include "core/error.hpp"
#include "perturb/perturbation.hpp"
#include "response/batch.hpp"
#include "response/initial.hpp"
#include "response/response.hpp"

namespace bitsig {

namespace {

bool conditions_empty(const Conditions& c) {
    return c.knockouts.empty() && c.overexpressions.empty() && c.fixes.empty() && c.drugs.empty() &&
           c.contexts.empty() && c.cuts.empty() && c.scenario.empty() && !c.free_inputs;
}

// The column (1-based) of `name` as a value in a conditions string ("drug=NAME",
// "fix=NAME=1", "cut=A->NAME"), or 0.
std::size_t column_of(const std::string& text, const std::string& name) {
    for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
        bool starts = at > 0 && (text[at - 1] == '=' || text[at - 1] == '>');
        std::size_t end = at + name.size();
        bool ends = end == text.size() || std::string(" ,;\t=-").find(text[end]) != std::string::npos;
        if (starts && ends) return at + 1;
    }
    return 0;
}

// Resolves conditions; an error about a name (its subject) is relocated into the source text.
Perturbation resolve_located(const Network& net, const Conditions& c, const ConditionsSource& source) {
    try {
        return resolve(net, c);
    } catch (const InputError& e) {
        if (source.label.empty()) throw;
        std::vector<Diagnostic> ds = e.diagnostics();
        for (auto& d : ds) {
            std::size_t column = d.subject.empty() ? 0 : column_of(source.text, d.subject);
            d.where = Location{source.label, 1, column};
            if (column > 0) {
                d.source_line = source.text;
                d.span = d.subject.size();
            }
        }
        throw InputError(ds);
    }
}

// Completions of a partial state over the variables the first step does not hold.
struct InitialSet {
    PartialState partial;                // held variables of the first step filled in
    std::vector<std::size_t> free_vars;  // enumerated (or sampled) ones
};

InitialSet initial_set(const Network& net, const std::string& text, const Network& first_step) {
    InitialSet s;
    s.partial = parse_initial_state(net, text);
    Projection proj = project_constants(first_step);
    for (std::size_t v = 0; v < net.num_vars(); ++v) {
        if (proj.values.is_fixed(v))
            s.partial.fix(v, proj.values.value(v));
        else if (!s.partial.is_fixed(v))
            s.free_vars.push_back(v);
    }
    return s;
}

State completion(const InitialSet& s, std::uint64_t bits) {
    State x(s.partial.size());
    for (std::size_t v = 0; v < s.partial.size(); ++v)
        if (s.partial.value(v)) x.set(v, true);
    for (std::size_t j = 0; j < s.free_vars.size(); ++j)
        if ((bits >> j) & 1) x.set(s.free_vars[j], true);
    return x;
}

Attractor initial_as_attractor(const InitialSet& s, std::size_t listed) {
    Attractor a;
    std::uint64_t count = s.free_vars.size() >= 64 ? ~std::uint64_t{0} : std::uint64_t{1} << s.free_vars.size();
    for (std::uint64_t b = 0; b < count && a.states.size() < listed; ++b) a.states.push_back(completion(s, b));
    a.size = count;
    a.truncated = a.states.size() < count;
    a.kind = count == 1 ? AttractorKind::fixed_point : AttractorKind::complex;
    if (count > 1) {
        a.trap_space = s.partial.to_string();
    }
    return a;
}

void truncate_listing(Attractor& a, std::size_t listed) {
    if (a.states.size() <= listed) return;
    if (a.trap_space.empty()) a.trap_space = summarize_space(a.states);
    a.states.resize(listed);
    a.truncated = true;
}

// ------------------------------------------------------------------ sampling

// What a sampled step knows about its network.
struct SampledStep {
    Projection proj;
    BatchStepper stepper;
    std::vector<Attractor> attractors;                     // known, then discovered
    std::unordered_map<std::uint64_t, std::size_t> owner;  // packed state -> attractor
    bool search_complete = true;

    SampledStep(const Network& perturbed) : proj(project_constants(perturbed)), stepper(proj.reduced) {}

    std::uint64_t pack(const State& s) const {
        std::uint64_t key = 0;
        for (std::size_t j = 0; j < proj.kept.size(); ++j)
            if (s.get(proj.kept[j].index)) key |= std::uint64_t{1} << j;
        return key;
    }
    State unpack(std::uint64_t key) const { return proj.expand(State::from_index(key, proj.kept.size())); }
    std::size_t add(Attractor a, const std::vector<std::uint64_t>& keys) {
        std::size_t id = attractors.size();
        attractors.push_back(std::move(a));
        for (auto k : keys) owner.emplace(k, id);
        return id;
    }
};

constexpr std::size_t kUndetermined = ~std::size_t{0};

// The sampled form of each step: its projection, stepper and the attractors a search finds.
std::vector<std::unique_ptr<SampledStep>> sampled_steps(const ResponseQuery& q, const ResponseOptions& o,
                                                        const std::vector<Network>& step_nets, const Control& control) {
    std::vector<std::unique_ptr<SampledStep>> steps;
    for (const auto& sn : step_nets) {
        auto st = std::make_unique<SampledStep>(sn);
        if (st->proj.kept.size() > 64) throw ResourceError(errors::response_sampling_limit(st->proj.kept.size()));
        SearchOptions so = o.search;
        so.update = q.update;
        Result known = find_attractors(sn, so, control);
        st->search_complete = known.complete;
        for (auto& a : known.attractors) {
            std::vector<std::uint64_t> keys;
            for (const auto& s : a.states) keys.push_back(st->pack(s));
            st->add(std::move(a), keys);
        }
        steps.push_back(std::move(st));
    }
    return steps;
}

// The first state of each lane: a random completion of the initial state, or a uniform
// state of the group.
std::vector<State> draw_starts(std::size_t lanes, const StartGroup& group, const std::optional<InitialSet>& initial,
                               std::mt19937_64& rng) {
    std::vector<State> full(lanes);
    for (std::size_t i = 0; i < lanes; ++i) {
        if (initial) {
            full[i] = completion(*initial, 0);
            for (auto v : initial->free_vars) full[i].set(v, rng() & 1);
        } else {
            const auto& states = group.states;
            full[i] = states[std::uniform_int_distribution<std::size_t>(0, states.size() - 1)(rng)];
        }
    }
    return full;
}

// The attractor of `st` each lane's walk from `key` ends in, all lanes in lockstep; a walk
// that does not settle within `max_walk` transitions is no longer alive. New attractors
// (fixed points, cycles a synchronous walk closes) are added to `st`.
std::vector<std::size_t> walk_lanes(SampledStep& st, bool sync, std::uint64_t max_walk, std::mt19937_64& rng,
                                    std::vector<std::uint64_t>& key, std::vector<bool>& alive) {
    const std::size_t lanes = key.size();
    std::vector<std::size_t> at(lanes, kUndetermined);
    std::vector<std::unordered_set<std::uint64_t>> seen(sync ? lanes : 0);
    for (std::uint64_t t = 0;; ++t) {
        std::uint64_t batch[BatchStepper::kBatch], move[BatchStepper::kBatch];
        std::size_t lane_of[BatchStepper::kBatch];
        std::size_t count = 0;
        for (std::size_t i = 0; i < lanes; ++i) {
            if (!alive[i] || at[i] != kUndetermined) continue;
            if (auto it = st.owner.find(key[i]); it != st.owner.end()) {
                at[i] = it->second;
                continue;
            }
            lane_of[count] = i;
            batch[count++] = key[i];
        }
        if (count == 0) break;
        if (t >= max_walk) {
            for (std::size_t c = 0; c < count; ++c) alive[lane_of[c]] = false;
            break;
        }
        if (sync)
            st.stepper.successors(batch, count, move);
        else
            st.stepper.disagreements(batch, count, move);
        for (std::size_t c = 0; c < count; ++c) {
            std::size_t i = lane_of[c];
            if (sync) {
                if (!seen[i].insert(key[i]).second) {
                    // The walk closed a cycle: that cycle is an attractor.
                    std::vector<std::uint64_t> cycle;
                    std::uint64_t y = key[i];
                    do {
                        cycle.push_back(y);
                        st.stepper.successors(&y, 1, &y);
                    } while (y != key[i]);
                    Attractor a;
                    for (auto k : cycle) a.states.push_back(st.unpack(k));
                    canonicalize(a, UpdateScheme::synchronous);
                    at[i] = st.add(std::move(a), cycle);
                    continue;
                }
                key[i] = move[c];
            } else if (move[c] == 0) {
                Attractor a;
                a.states.push_back(st.unpack(key[i]));
                canonicalize(a, UpdateScheme::asynchronous);
                at[i] = st.add(std::move(a), {key[i]});
            } else {
                auto pick = std::uniform_int_distribution<int>(0, std::popcount(move[c]) - 1)(rng);
                std::uint64_t m = move[c];
                for (int s = 0; s < pick; ++s) m &= m - 1;
                key[i] ^= std::uint64_t{1} << std::countr_zero(m);
            }
        }
    }
    return at;
}

// What the walks of all groups met: counts[start][attractor of the last step], the
// attractors of the other steps some walk settled in, and the walks that did not settle.
struct Tally {
    std::vector<std::map<std::size_t, std::uint64_t>> counts;
    std::vector<std::set<std::size_t>> intermediate_reached;
    std::uint64_t undetermined = 0;
};

// One batch of lanes of group g through every step: each step starts from a uniform state
// of the attractor the previous one settled in.
void sample_batch(std::vector<std::unique_ptr<SampledStep>>& steps, bool sync, std::uint64_t max_walk, std::size_t g,
                  std::vector<State> full, std::mt19937_64& rng, Tally& tally) {
    const std::size_t lanes = full.size(), last = steps.size() - 1;
    std::vector<std::size_t> ended(lanes, kUndetermined);
    std::vector<bool> alive(lanes, true);
    for (std::size_t si = 0; si < steps.size(); ++si) {
        SampledStep& st = *steps[si];
        std::vector<std::uint64_t> key(lanes);
        for (std::size_t i = 0; i < lanes; ++i) key[i] = st.pack(full[i]);
        std::vector<std::size_t> at = walk_lanes(st, sync, max_walk, rng, key, alive);
        for (std::size_t i = 0; i < lanes; ++i) {
            if (!alive[i]) continue;
            if (si == last) {
                ended[i] = at[i];
                continue;
            }
            tally.intermediate_reached[si].insert(at[i]);
            // Settled: the next step starts from a uniform state of this attractor.
            const auto& states = st.attractors[at[i]].states;
            full[i] = states[std::uniform_int_distribution<std::size_t>(0, states.size() - 1)(rng)];
        }
    }
    for (std::size_t i = 0; i < lanes; ++i) {
        if (ended[i] == kUndetermined)
            ++tally.undetermined;
        else
            ++tally.counts[g][ended[i]];
    }
}

// The attractors of `st` in `used` appended to `out` in canonical order; returns each one's
// position there.
std::map<std::size_t, std::size_t> list_used(const SampledStep& st, const std::set<std::size_t>& used,
                                             std::vector<Attractor>& out) {
    std::vector<std::size_t> ids(used.begin(), used.end());
    std::sort(ids.begin(), ids.end(), [&](std::size_t a, std::size_t b) {
        return st.attractors[a].states.front() < st.attractors[b].states.front();
    });
    std::map<std::size_t, std::size_t> position;
    for (std::size_t p = 0; p < ids.size(); ++p) {
        position[ids[p]] = p;
        out.push_back(st.attractors[ids[p]]);
    }
    return position;
}

// The tally as a result: only attractors some walk ended in are listed, in canonical order,
// with shares of walks and their binomial standard errors.
void tally_into(const std::vector<std::unique_ptr<SampledStep>>& steps, const Tally& tally, const ResponseOptions& o,
                ResponseResult& r) {
    const std::size_t last = steps.size() - 1;
    for (std::size_t si = 0; si < last; ++si) {
        r.intermediate.emplace_back();
        list_used(*steps[si], tally.intermediate_reached[si], r.intermediate.back());
    }
    std::set<std::size_t> final_used;
    for (const auto& c : tally.counts)
        for (const auto& [a, n] : c) final_used.insert(a);
    auto position = list_used(*steps[last], final_used, r.attractors);
    const auto total = static_cast<double>(o.samples);
    for (std::size_t g = 0; g < tally.counts.size(); ++g) {
        StartResponse sr;
        sr.start = g;
        std::vector<std::pair<std::size_t, std::uint64_t>> rows;
        for (const auto& [a, n] : tally.counts[g]) rows.push_back({position[a], n});
        std::sort(rows.begin(), rows.end());
        for (auto [j, n] : rows) {
            double p = static_cast<double>(n) / total;
            sr.reachable.push_back(j);
            sr.probabilities.push_back(p);
            sr.standard_errors.push_back(std::sqrt(p * (1 - p) / total));
        }
        r.responses.push_back(std::move(sr));
    }
    r.notes.push_back("probabilities estimated from " + std::to_string(o.samples) +
                      " sampled walks per start; rarely reached attractors may be missing");
    if (tally.undetermined > 0)
        r.notes.push_back(std::to_string(tally.undetermined) + " walks did not settle within " +
                          std::to_string(o.max_walk) + " transitions of a step and are not counted");
    for (const auto& st : steps)
        if (!st->search_complete) {
            r.notes.push_back("the attractor search of a step was not complete: walks end at fixed points, known "
                              "attractors or closed cycles only");
            break;
        }
}

ResponseResult sample_response(const ResponseQuery& q, const ResponseOptions& o, const std::vector<Network>& step_nets,
                               const std::vector<StartGroup>& groups, const std::optional<InitialSet>& initial,
                               const Control& control) {
    ResponseResult r;
    r.method = "sample";
    r.probabilities_exact = false;
    r.complete = false;
    r.samples = o.samples;
    const bool sync = q.update == UpdateScheme::synchronous;
    std::vector<std::unique_ptr<SampledStep>> steps = sampled_steps(q, o, step_nets, control);
    std::mt19937_64 rng(o.seed);
    Tally tally{std::vector<std::map<std::size_t, std::uint64_t>>(groups.size()),
                std::vector<std::set<std::size_t>>(steps.size()), 0};
    for (std::size_t g = 0; g < groups.size(); ++g) {
        for (std::uint64_t done = 0; done < o.samples;) {
            control.check();
            control.report(static_cast<double>(g * o.samples + done) / static_cast<double>(groups.size() * o.samples),
                           "sampling responses");
            const std::size_t lanes =
                static_cast<std::size_t>(std::min<std::uint64_t>(BatchStepper::kBatch, o.samples - done));
            sample_batch(steps, sync, o.max_walk, g, draw_starts(lanes, groups[g], initial, rng), rng, tally);
            done += lanes;
        }
    }
    tally_into(steps, tally, o, r);
    return r;
}

}  // namespace

ResponseMethod parse_response_method(const std::string& name) {
    if (name == "auto") return ResponseMethod::automatic;
    if (name == "exact") return ResponseMethod::exact;
    if (name == "sample") return ResponseMethod::sample;
    throw InputError(errors::unknown_among("response method", name, {"auto", "exact", "sample"}));
}

std::string to_string(ResponseMethod m) {
    switch (m) {
    case ResponseMethod::automatic:
        return "auto";
    case ResponseMethod::exact:
        return "exact";
    case ResponseMethod::sample:
        return "sample";
    }
    return "auto";
}

namespace {

// Where the response starts: the completions of --initial, or the attractors under --from.
struct Starts {
    std::vector<StartGroup> groups;     // one per start, its states (empty: too many to list)
    std::vector<Attractor> attractors;  // the starts as the result shows them
    std::optional<InitialSet> initial;  // set when the start is --initial
    bool complete = true;               // every start attractor was found
    bool exact_fits = true;             // every start is listed, so the exact method can run
    std::vector<std::string> notes;
};

Starts find_starts(const Network& net, const ResponseQuery& q, const ResponseOptions& o, const Perturbation& from,
                   const Network& first_step, const Control& control) {
    Starts out;
    if (q.initial) {
        out.initial = initial_set(net, *q.initial, first_step);
        const InitialSet& initial = *out.initial;
        out.exact_fits = initial.free_vars.size() <= o.max_initial_free;
        out.attractors.push_back(initial_as_attractor(initial, o.max_listed_states));
        if (out.exact_fits) {
            StartGroup g;
            std::uint64_t count = std::uint64_t{1} << initial.free_vars.size();
            for (std::uint64_t b = 0; b < count; ++b) g.states.push_back(completion(initial, b));
            out.groups.push_back(std::move(g));
        } else {
            out.groups.push_back({});
            if (o.method == ResponseMethod::exact)
                throw ResourceError(errors::exact_response_initial_free(initial.free_vars.size(), o.max_initial_free));
        }
        return out;
    }
    SearchOptions so = o.search;
    so.update = q.update;
    so.exhaustive.max_listed_states = std::max<std::uint64_t>(so.exhaustive.max_listed_states, std::uint64_t{1} << 22);
    Result start = find_attractors(apply(net, from), so, control);
    out.complete = start.complete;
    if (!start.complete)
        out.notes.push_back("the start attractors (" + to_string(start.method) +
                            " search) may be incomplete; responses are given for those found");
    for (const auto& a : start.attractors) {
        if (a.truncated) {
            out.exact_fits = false;
            if (o.method == ResponseMethod::exact)
                throw ResourceError(errors::exact_response_attractor_unlisted(a.size));
        }
        out.groups.push_back({a.states});
    }
    out.attractors = std::move(start.attractors);
    return out;
}

// The exact steps composed so far: per start s and attractor j of the current step.
struct Composition {
    std::vector<std::vector<double>> total;     // probability that s is in j
    std::vector<std::vector<double>> variance;  // of that probability where it is estimated
    std::vector<std::vector<bool>> reach;       // some path leads from s to j
};

// The composition followed by one more step (its probability, variance and reachability
// from each attractor i of the previous step to each of its m attractors j). Products of independent estimates:
// var(ab) = a^2 var b + b^2 var a + var a var b.
Composition then(const Composition& c, const std::vector<std::vector<double>>& probability,
                 const std::vector<std::vector<double>>& step_var, const std::vector<std::vector<bool>>& reachable,
                 std::size_t m) {
    const std::size_t starts = c.total.size();
    Composition out{std::vector<std::vector<double>>(starts, std::vector<double>(m, 0.0)),
                    std::vector<std::vector<double>>(starts, std::vector<double>(m, 0.0)),
                    std::vector<std::vector<bool>>(starts, std::vector<bool>(m, false))};
    for (std::size_t s = 0; s < starts; ++s)
        for (std::size_t i = 0; i < c.total[s].size(); ++i)
            for (std::size_t j = 0; j < m; ++j) {
                double a = c.total[s][i], b = probability[i][j];
                out.total[s][j] += a * b;
                out.variance[s][j] +=
                    a * a * step_var[i][j] + b * b * c.variance[s][i] + c.variance[s][i] * step_var[i][j];
                if (c.reach[s][i] && reachable[i][j]) out.reach[s][j] = true;
            }
    return out;
}

// Per start, the final attractors it reaches with their probabilities (and standard errors
// when some step was estimated).
std::vector<StartResponse> start_responses(const Composition& c, bool estimated) {
    std::vector<StartResponse> out;
    for (std::size_t s = 0; s < c.total.size(); ++s) {
        StartResponse sr;
        sr.start = s;
        for (std::size_t j = 0; j < c.total[s].size(); ++j)
            if (c.reach[s][j]) {
                sr.reachable.push_back(j);
                sr.probabilities.push_back(c.total[s][j]);
                if (estimated) sr.standard_errors.push_back(std::sqrt(c.variance[s][j]));
            }
        out.push_back(std::move(sr));
    }
    return out;
}

// The variance of each probability of a step, zero where exact.
std::vector<std::vector<double>> step_variance(const StepOutcome& step) {
    const std::size_t m = step.attractors.size();
    std::vector<std::vector<double>> var(step.probability.size(), std::vector<double>(m, 0.0));
    if (!step.probabilities_exact)
        for (std::size_t i = 0; i < var.size(); ++i)
            for (std::size_t j = 0; j < m; ++j) var[i][j] = step.standard_error[i][j] * step.standard_error[i][j];
    return var;
}

// Exact: composes the steps one by one into r (attractors, responses, notes); ResourceError
// when a step does not fit. total[s][j]: probability that start s is in attractor j of the
// current step; reach[s][j]: some path leads there.
void compose_exact(const ResponseQuery& q, const ResponseOptions& o, const std::vector<Network>& step_nets,
                   const std::vector<StartGroup>& groups, const Control& control, ResponseResult& r) {
    r.method = "explicit";
    Composition composed;
    std::vector<StartGroup> current = groups;
    bool estimated = false;
    std::uint64_t undetermined = 0;
    StepLimits limits = o.limits;
    limits.samples = o.samples;
    limits.seed = o.seed;
    limits.max_walk = o.max_walk;
    for (std::size_t si = 0; si < step_nets.size(); ++si) {
        StepOutcome step = explore_step(step_nets[si], q.update, current, limits, control);
        r.explored_states += step.explored_states;
        r.max_error += step.max_error;
        if (step.symbolic) r.method = "symbolic";
        if (!step.note.empty()) r.notes.push_back("step " + std::to_string(si + 1) + ": " + step.note);
        undetermined += step.undetermined_walks;
        const std::size_t m = step.attractors.size();
        std::vector<std::vector<double>> step_var = step_variance(step);
        if (!step.probabilities_exact) estimated = true;
        if (si == 0)
            composed = {step.probability, step_var, step.reachable};
        else
            composed = then(composed, step.probability, step_var, step.reachable, m);
        current.clear();
        for (const auto& a : step.attractors) current.push_back({a.states});
        if (si + 1 < step_nets.size())
            r.intermediate.push_back(step.attractors);
        else
            r.attractors = std::move(step.attractors);
    }
    r.responses = start_responses(composed, estimated);
    r.probabilities_exact = r.max_error <= 1e-9 && !estimated;
    if (estimated) {
        r.samples = o.samples;
        r.notes.push_back("every reachable attractor is exact (symbolic); probabilities of starts that can reach "
                          "several attractors are estimated from " +
                          std::to_string(o.samples) + " walks each, with standard errors");
    }
    if (undetermined > 0) {  // the attractors are still all known: only the estimates are short
        r.notes.push_back(std::to_string(undetermined) + " walks did not settle within " + std::to_string(o.max_walk) +
                          " transitions and are not counted");
    }
    if (r.max_error > 1e-9)
        r.notes.push_back("absorption did not converge to 1e-9 (error bound " + std::to_string(r.max_error) + ")");
}

// The start's completeness and notes added to a result, and every listing cut to the limit.
void finish(ResponseResult& res, const Starts& starts, std::size_t max_listed_states) {
    res.complete = res.complete && starts.complete;
    res.notes.insert(res.notes.begin(), starts.notes.begin(), starts.notes.end());
    for (auto& a : res.start) truncate_listing(a, max_listed_states);
    for (auto& a : res.attractors) truncate_listing(a, max_listed_states);
    for (auto& step : res.intermediate)
        for (auto& a : step) truncate_listing(a, max_listed_states);
}

}  // namespace

ResponseResult respond(const Network& net, const ResponseQuery& q, const ResponseOptions& o, const Control& control) {
    if (q.steps.empty()) throw InputError(errors::response_without_steps());
    if (q.initial && !conditions_empty(q.from)) throw InputError(errors::initial_and_from());
    // Every name is resolved before anything is computed.
    Perturbation from = resolve_located(net, q.from, q.from_source);
    std::vector<Perturbation> perturbations;
    std::vector<Network> step_nets;
    for (std::size_t i = 0; i < q.steps.size(); ++i) {
        const Conditions& c = q.steps[i];
        perturbations.push_back(
            resolve_located(net, c, i < q.step_sources.size() ? q.step_sources[i] : ConditionsSource{}));
        step_nets.push_back(apply(net, perturbations.back()));
    }

    ResponseResult r;
    r.update = q.update;
    r.from = from;
    r.steps = perturbations;
    Starts starts = find_starts(net, q, o, from, step_nets.front(), control);
    r.from_initial = starts.initial.has_value();
    r.start = std::move(starts.attractors);

    auto sampled = [&] {
        ResponseResult s = sample_response(q, o, step_nets, starts.groups, starts.initial, control);
        s.update = r.update;
        s.from = r.from;
        s.steps = r.steps;
        s.from_initial = r.from_initial;
        s.start = r.start;
        finish(s, starts, o.max_listed_states);
        return s;
    };
    if (o.method == ResponseMethod::sample || !starts.exact_fits) return sampled();
    try {
        compose_exact(q, o, step_nets, starts.groups, control, r);
    } catch (const ResourceError& e) {
        if (o.method == ResponseMethod::exact) throw;
        ResponseResult s = sampled();
        s.notes.insert(s.notes.begin(), std::string("no exact answer (") + e.what() + "); sampled instead");
        return s;
    }
    finish(r, starts, o.max_listed_states);
    return r;
}

}  // namespace bitsig
