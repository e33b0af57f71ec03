// SPDX-License-Identifier: MIT
// Time-window sums for MaBoSS's probtraj averages, accumulated as trajectories run so
// memory does not grow with the number of samples.
#pragma once

#include <cstdint>
#include <vector>

#include "core/bits.hpp"
#include "distributed/wire.hpp"

namespace bitsig {

/// Windows [k*dt, min((k+1)*dt, max_time)) for k in [0, count()).
class TimeWindows {
public:
    TimeWindows(double max_time, double dt);
    std::size_t count() const { return count_; }
    double start(std::size_t k) const { return as_double(k) * dt_; }
    double end(std::size_t k) const { return k + 1 == count_ ? max_time_ : as_double(k + 1) * dt_; }
    double length(std::size_t k) const { return end(k) - start(k); }
    double tick() const { return dt_; }
    double per_tick() const { return per_dt_; }
    /// 1 / length(k), without a division on the hot path.
    double inverse_length(std::size_t k) const { return k + 1 == count_ ? inverse_last_ : per_dt_; }
    /// The window containing time t in [0, max_time] (max_time belongs to the last one).
    std::size_t index(double t) const {
        if (t <= 0) return 0;
        auto k = static_cast<std::size_t>(static_cast<std::int64_t>(t * per_dt_));
        // Rounding of t * (1/dt) may land one window off at a boundary; start() decides.
        if (k > 0 && t < start(k))
            --k;
        else if (k + 1 < count_ && t >= start(k + 1))
            ++k;
        return k < count_ ? k : count_ - 1;
    }

private:
    // Through a signed integer: the same value (k < 10^7 windows), but one instruction on
    // baseline x86-64, where converting an unsigned 64-bit integer takes a branch and several.
    static double as_double(std::size_t k) { return static_cast<double>(static_cast<std::int64_t>(k)); }
    double max_time_;
    double dt_;
    double per_dt_;  // 1 / dt: index() multiplies
    std::size_t count_;
    double inverse_last_ = 1;  // 1 / length of the last (possibly shorter) window
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
        Cell& c = cells_[k * signals_ + s];
        c.time += x;
        const double f = x * windows_->inverse_length(k);
        c.square += f * f;
    }
    /// One trajectory was on in all of windows [first, last) of signal s.
    void add_whole(std::size_t first, std::size_t last, std::size_t s) {
        if (first >= last) return;
        cells_[first * signals_ + s].whole += 1;
        if (last < windows_->count()) cells_[last * signals_ + s].whole -= 1;
    }
    /// Adds d to the whole-window count of window k < count() and signal s: the
    /// difference array's entry, unchecked.
    void shift_whole(std::size_t k, std::size_t s, std::int64_t d) { cells_[k * signals_ + s].whole += d; }
    void merge(const WindowSums& other);
    /// The sums as bytes for another rank, and merge() of such bytes (same windows and
    /// signals; the same additions as merge(), without a copy; wire.cpp).
    void write(WireWriter& out) const;
    void merge(WireReader& in);

    /// Mean over `samples` trajectories of the fraction of window k that s was on, and
    /// its standard error.
    void finish(std::uint64_t samples, std::vector<std::vector<double>>& mean,
                std::vector<std::vector<double>>& standard_error) const;

private:
    const TimeWindows* windows_;
    std::size_t signals_;
    // One cell per (window, signal), its three sums together: on large models the sums do
    // not fit in cache and each update is one cache line instead of three.
    struct Cell {
        double time = 0;
        double square = 0;
        std::int64_t whole = 0;
    };
    std::vector<Cell> cells_;
};

/// Follows one trajectory's signals: open on-intervals and the window that is still
/// being summed, so each (window, signal) reaches WindowSums once per trajectory.
class LaneWindows {
public:
    LaneWindows(const TimeWindows& windows, std::size_t signals) : windows_(&windows), signals_(signals) {}

    void switch_on(std::size_t s, double t) { signals_[s].on_since = t; }
    /// The signal was on since switch_on and turns off at t.
    void switch_off(std::size_t s, double t, WindowSums& sums) {
        Signal& g = signals_[s];
        const double a = g.on_since;
        g.on_since = -1;
        if (t <= a) return;
        const std::size_t first = windows_->index(a), last = windows_->index(t);
        if (first == last) return piece(g, first, s, t - a, sums);
        piece(g, first, s, windows_->end(first) - a, sums);
        sums.add_whole(first + 1, last, s);
        if (t > windows_->start(last)) piece(g, last, s, t - windows_->start(last), sums);
    }
    /// Closes every open interval at max_time and flushes; ready for the next trajectory.
    void finish(double max_time, WindowSums& sums);

private:
    static constexpr std::uint32_t kNone = UINT32_MAX;
    struct Signal {
        double on_since = -1;  // < 0: off
        double pending = 0;    // on-time so far in pending_window
        std::uint32_t pending_window = kNone;
    };
    void piece(Signal& g, std::size_t k, std::size_t s, double x, WindowSums& sums) {
        if (g.pending_window == k) {
            g.pending += x;
            return;
        }
        if (g.pending_window != kNone) sums.add_partial(g.pending_window, s, g.pending);
        g.pending_window = static_cast<std::uint32_t>(k);
        g.pending = x;
    }
    const TimeWindows* windows_;
    std::vector<Signal> signals_;
};

/// LaneWindows for one trajectory at a time whose signals fit in one word (the table
/// engine), with the same sums: the window of the current time is followed as time grows,
/// so a switch costs no window search, and the signals that are on or have a window still
/// being summed are bit masks, so closing a trajectory visits only those.
class WalkWindows {
public:
    using Mask = Word;
    explicit WalkWindows(const TimeWindows& windows)
        : windows_(&windows), last_window_(windows.index(windows.end(windows.count() - 1))) {}

