// SPDX-License-Identifier: MIT
// Bit-parallel synchronous trajectories with per-lane cycle detection.
//
// The SAT search for synchronous attractors (sync_sat.cpp) wants the attractors with
// sizeable basins, and the length of the longest transient, before its first solver call:
// every attractor the simulation finds is one expensive satisfiable call saved, and the
// transients say how deep the unrolling for the proof must go. Simulation one state at a
// time spends most of its time on hashing states; here the compiled program (dynamics/
// program.hpp) steps 256 trajectories at once for the price of one, and cycle detection
// is Brent's (1980) "teleporting tortoise", which needs one saved state per lane and a
// comparison per step, both bit-parallel: the lanes whose state equals their checkpoint
// form one mask word per 64 lanes. Lane ages differ (a closed lane restarts at once), so
// checkpoints are copied under a lane mask.
#include "attractor/sync_sample.hpp"

#include <bit>

namespace bitsig {

SyncLaneSampler::SyncLaneSampler(const Network& net, std::uint64_t seed)
    : n_(net.num_vars()), program_(Program::compile(net)), rng_(seed), state_(n_ * kWords, 0), next_(n_ * kWords, 0),
      checkpoint_(n_ * kWords, 0), earlier_(n_ * kWords, 0), scratch_(program_.scratch_words(kWords), 0),
      age_(kLanes, 0), start_(kLanes) {
    for (std::size_t lane = 0; lane < kLanes; ++lane) restart(lane);
}

State SyncLaneSampler::lane_state(const std::vector<Word>& regs, std::size_t lane) const {
    const std::size_t k = lane / 64;
    const unsigned j = lane % 64;
    State s(n_);
    for (std::size_t v = 0; v < n_; ++v) s.set(v, (regs[v * kWords + k] >> j) & 1);
    return s;
}

void SyncLaneSampler::restart(std::size_t lane) {
    const std::size_t k = lane / 64;
    const Word bit = Word{1} << (lane % 64);
    State s(n_);
    Word random = 0;
    for (std::size_t v = 0; v < n_; ++v) {
        if (v % 64 == 0) random = rng_();
        const bool value = (random >> (v % 64)) & 1;
        s.set(v, value);
        Word& w = state_[v * kWords + k];
        w = value ? (w | bit) : (w & ~bit);
        Word& c = checkpoint_[v * kWords + k];
        c = value ? (c | bit) : (c & ~bit);
        Word& e = earlier_[v * kWords + k];
        e = value ? (e | bit) : (e & ~bit);
    }
    start_[lane] = std::move(s);
    age_[lane] = 0;
    ++started_;
}

void SyncLaneSampler::step(std::vector<ClosedTrajectory>& closed) {
    if (n_ == 0) return;
    program_.run<kWords>(state_.data(), next_.data(), scratch_.data());
    state_.swap(next_);
    for (std::size_t k = 0; k < kWords; ++k) {
        // Lanes whose new state equals their checkpoint have closed a cycle.
        Word same = ~Word{0};
        for (std::size_t v = 0; v < n_; ++v) same &= ~(state_[v * kWords + k] ^ checkpoint_[v * kWords + k]);
        // Lanes whose age becomes a power of two move their checkpoint to the new state.
        Word move = 0;
        for (unsigned j = 0; j < 64; ++j) {
            const std::uint64_t age = ++age_[64 * k + j];
            if ((age & (age - 1)) == 0) move |= Word{1} << j;
        }
        for (Word rest = same; rest != 0; rest &= rest - 1) {
            const std::size_t lane = 64 * k + static_cast<unsigned>(std::countr_zero(rest));
            // The checkpoint was taken at the largest power of two below the age (or at the
            // start), and it lies on the cycle; the one before at half that age.
            const std::uint64_t age = age_[lane];
            const std::uint64_t at = age == 1 ? 0 : std::bit_floor(age - 1);
            closed.push_back({lane_state(state_, lane), static_cast<std::size_t>(at), lane_state(earlier_, lane),
                              static_cast<std::size_t>(at / 2), start_[lane]});
        }
        move &= ~same;
        if (move != 0)
            for (std::size_t v = 0; v < n_; ++v) {
                Word& c = checkpoint_[v * kWords + k];
                Word& e = earlier_[v * kWords + k];
                e = (e & ~move) | (c & move);
                c = (c & ~move) | (state_[v * kWords + k] & move);
            }
        for (Word rest = same; rest != 0; rest &= rest - 1)
            restart(64 * k + static_cast<unsigned>(std::countr_zero(rest)));
    }
}

}  // namespace bitsig
