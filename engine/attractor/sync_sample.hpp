// SPDX-License-Identifier: MIT
// Many synchronous trajectories at once: 64*W random starts through the compiled rules,
// each lane with its own cycle detection, for the SAT search's sampling phase.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "core/bits.hpp"
#include "dynamics/program.hpp"
#include "model/network.hpp"
#include "state/state.hpp"

namespace bitsig {

/// A lane whose trajectory closed a cycle: a state on its cycle, the lane's state
/// `checkpoint_age` steps after its start (on the cycle, so the transient is at most that),
/// and its state at the checkpoint before (`earlier`, `earlier_age` steps after the start;
/// the start itself when there was none), from which the exact transient is a short walk.
struct ClosedTrajectory {
    State on_cycle;
    std::size_t checkpoint_age = 0;
    State earlier;
    std::size_t earlier_age = 0;
    State start;
};

/// Synchronous trajectories from random states, 64*kWords lanes at a time. Each lane runs
/// Brent's (1980) cycle detection: it keeps a checkpoint state, replaced at steps 1, 2, 4,
/// 8, ... of the lane, and the lane has closed a cycle when its state equals the
/// checkpoint. A closed lane restarts at once from a fresh random state, so lanes with
/// long transients do not hold up the others. Deterministic for a given seed.
class SyncLaneSampler {
public:
    static constexpr std::size_t kWords = 4;
    static constexpr std::size_t kLanes = 64 * kWords;

    SyncLaneSampler(const Network& net, std::uint64_t seed);

    /// One synchronous step of every lane; appends the lanes that closed a cycle to `closed`
    /// (and restarts them). Returns nothing when the network has no variables.
    void step(std::vector<ClosedTrajectory>& closed);

    /// Trajectories started so far (the lanes in flight included).
    std::uint64_t started() const { return started_; }

private:
    State lane_state(const std::vector<Word>& regs, std::size_t lane) const;
    void restart(std::size_t lane);

    std::size_t n_;
    Program program_;
    std::mt19937_64 rng_;
    std::vector<Word> state_, next_, checkpoint_, earlier_, scratch_;
    std::vector<std::uint64_t> age_;  // steps each lane has taken since its start
    std::vector<State> start_;
    std::uint64_t started_ = 0;
};

}  // namespace bitsig
