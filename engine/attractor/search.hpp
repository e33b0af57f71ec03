// SPDX-License-Identifier: MIT
// Choosing and running a search method: the planner behind `bitsig attractors`.
#pragma once

#include <string>
#include <vector>

#include "attractor/attractor.hpp"
#include "attractor/exhaustive.hpp"
#include "attractor/fixed_points.hpp"
#include "attractor/sampling.hpp"
#include "attractor/succession.hpp"
#include "attractor/sync_sat.hpp"
#include "model/network.hpp"

namespace bitsig {

/// fixed_points: stable states only (exact, any size), for screens of networks too large
/// for a complete attractor search; cyclic and complex attractors are not looked for.
enum class Method { automatic, exhaustive, sat, sample, fixed_points };
std::string to_string(Method m);
/// The method named on a command line ("auto", "exhaustive", "sat", "sample",
/// "fixed-points"); InputError naming the choices otherwise.
Method parse_method(const std::string& name);
/// The names parse_method accepts, for command-line help.
const std::vector<std::string>& method_names();

struct SearchOptions {
    UpdateScheme update = UpdateScheme::synchronous;
    Method method = Method::automatic;
    bool reduce = true;                // percolate constants before searching (keeps attractors)
    bool async_basins = false;         // asynchronous strong basins (extra passes)
    bool sync_basins = false;          // automatic: basins wanted, so enumerate the space rather than use SAT
    double sync_state_seconds = 8e-9;  // automatic: estimated cost of one state in an exhaustive synchronous search
    std::size_t huge_inputs = 17;      // warn when this many inputs are free: at least 2^k attractors
    std::size_t auto_full_space_limit = 22;  // automatic: whole-space synchronous search (basins as BoolNet) up to this
    std::size_t auto_sync_limit =
        30;  // automatic: exhaustive synchronous (after percolation) up to this many core variables
    std::size_t auto_async_limit = 24;  // automatic: exhaustive asynchronous up to this many variables
    ExhaustiveOptions exhaustive;
    FixedPointOptions fixed_points;
    SyncSatOptions sync_sat;
    SamplingOptions sampling;
    bool use_succession = true;  // automatic, asynchronous beyond exhaustive size: the succession diagram first
    SuccessionOptions succession;
};

/// Attractors of `net` (already perturbed) under options.update. States are full states
/// of `net`. The result says which method ran and whether it is complete.
Result find_attractors(const Network& net, const SearchOptions& options, const Control& control);

/// Fixed points of any network (exact; the same for both update schemes).
Result find_all_fixed_points(const Network& net, const SearchOptions& options, const Control& control);

/// Number of variables an exhaustive synchronous search would enumerate after dropping
/// constants and variables nothing reads.
std::size_t synchronous_core_size(const Network& net);

}  // namespace bitsig
