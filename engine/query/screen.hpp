// SPDX-License-Identifier: MIT
// Combination screens: every single candidate (drug, knockout, overexpression) and every
// combination up to a size, added to a base condition, ranked by how completely a goal
// phenotype holds in the resulting attractors.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "attractor/search.hpp"
#include "distributed/distributor.hpp"
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
    Algorithm method = Algorithm::none;
    std::vector<double> readouts;             // mean of each readout over attractors (basin-weighted when known)
    std::optional<bool> other_scheme_agrees;  // filled for top entries: same goal fraction under the other scheme
    /// Filled by screen(): the proper part of the combination that alone reaches at least
    /// its goal share ("AKT KO", "a + b"), "" when it is not redundant (redundant_parts).
    std::string redundant_because;
    /// The share a screen ranks by: of the basin when basins are known, else of the attractors.
    double goal_share() const { return basin_fraction.value_or(attractor_fraction); }
};

struct ScreenOptions {
    std::size_t max_size = 2;     // largest combination
    std::size_t verify_top = 10;  // re-run this many best entries under the other update scheme
};

/// Checks that the base and every candidate alone resolve against `net`: an unknown name
/// is an InputError before any work. Conflicts between candidates are not errors (such
/// combinations are skipped).
void validate_candidates(const Network& net, const Conditions& base, const std::vector<Candidate>& candidates);

/// Runs the screen over the cores, after validate_candidates. Entries come back ranked best
/// first; the first entry is the base alone (no candidate), so gains can be read against it.
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

/// The part of a combination of `size` members that makes it redundant, as a bit mask
/// over its members: the first non-empty proper part (masks in increasing order) whose
/// goal share, as share_of(mask) tells (nullopt: that part is not a condition of the
/// screen), is at least `mine`; 0 when none does. Combinations of fewer than two members
/// and those that reach nothing (mine <= 0) are never redundant; neither is anything
/// because of the base alone (it would make every entry redundant, which says nothing).
std::uint64_t redundant_mask(std::size_t size, double mine,
                             const std::function<std::optional<double>(std::uint64_t mask)>& share_of);
/// The members of `mask`, as a combination is labelled ("a + b").
std::string part_label(const std::vector<std::string>& members, std::uint64_t mask);
/// Per entry, the part of its combination that alone reaches at least the same goal share
/// ("lapatinib"), or "" (redundant_mask), looking the parts up among `entries`.
std::vector<std::string> redundant_parts(const std::vector<ScreenEntry>& entries);

/// How many conditions a screen will evaluate (base included).
std::uint64_t screen_size(std::size_t candidates, std::size_t max_size);

/// Screens larger than this many conditions are refused (ResourceError).
inline constexpr std::uint64_t max_screen_conditions = 2'000'000;

/// Called on rank 0 with each row of a screen's ranking in order, once it is final
/// (position 0 is the base alone).
using ScreenRowSink = std::function<void(std::size_t position, const ScreenEntry& row)>;

/// Rows a screen holds on rank 0 before it writes them, sorted, to a temporary file (about
/// 300 bytes each in memory: some 30 MB).
inline constexpr std::size_t kScreenRowsInMemory = 100'000;

/// A screen as both front ends (`screen`, `report --screen-goal`) ask it.
struct ScreenRequest {
    std::string goal;  // "Proliferation=0,Apoptosis=1"
    Conditions base;
    /// Drugs to add: nullopt for none, an empty list for every drug of the model. Drugs of
    /// the base are not candidates.
    std::optional<std::vector<std::string>> drugs;
    /// Knockout and overexpression targets: nullopt for none, empty for every non-input,
    /// non-constant variable.
    std::optional<std::vector<std::string>> targets;
    ScreenOptions screen;
    SearchOptions search;
    /// 0: every row comes back. N > 0: only the base and the best max(N, verify_top) rows
    /// (what a text table shows), the same ones in the same order as in the full ranking, so
    /// that the memory of the ranking does not grow with the largest combinations (see
    /// run_screen_spread). The counts in ScreenResult still cover the whole screen.
    std::size_t only_top = 0;
    /// Set: the rows (those entries would hold) go to it in ranked order instead of into
    /// entries, so that a caller writing them out holds none (JSON and CSV of a large
    /// screen). Rank 0 then holds at most rows_in_memory rows at once, the others in
    /// sorted runs in anonymous files in spill_directory ("" the system's temporary folder).
    ScreenRowSink each_row;
    std::size_t rows_in_memory = kScreenRowsInMemory;
    std::string spill_directory;
};

struct ScreenResult {
    Goal goal;
    Conditions base;
    std::vector<Candidate> candidates;
    /// Ranked; entries[0] is the base alone. Maybe only the top (only_top); empty when the
    /// rows went to each_row.
    std::vector<ScreenEntry> entries;
    std::uint64_t conditions = 0;  // rows of the whole screen (conflicting combinations skipped)
    std::uint64_t redundant = 0;   // of them, redundant (a redundant_because)
    /// The scheme the top entries were re-checked under; nullopt for a fixed-points screen
    /// (fixed points are the same under both schemes).
    std::optional<UpdateScheme> rechecked_under;
    /// Memory and disk of the ranking on rank 0: the most rows held at once (the base
    /// included), and the sorted runs written to disk (0: it fit in memory).
    std::size_t peak_rows = 0;
    std::size_t runs_written = 0;
};

/// The candidates a request names, validated: InputError on a bad goal, an unknown name
/// in the base or a candidate, or no candidate at all.
std::vector<Candidate> screen_candidates(const Network& net, const ScreenRequest& request);

/// The whole question: validation (screen_candidates), the size limit (ResourceError
/// above max_screen_conditions), then run_screen.
ScreenResult screen(const Network& net, const ScreenRequest& request, const Control& control);
/// The same over MPI ranks (conditions spread, gathered on rank 0 in one process's order;
/// the size limit is per rank).
ScreenResult screen(const Network& net, const ScreenRequest& request, const Control& control, Distributor& ranks);

}  // namespace bitsig
