// SPDX-License-Identifier: MIT
// Per-trajectory random streams. SplitMix64 (Steele, Lea and Flood 2014) is a counter
// passed through a strong 64-bit mixer, so a stream is fully determined by its starting
// counter; keying that counter by (seed, trajectory index) gives every trajectory its own
// stream, independent of how trajectories are spread over lanes, blocks and threads.
// Exponential waiting times use the ziggurat method of Marsaglia and Tsang (2000): 256
// layers of equal area under exp(-x), so that ~99% of draws cost one random word, one
// multiplication and one comparison, instead of a logarithm.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>

namespace bitsig {

/// Layer edges of the exponential ziggurat: edge[0] is the base layer's virtual width
/// (rectangle plus tail), edge[1] = r the tail start, edge[256] = 0; density[k] = exp(-edge[k]).
struct ExponentialZiggurat {
    static constexpr double kTail = 7.69711747013104972;       // r for 256 layers
    static constexpr double kArea = 0.0039496598225815571993;  // area of each layer
    std::array<double, 257> edge{};
    std::array<double, 257> density{};
    ExponentialZiggurat() {
        edge[0] = kArea / std::exp(-kTail);
        edge[1] = kTail;
        for (std::size_t k = 1; k < 255; ++k) edge[k + 1] = -std::log(std::exp(-edge[k]) + kArea / edge[k]);
        edge[256] = 0;
        for (std::size_t k = 0; k < 257; ++k) density[k] = std::exp(-edge[k]);
    }
};

/// The table, built once before main (no guard to test on every draw).
inline const ExponentialZiggurat kExponentialZiggurat{};

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
    double unit_open_low() { return static_cast<double>(static_cast<std::int64_t>((next() >> 11) + 1)) * 0x1.0p-53; }
    /// Uniform in [0, 1).
    double unit() { return static_cast<double>(static_cast<std::int64_t>(next() >> 11)) * 0x1.0p-53; }
    /// Exponential waiting time of a process with total rate `rate` > 0.
    double exponential(double rate) { return standard_exponential() / rate; }

    /// Exponential with mean 1 (ziggurat; see the file comment). The common case is inline;
    /// the rare rejection steps are out of line, so the hot path saves no registers.
    double standard_exponential() {
        const ExponentialZiggurat& z = kExponentialZiggurat;
        const std::uint64_t bits = next();
        const std::size_t k = bits & 255;
        const double x = static_cast<double>(static_cast<std::int64_t>(bits >> 11)) * 0x1.0p-53 * z.edge[k];
        if (x < z.edge[k + 1]) [[likely]]
            return x;  // inside the part of the layer under the curve
        return exponential_beyond(k, x);
    }

    /// Advances the stream past `draws` words without computing them: the same stream
    /// afterwards as `draws` calls of next().
    void skip(std::uint64_t draws) { counter_ += draws * 0x9E3779B97F4A7C15ull; }

    /// The stream's counter, and a stream resumed from one: a vector walk keeps the
    /// counters of several trajectories in one register and steps them itself.
    std::uint64_t counter() const { return counter_; }
    static TrajectoryRandom resume(std::uint64_t counter) {
        TrajectoryRandom r;
        r.counter_ = counter;
        return r;
    }
    static constexpr std::uint64_t kIncrement = 0x9E3779B97F4A7C15ull;

    // The ziggurat's slow path for a draw that fell outside layer k's rectangle at x: the
    // tail, the wedge test, and further draws, in the order of the plain loop.
    [[gnu::noinline]] double exponential_beyond(std::size_t k, double x) {
        const ExponentialZiggurat& z = kExponentialZiggurat;
        for (;;) {
            if (k == 0) return ExponentialZiggurat::kTail - std::log(unit_open_low());  // memoryless tail
            const double y = z.density[k] + unit() * (z.density[k + 1] - z.density[k]);
            if (y < std::exp(-x)) return x;
            const std::uint64_t bits = next();
            k = bits & 255;
            x = static_cast<double>(static_cast<std::int64_t>(bits >> 11)) * 0x1.0p-53 * z.edge[k];
            if (x < z.edge[k + 1]) return x;
        }
    }

private:
    std::uint64_t counter_ = 0;
};

}  // namespace bitsig
