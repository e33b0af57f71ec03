// SPDX-License-Identifier: MIT
// Window averages by intervals: a trajectory contributes, per signal, the intervals during
// which the signal was on. An interval touches at most two windows partially; the windows
// strictly inside it are whole and go to a difference array, so the cost of a trajectory
// is proportional to its number of switches, not to the number of windows it spans.
#include "simulate/windows.hpp"

#include <algorithm>
#include <cmath>

namespace bitsig {

TimeWindows::TimeWindows(double max_time, double dt) : max_time_(max_time), dt_(dt), per_dt_(1 / dt) {
    // The last window may be shorter; a remainder below a millionth of dt is rounding.
    double n = max_time / dt;
    count_ = static_cast<std::size_t>(std::ceil(n - 1e-6));
    if (count_ == 0) count_ = 1;
    inverse_last_ = 1 / length(count_ - 1);
}

WindowSums::WindowSums(const TimeWindows& windows, std::size_t signals)
    : windows_(&windows), signals_(signals), cells_(windows.count() * signals) {}

void WindowSums::merge(const WindowSums& other) {
    for (std::size_t i = 0; i < cells_.size(); ++i) {
        cells_[i].time += other.cells_[i].time;
        cells_[i].square += other.cells_[i].square;
        cells_[i].whole += other.cells_[i].whole;
    }
}

void WindowSums::finish(std::uint64_t samples, std::vector<std::vector<double>>& mean,
                        std::vector<std::vector<double>>& standard_error) const {
    const std::size_t K = windows_->count();
    mean.assign(signals_, std::vector<double>(K, 0.0));
    standard_error.assign(signals_, std::vector<double>(K, 0.0));
    const double n = static_cast<double>(samples);
    std::vector<std::int64_t> whole(signals_, 0);
    for (std::size_t k = 0; k < K; ++k) {
        for (std::size_t s = 0; s < signals_; ++s) {
            const Cell& c = cells_[k * signals_ + s];
            whole[s] += c.whole;
            const double w = static_cast<double>(whole[s]);
            const double m = (c.time / windows_->length(k) + w) / n;
            const double second = (c.square + w) / n;
            mean[s][k] = std::clamp(m, 0.0, 1.0);
            const double variance = std::max(0.0, second - m * m);
            standard_error[s][k] = samples > 1 ? std::sqrt(variance / (n - 1)) : 0.0;
        }
    }
}

void LaneWindows::finish(double max_time, WindowSums& sums) {
    for (std::size_t s = 0; s < signals_.size(); ++s) {
        if (signals_[s].on_since >= 0) switch_off(s, max_time, sums);
        Signal& g = signals_[s];
        if (g.pending_window != kNone) sums.add_partial(g.pending_window, s, g.pending);
        g.pending_window = kNone;
    }
}

}  // namespace bitsig
