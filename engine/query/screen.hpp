// SPDX-License-Identifier: MIT
// Combination screens: every single candidate (drug, knockout, overexpression) and every
// combination up to a size, added to a base condition, ranked by how completely a goal
// phenotype holds in the resulting attractors.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "attractor/search.hpp"
#include "model/network.hpp"
#include "perturb/conditions.hpp"

namespace bitsig {

/// A phenotype goal such as Proliferation=0, Apoptosis=1 (readouts or variables).
struct Goal {
    std::vector<Expectation> terms;
    /// Parses "A=0,B=1"; names must be readouts or variables of `net` (InputError otherwise).
    static Goal parse(const Network& net, const std::string& text);
    std::string describe() const;
};

/// One screenable intervention, e.g. {"drug lapatinib", drugs = [lapatinib]}.
struct Candidate {
    std::string label;
    Conditions conditions;
};

/// Every drug of the model (its name as label).
std::vector<Candidate> drug_candidates(const Network& net, const std::vector<std::string>& names);
/// Knockout and overexpression of each named variable (all non-input, non-constant ones
/// when names is empty).
std::vector<Candidate> target_candidates(const Network& net, const std::vector<std::string>& names);

struct ScreenEntry {
    std::vector<std::string> members;  // candidate labels
    std::size_t attractors = 0;
    double attractor_fraction = 0;         // attractors in which the whole goal holds
    std::optional<double> basin_fraction;  // share of the basin in which it holds
    bool complete = true;
    std::string method;
    std::vector<double> readouts;             // mean of each readout over attractors (basin-weighted when known)
    std::optional<bool> other_scheme_agrees;  // filled for top entries: same goal fraction under the other scheme
};

struct ScreenOptions {
    std::size_t max_size = 2;     // largest combination
    std::size_t verify_top = 10;  // re-run this many best entries under the other update scheme
};

/// Runs the screen over the cores. Entries come back ranked best first; the first entry
/// is the base alone (no candidate), so gains can be read against it.
std::vector<ScreenEntry> run_screen(const Network& net, const Conditions& base,
                                    const std::vector<Candidate>& candidates, const Goal& goal,
                                    const ScreenOptions& screen, const SearchOptions& search, const Control& control);

/// One condition of a screen: the base plus `members`, searched and scored; nullopt when
/// the members conflict (e.g. X KO with X OE). A bad name in the base alone throws.
std::optional<ScreenEntry> screen_condition(const Network& net, const Conditions& base,
                                            const std::vector<const Candidate*>& members, const Goal& goal,
                                            const SearchOptions& search, const Control& control);
/// The screen's ranking: best goal share first, then fewer members, then by name.
bool ranks_before(const ScreenEntry& a, const ScreenEntry& b);

/// How many conditions a screen will evaluate (base included).
std::uint64_t screen_size(std::size_t candidates, std::size_t max_size);

}  // namespace bitsig
