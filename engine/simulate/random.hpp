// SPDX-License-Identifier: MIT
// Per-trajectory random streams. SplitMix64 (Steele, Lea and Flood 2014) is a counter
// passed through a strong 64-bit mixer, so a stream is fully determined by its starting
// counter; keying that counter by (seed, trajectory index) gives every trajectory its own
// stream, independent of how trajectories are spread over lanes, blocks and threads.
#pragma once

#include <cmath>
#include <cstdint>

namespace bitsig {

constexpr std::uint64_t mix64(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

class TrajectoryRandom {
public:
    TrajectoryRandom() = default;
    TrajectoryRandom(std::uint64_t seed, std::uint64_t trajectory)
        : counter_(mix64(mix64(seed ^ 0x5851F42D4C957F2Dull) + trajectory * 0xD1B54A32D192ED03ull)) {}

    std::uint64_t next() {
        counter_ += 0x9E3779B97F4A7C15ull;
        return mix64(counter_);
    }
    /// Uniform in (0, 1]: never 0, so -log(u) is finite.
    double unit_open_low() { return static_cast<double>((next() >> 11) + 1) * 0x1.0p-53; }
    /// Uniform in [0, 1).
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// Exponential waiting time of a process with total rate `rate` > 0.
    double exponential(double rate) { return -std::log(unit_open_low()) / rate; }

private:
    std::uint64_t counter_ = 0;
};

}  // namespace bitsig
