// SPDX-License-Identifier: MIT
// Exhaustive attractor search over every state of the searched space (2^free variables),
// bit-parallel: successors are computed 2048 states per pass of the compiled program.
#pragma once

#include <cstdint>

#include "attractor/attractor.hpp"
#include "core/buffer.hpp"
#include "model/network.hpp"

namespace bitsig {

struct ExhaustiveOptions {
    bool basins = true;                      // count basin sizes (synchronous: free; asynchronous: extra passes)
    bool peel_leaves = true;                 // synchronous: search without variables nothing depends on (exact)
    std::uint64_t max_listed_states = 4096;  // asynchronous: list complex attractors up to this size
    double memory_fraction = 0.85;           // refuse searches needing more of the available memory
};

/// Largest number of free variables each search can index (states are 32-bit indices).
constexpr std::size_t kMaxExhaustiveVars = 32;

/// Bytes the search needs for `free_vars` free variables.
std::uint64_t exhaustive_memory_bytes(std::size_t free_vars, UpdateScheme update);
/// Memory the machine can give us now (MemAvailable), in bytes.
std::uint64_t available_memory_bytes();
/// Throws ResourceError (exit 3) with advice when the search would not fit.
void require_exhaustive_fits(std::size_t free_vars, UpdateScheme update, const ExhaustiveOptions& options);

using Successors = StateArray<std::uint32_t>;

/// For every state index x of `net` (at most 32 variables; variable v is bit v of x): its
/// synchronous successor, or with `as_mask` the set of variables that disagree with their
/// rule (x's asynchronous moves). Bit-parallel and multithreaded.
Successors successor_table(const Network& net, bool as_mask, const Control& control);

/// Which variables a synchronous search must enumerate: all but those that, repeatedly,
/// no remaining variable reads (their values follow from the others' past). true = kept.
std::vector<bool> synchronous_core(const Network& net);

/// Synchronous attractors and exact basin sizes over the 2^(n - constant) states, as
/// BoolNet's getAttractors(type = "synchronous", method = "exhaustive").
Result exhaustive_synchronous(const Network& net, const ExhaustiveOptions& options, const Control& control);

/// Asynchronous attractors: terminal strongly connected components of the state graph.
/// With options.basins, basin_size counts states from which only this attractor is
/// reachable (the strong basin).
Result exhaustive_asynchronous(const Network& net, const ExhaustiveOptions& options, const Control& control);

}  // namespace bitsig
