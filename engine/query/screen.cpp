// SPDX-License-Identifier: MIT
// The screen enumerates combinations in lexicographic order of candidate index and hands
// them to a pool of workers, each running single-threaded searches; that splits cleanly
// over cores because conditions are independent. Combinations whose candidates conflict
// (e.g. knockout and overexpression of one variable) are skipped.
#include "query/screen.hpp"
#include "query/screen_spread.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "attractor/phenotype.hpp"
#include "core/parallel.hpp"
#include "perturb/perturbation.hpp"

namespace bitsig {

Goal Goal::parse(const Network& net, const std::string& text) {
    Goal g;
    std::string item;
    auto flush = [&] {
        if (item.empty()) return;
        auto eq = item.find('=');
        std::string name = item.substr(0, eq);
        std::string value = eq == std::string::npos ? "" : item.substr(eq + 1);
        if (eq == std::string::npos || (value != "0" && value != "1")) throw InputError(errors::bad_goal_term(item));
        bool known = net.find(name).has_value();
        std::vector<std::string> names = net.names();
        for (const auto& r : net.readouts()) {
            known = known || r.name == name;
            names.push_back(r.name);
        }
        if (!known) throw InputError(errors::unknown_goal_name(name, names));
        g.terms.push_back({name, value == "1"});
        item.clear();
    };
    for (char c : text) {
        if (c == ',' || c == ' ' || c == ';')
            flush();
        else
            item += c;
    }
    flush();
    if (g.terms.empty()) throw InputError(errors::empty_goal());
    return g;
}

std::string Goal::describe() const {
    std::string out;
    for (const auto& t : terms) out += (out.empty() ? "" : ", ") + t.name + "=" + (t.value ? "1" : "0");
    return out;
}

namespace {
Candidate make_candidate(std::string label, std::vector<std::string> Conditions::*field, const std::string& name) {
    Candidate c;
    c.label = std::move(label);
    (c.conditions.*field).push_back(name);
    return c;
}
}  // namespace

std::vector<Candidate> drug_candidates(const Network& net, const std::vector<std::string>& names) {
    std::vector<Candidate> out;
    if (names.empty()) {
        for (const auto& d : net.drugs()) out.push_back(make_candidate(d.name, &Conditions::drugs, d.name));
        return out;
    }
    for (const auto& n : names) out.push_back(make_candidate(n, &Conditions::drugs, n));
    return out;
}

std::vector<Candidate> target_candidates(const Network& net, const std::vector<std::string>& names) {
    std::vector<std::string> targets = names;
    if (targets.empty())
        for (std::uint32_t v = 0; v < net.num_vars(); ++v)
            if (!net.is_input(VarId{v}) && !net.is_constant(VarId{v})) targets.push_back(net.name(VarId{v}));
    std::vector<Candidate> out;
    for (const auto& t : targets) {
        out.push_back(make_candidate(t + " KO", &Conditions::knockouts, t));
        out.push_back(make_candidate(t + " OE", &Conditions::overexpressions, t));
    }
    return out;
}

std::uint64_t screen_size(std::size_t candidates, std::size_t max_size) {
    std::uint64_t total = 1, binomial = 1;
    for (std::size_t k = 1; k <= max_size && k <= candidates; ++k) {
        binomial = binomial * (candidates - k + 1) / k;
        total += binomial;
    }
    return total;
}

namespace {

Conditions merge(const Conditions& base, const std::vector<const Candidate*>& members) {
    Conditions c = base;
    for (const auto* m : members) {
        const Conditions& x = m->conditions;
        c.drugs.insert(c.drugs.end(), x.drugs.begin(), x.drugs.end());
        c.contexts.insert(c.contexts.end(), x.contexts.begin(), x.contexts.end());
        c.knockouts.insert(c.knockouts.end(), x.knockouts.begin(), x.knockouts.end());
        c.overexpressions.insert(c.overexpressions.end(), x.overexpressions.begin(), x.overexpressions.end());
        c.fixes.insert(c.fixes.end(), x.fixes.begin(), x.fixes.end());
        c.cuts.insert(c.cuts.end(), x.cuts.begin(), x.cuts.end());
    }
    return c;
}

bool goal_holds(const Network& net, const Attractor& a, const Goal& g) {
    for (const auto& t : g.terms)
        if (named_value(net, a, t.name).value_or(-1) != (t.value ? 1.0 : 0.0)) return false;
    return true;
}

ScreenEntry evaluate(const Network& net, const Perturbation& p, const Goal& goal, const SearchOptions& o,
                     const Control& c) {
    Result r = find_attractors(apply(net, p), o, c);
    ScreenEntry e;
    e.attractors = r.attractors.size();
    e.complete = r.complete;
    e.method = r.method;
    std::uint64_t basin_total = 0, basin_goal = 0;
    bool have_basins = !r.attractors.empty();
    std::size_t hits = 0;
    e.readouts.assign(net.readouts().size(), 0.0);
    for (const auto& a : r.attractors) {
        bool holds = goal_holds(net, a, goal);
        hits += holds;
        have_basins = have_basins && a.basin_size.has_value();
        basin_total += a.basin_size.value_or(0);
        if (holds) basin_goal += a.basin_size.value_or(0);
    }
    for (const auto& a : r.attractors) {
        double weight = have_basins && basin_total
                            ? static_cast<double>(*a.basin_size) / static_cast<double>(basin_total)
                            : 1.0 / static_cast<double>(r.attractors.size());
        auto values = readout_values(net, a);
        for (std::size_t k = 0; k < values.size(); ++k) e.readouts[k] += weight * values[k];
    }
    e.attractor_fraction =
        r.attractors.empty() ? 0 : static_cast<double>(hits) / static_cast<double>(r.attractors.size());
    if (have_basins && basin_total)
        e.basin_fraction = static_cast<double>(basin_goal) / static_cast<double>(basin_total);
    return e;
}

double score(const ScreenEntry& e) { return e.goal_share(); }

}  // namespace

void validate_candidates(const Network& net, const Conditions& base, const std::vector<Candidate>& candidates) {
    resolve(net, base);
    for (const auto& c : candidates) resolve(net, c.conditions);
}

std::vector<ScreenEntry> run_screen(const Network& net, const Conditions& base,
                                    const std::vector<Candidate>& candidates, const Goal& goal,
                                    const ScreenOptions& screen, const SearchOptions& search, const Control& control) {
    validate_candidates(net, base, candidates);
    // All combinations, smallest first, as index lists.
    std::vector<std::vector<std::size_t>> combos{{}};
    for (std::size_t size = 1; size <= screen.max_size && size <= candidates.size(); ++size) {
        std::vector<std::size_t> idx(size);
        for (std::size_t i = 0; i < size; ++i) idx[i] = i;
        for (;;) {
            combos.push_back(idx);
            std::size_t i = size;
            while (i > 0 && idx[i - 1] == candidates.size() - size + i - 1) --i;
            if (i == 0) break;
            ++idx[i - 1];
            for (std::size_t j = i; j < size; ++j) idx[j] = idx[j - 1] + 1;
        }
    }
    std::vector<std::optional<ScreenEntry>> results(combos.size());
    parallel_for(combos.size(), control, "screen", [&](std::size_t i, const Control& single) {
        std::vector<const Candidate*> members;
        for (auto k : combos[i]) members.push_back(&candidates[k]);
        // Conflicting members (e.g. X KO with X OE) are not a condition. The base alone
        // resolved in validate_candidates, so combination 0 always runs.
        Resolution r = resolve_or_conflict(net, merge(base, members));
        if (r.conflict) return;
        ScreenEntry e = evaluate(net, r.perturbation, goal, search, single);
        for (const auto* m : members) e.members.push_back(m->label);
        results[i] = std::move(e);
    });
    Control single = control;
    single.threads = 1;
    single.progress = nullptr;

    std::vector<ScreenEntry> out;
    for (auto& r : results)
        if (r) out.push_back(std::move(*r));
    // Base first, then best goal share, then fewer members, then name.
    std::stable_sort(out.begin() + 1, out.end(), [](const ScreenEntry& a, const ScreenEntry& b) {
        if (score(a) != score(b)) return score(a) > score(b);
        if (a.attractor_fraction != b.attractor_fraction) return a.attractor_fraction > b.attractor_fraction;
        if (a.members.size() != b.members.size()) return a.members.size() < b.members.size();
        return a.members < b.members;
    });
    // Does the ranking depend on the update scheme? Re-check the best few. Fixed points
    // are the same under both schemes, so there is nothing to re-check for them.
    if (search.method == Method::fixed_points) return out;
    SearchOptions other = search;
    other.update = search.update == UpdateScheme::synchronous ? UpdateScheme::asynchronous : UpdateScheme::synchronous;
    for (std::size_t i = 0; i < out.size() && i <= screen.verify_top; ++i) {
        control.check();
        std::vector<const Candidate*> members;
        for (const auto& label : out[i].members)
            for (const auto& c : candidates)
                if (c.label == label) members.push_back(&c);
        ScreenEntry again = evaluate(net, resolve(net, merge(base, members)), goal, other, single);
        out[i].other_scheme_agrees = again.attractor_fraction == out[i].attractor_fraction;
    }
    return out;
}

namespace {
std::vector<Candidate> requested_candidates(const Network& net, const ScreenRequest& request) {
    std::vector<Candidate> candidates;
    if (request.drugs)
        for (auto& c : drug_candidates(net, *request.drugs))
            if (std::find(request.base.drugs.begin(), request.base.drugs.end(), c.label) == request.base.drugs.end())
                candidates.push_back(std::move(c));
    if (request.targets) {
        auto cs = target_candidates(net, *request.targets);
        candidates.insert(candidates.end(), cs.begin(), cs.end());
    }
    return candidates;
}
}  // namespace

std::vector<Candidate> screen_candidates(const Network& net, const ScreenRequest& request) {
    Goal::parse(net, request.goal);
    resolve(net, request.base);  // bad names in the base before the list of candidates
    std::vector<Candidate> candidates = requested_candidates(net, request);
    if (candidates.empty()) throw InputError(errors::nothing_to_screen());
    validate_candidates(net, request.base, candidates);
    return candidates;
}

ScreenResult screen(const Network& net, const ScreenRequest& request, const Control& control, Distributor& ranks) {
    ScreenResult out;
    out.goal = Goal::parse(net, request.goal);
    out.base = request.base;
    out.candidates = screen_candidates(net, request);
    std::uint64_t total = screen_size(out.candidates.size(), request.screen.max_size);
    check_screen_fits(total, ranks.ranks());
    ScreenSpill spill{request.each_row, request.rows_in_memory, request.spill_directory};
    SpreadScreen spread = run_screen_spread(net, out.base, out.candidates, out.goal, request.screen, request.search,
                                            control, ranks, request.only_top, spill);
    out.entries = std::move(spread.entries);
    out.conditions = spread.conditions;
    out.redundant = spread.redundant;
    out.peak_rows = spread.peak_rows;
    out.runs_written = spread.runs_written;
    if (request.search.method != Method::fixed_points)
        out.rechecked_under =
            request.search.update == UpdateScheme::synchronous ? UpdateScheme::asynchronous : UpdateScheme::synchronous;
    return out;
}

ScreenResult screen(const Network& net, const ScreenRequest& request, const Control& control) {
    Distributor alone = local_distributor();
    return screen(net, request, control, alone);
}

std::optional<ScreenEntry> screen_condition(const Network& net, const Conditions& base,
                                            const std::vector<const Candidate*>& members, const Goal& goal,
                                            const SearchOptions& search, const Control& control) {
    Resolution r = resolve_or_conflict(net, merge(base, members));
    if (r.conflict) {
        if (members.empty()) throw InputError(*r.conflict);  // the base alone: a real error, as in run_screen
        return std::nullopt;
    }
    ScreenEntry e = evaluate(net, r.perturbation, goal, search, control);
    for (const auto* m : members) e.members.push_back(m->label);
    return e;
}

std::uint64_t redundant_mask(std::size_t size, double mine,
                             const std::function<std::optional<double>(std::uint64_t mask)>& share_of) {
    if (size < 2 || mine <= 0) return 0;
    for (std::uint64_t mask = 1; mask + 1 < (std::uint64_t{1} << size); ++mask) {
        const auto share = share_of(mask);
        if (share && *share + 1e-12 >= mine) return mask;
    }
    return 0;
}

std::string part_label(const std::vector<std::string>& members, std::uint64_t mask) {
    std::string out;
    for (std::size_t k = 0; k < members.size(); ++k)
        if (mask >> k & 1) out += (out.empty() ? "" : " + ") + members[k];
    return out;
}

std::vector<std::string> redundant_parts(const std::vector<ScreenEntry>& entries) {
    std::map<std::vector<std::string>, double> share;
    for (const auto& e : entries) {
        auto key = e.members;
        std::sort(key.begin(), key.end());
        share[key] = e.goal_share();
    }
    std::vector<std::string> because(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto& members = entries[i].members;
        const std::uint64_t mask =
            redundant_mask(members.size(), entries[i].goal_share(), [&](std::uint64_t part) -> std::optional<double> {
                std::vector<std::string> key;
                for (std::size_t k = 0; k < members.size(); ++k)
                    if (part >> k & 1) key.push_back(members[k]);
                std::sort(key.begin(), key.end());
                const auto it = share.find(key);
                if (it == share.end()) return std::nullopt;
                return it->second;
            });
        if (mask) because[i] = part_label(members, mask);
    }
    return because;
}

bool ranks_before(const ScreenEntry& a, const ScreenEntry& b) {
    if (score(a) != score(b)) return score(a) > score(b);
    if (a.attractor_fraction != b.attractor_fraction) return a.attractor_fraction > b.attractor_fraction;
    if (a.members.size() != b.members.size()) return a.members.size() < b.members.size();
    return a.members < b.members;
}

}  // namespace bitsig
