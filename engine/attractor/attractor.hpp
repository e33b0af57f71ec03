// SPDX-License-Identifier: MIT
// Attractors and search results, shared by every search method.
//
// Canonical form (so results compare across methods and with BoolNet): a synchronous
// cycle is rotated so that its smallest state (string order) comes first and then follows
// successor order; a complex (asynchronous) attractor's states are sorted; a Result's
// attractors are sorted by their first state. Hitting a limit sets complete = false.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/control.hpp"
#include "core/count.hpp"
#include "dynamics/update.hpp"
#include "state/state.hpp"

namespace bitsig {

enum class AttractorKind { fixed_point, cycle, complex };
std::string to_string(AttractorKind k);

struct Attractor {
    AttractorKind kind = AttractorKind::fixed_point;
    std::vector<State> states;                // all states, unless truncated
    std::optional<std::uint64_t> basin_size;  // states of the searched space that reach it
    std::optional<std::uint64_t> samples;     // sampling: trajectories that ended here
    std::uint64_t size = 0;                   // number of states (may exceed states.size())
    bool truncated = false;                   // states lists only part of the attractor
    std::string trap_space;                   // "01*1..." summary ('*' = varies), when useful
};
std::ostream& operator<<(std::ostream& out, const Attractor& a);

/// Rotates/sorts states into canonical form and sets size and kind (1 state = fixed point).
void canonicalize(Attractor& a, UpdateScheme update);
/// Canonicalizes every attractor and sorts them.
void canonicalize(std::vector<Attractor>& attractors, UpdateScheme update);

/// The trap-space summary of a set of states: '0'/'1' where all agree, '*' elsewhere.
std::string summarize_space(const std::vector<State>& states);

/// The search that produced a Result. Some share a name in the JSON contract ("sat" is
/// both the SAT cycle search and the SAT fixed-point enumeration), so the enum, not the
/// string, is what code compares.
enum class Algorithm {
    none,                     // nothing ran (a default Result)
    exhaustive,               // state-space enumeration
    sat_cycles,               // synchronous cycles by SAT (sync_sat)
    sat_fixed_points,         // fixed points by SAT enumeration
    bdd_fixed_points,         // fixed points as a BDD (symbolic)
    sample,                   // random walks
    sat_fixed_points_sample,  // fixed points by SAT plus complex attractors by sampling
    respond_explicit,         // a scenario with history, reached states explored
    respond_sample,           // a scenario with history, sampled
    respond_symbolic,         // a scenario with history, reached set as a BDD
    succession_diagram,       // asynchronous: trap spaces walked, each node decided exactly
};
/// The contracted name of the JSON "method" key: "exhaustive", "sat", "bdd", "sample",
/// "sat+sample", "respond (explicit)", "respond (sample)", "respond (symbolic)",
/// "succession-diagram".
std::string to_string(Algorithm a);
/// A name that tells every algorithm apart ("sat-cycles", "sat-fixed-points", ...), for
/// the JSON "algorithm" key.
std::string algorithm_name(Algorithm a);
/// Writes to_string(a), so text output reads as before the enum.
std::ostream& operator<<(std::ostream& out, Algorithm a);

struct Result {
    std::vector<Attractor> attractors;
    UpdateScheme update = UpdateScheme::synchronous;
    Algorithm method = Algorithm::none;
    bool complete = true;                // every attractor was found
    std::uint64_t searched_states = 0;   // size of the searched space (0 when not enumerated)
    std::size_t searched_variables = 0;  // free variables of the network actually searched
    std::vector<std::string> notes;      // what a user should know (limits hit, reductions)
    bool timed_out = false;              // stopped at Control::deadline (then complete = false)
    // Fixed-point searches: the exact number of fixed points when known, which may exceed
    // the attractors listed (complete = false then means only that the list is partial).
    std::optional<Count> fixed_point_count;

    /// The states in the listed attractors' basins (0 when no basin was computed).
    std::uint64_t basin_total() const;
    /// `states` as a share of basin_total() (0 when there is none): how much of the searched
    /// space a basin, or a set of basins, is.
    double basin_share(std::uint64_t states) const;
};

}  // namespace bitsig
