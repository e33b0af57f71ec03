// SPDX-License-Identifier: MIT
// Time-window sums for MaBoSS's probtraj averages, accumulated as trajectories run so
// memory does not grow with the number of samples.
#pragma once

#include <cstdint>
#include <vector>

namespace bitsig {

/// Windows [k*dt, min((k+1)*dt, max_time)) for k in [0, count()).
class TimeWindows {
public:
    TimeWindows(double max_time, double dt);
    std::size_t count() const { return count_; }
    double start(std::size_t k) const { return static_cast<double>(k) * dt_; }
    double end(std::size_t k) const { return k + 1 == count_ ? max_time_ : static_cast<double>(k + 1) * dt_; }
    double length(std::size_t k) const { return end(k) - start(k); }
    /// The window containing time t in [0, max_time] (max_time belongs to the last one).
    std::size_t index(double t) const;

private:
    double max_time_;
    double dt_;
    std::size_t count_;
};

/// Per signal and window: the sum over trajectories of the time the signal was on inside
/// the window and of the square of that time as a fraction of the window (for standard
/// errors). Windows a trajectory spent entirely on are counted as whole windows in
/// `whole_` (a difference array over windows, so a long on-interval costs O(1)).
class WindowSums {
public:
    WindowSums(const TimeWindows& windows, std::size_t signals);

    /// One trajectory's on-time `x` in window k of signal s, all of it (each window of a
    /// trajectory and signal is added at most once).
    void add_partial(std::size_t k, std::size_t s, double x) {
        time_[k * signals_ + s] += x;
        const double f = x / windows_->length(k);
        square_[k * signals_ + s] += f * f;
    }
    /// One trajectory was on in all of windows [first, last) of signal s.
    void add_whole(std::size_t first, std::size_t last, std::size_t s) {
        if (first >= last) return;
        whole_[first * signals_ + s] += 1;
        if (last < windows_->count()) whole_[last * signals_ + s] -= 1;
    }
    void merge(const WindowSums& other);

    /// Mean over `samples` trajectories of the fraction of window k that s was on, and
    /// its standard error.
    void finish(std::uint64_t samples, std::vector<std::vector<double>>& mean,
                std::vector<std::vector<double>>& standard_error) const;

private:
    const TimeWindows* windows_;
    std::size_t signals_;
    std::vector<double> time_;
    std::vector<double> square_;
    std::vector<std::int64_t> whole_;
};

/// Follows one trajectory's signals: open on-intervals and the window that is still
/// being summed, so each (window, signal) reaches WindowSums once per trajectory.
class LaneWindows {
public:
    LaneWindows(const TimeWindows& windows, std::size_t signals)
        : windows_(&windows), on_since_(signals, -1), pending_window_(signals, kNone), pending_(signals, 0) {}

    void switch_on(std::size_t s, double t) { on_since_[s] = t; }
    /// The signal was on since switch_on and turns off at t.
    void switch_off(std::size_t s, double t, WindowSums& sums);
    /// Closes every open interval at max_time and flushes; ready for the next trajectory.
    void finish(double max_time, WindowSums& sums);

private:
    static constexpr std::uint32_t kNone = UINT32_MAX;
    void piece(std::size_t k, std::size_t s, double x, WindowSums& sums) {
        if (pending_window_[s] == k) {
            pending_[s] += x;
            return;
        }
        if (pending_window_[s] != kNone) sums.add_partial(pending_window_[s], s, pending_[s]);
        pending_window_[s] = static_cast<std::uint32_t>(k);
        pending_[s] = x;
    }
    const TimeWindows* windows_;
    std::vector<double> on_since_;  // < 0: off
    std::vector<std::uint32_t> pending_window_;
    std::vector<double> pending_;
};

}  // namespace bitsig