    /// A new trajectory at time 0, with the signals of `on` on.
    void start(Mask on) {
        time_ = 0;
        current_ = 0;
        for (Mask m = on; m != 0; m &= m - 1) switch_on(lowest_bit(m));
    }
    /// Time moves on to t, not before the current time. The window is searched once per
    /// jump, as TimeWindows::index does (a multiplication and two well-predicted tests):
    /// following windows one by one as time grows costs a mispredicted branch per window.
    void advance(double t) {
        time_ = t;
        current_ = windows_->index(t);
    }
    /// advance(t) with t's window already found (windows.index(t)).
    void advance(double t, std::size_t window) {
        time_ = t;
        current_ = window;
    }
    /// Signal s turns on at the current time.
    void switch_on(std::size_t s) {
        Signal& g = signals_[s];
        g.on_since = time_;
        g.on_window = static_cast<std::uint32_t>(current_);
    }
    /// Signal s, on since switch_on, turns off at the current time.
    void switch_off(std::size_t s, WindowSums& sums) {
        Signal& g = signals_[s];
        const double a = g.on_since, t = time_;
        if (t <= a) return;
        const std::size_t first = g.on_window, last = current_;
        const Mask bit = Mask{1} << s;
        if (first == last) {
            if ((pending_ & bit) && g.pending_window == first) {
                g.pending += t - a;
                return;
            }
            if (pending_ & bit) sums.add_partial(g.pending_window, s, g.pending);
            pending_ |= bit;
            g.pending_window = static_cast<std::uint32_t>(first);
            g.pending = t - a;
            return;
        }
        // The interval leaves window `first`: no later interval reaches it, so its on-time
        // there is complete and goes to the sums now (LaneWindows adds the same at its next
        // piece or at the end).
        double x = windows_->end(first) - a;
        if (pending_ & bit) {
            if (g.pending_window == first)
                x = g.pending + x;
            else
                sums.add_partial(g.pending_window, s, g.pending);
        }
        sums.add_partial(first, s, x);
        // Whole windows first+1 .. last-1: +1 and -1 in the difference array, which cancel
        // when the windows are adjacent (last is never past the last window here), so
        // there is no branch on whether any window lies between.
        sums.shift_whole(first + 1, s, 1);
        sums.shift_whole(last, s, -1);
        if (t > windows_->start(last)) {
            pending_ |= bit;
            g.pending_window = static_cast<std::uint32_t>(last);
            g.pending = t - windows_->start(last);
        } else {
            pending_ &= ~bit;
        }
    }
    /// Closes the intervals of the signals of `on` at max_time and flushes; ready for start().
    void finish(Mask on, WindowSums& sums) {
        time_ = windows_->end(windows_->count() - 1);
        current_ = last_window_;
        for (Mask m = on; m != 0; m &= m - 1) switch_off(lowest_bit(m), sums);
        for (Mask m = pending_; m != 0; m &= m - 1) {
            const auto s = lowest_bit(m);
            sums.add_partial(signals_[s].pending_window, s, signals_[s].pending);
        }
        pending_ = 0;
    }

private:
    struct Signal {
        double on_since = 0;
        double pending = 0;  // on-time so far in pending_window (when its bit of pending_ is set)
        std::uint32_t on_window = 0;
        std::uint32_t pending_window = 0;
    };
    const TimeWindows* windows_;
    std::size_t last_window_;  // the window of max_time
    double time_ = 0;
    std::size_t current_ = 0;  // the window of time_
    Mask pending_ = 0;         // signals with on-time in a window not yet added to the sums
    Signal signals_[64];
};

/// WalkWindows's sums for one signal of one trajectory at a time, its on-intervals given in
/// time order with their windows: each (window, signal) cell gets at most one addition per
/// trajectory, so a trajectory's signals may be closed one after another, and then an
/// interval needs no test of the switch's direction and the window still being summed is
/// a local variable, not a field per signal with a bit in a mask. The same operations, in
/// the same order per signal, as WalkWindows::switch_off and finish.
class SignalWindows {
public:
    SignalWindows(const TimeWindows& windows, WindowSums& sums, std::size_t s)
        : windows_(&windows), sums_(&sums), s_(s) {}
    /// The signal was on from time a (in window first) until time t (in window last).
    void on_between(double a, std::size_t first, double t, std::size_t last) {
        if (t <= a) return;
        if (first == last) {
            if (pending_ && window_ == first) {
                time_ += t - a;
                return;
            }
            if (pending_) sums_->add_partial(window_, s_, time_);
            pending_ = true;
            window_ = first;
            time_ = t - a;
            return;
        }
        double x = windows_->end(first) - a;
        if (pending_) {
            if (window_ == first)
                x = time_ + x;
            else
                sums_->add_partial(window_, s_, time_);
        }
        sums_->add_partial(first, s_, x);
        sums_->shift_whole(first + 1, s_, 1);
        sums_->shift_whole(last, s_, -1);
        pending_ = t > windows_->start(last);
        if (pending_) {
            window_ = last;
            time_ = t - windows_->start(last);
        }
    }
    /// Adds the on-time of the window still being summed.
    void finish() {
        if (pending_) sums_->add_partial(window_, s_, time_);
    }

private:
    const TimeWindows* windows_;
    WindowSums* sums_;
    std::size_t s_;
    bool pending_ = false;
    std::size_t window_ = 0;
    double time_ = 0;  // on-time so far in window_
};

}  // namespace bitsig
