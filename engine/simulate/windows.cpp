// SPDX-License-Identifier: MIT
// Window averages by intervals: a trajectory contributes, per signal, the intervals during
// which the signal was on. An interval touches at most two windows partially; the windows
// strictly inside it are whole and go to a difference array, so the cost of a trajectory
// is proportional to its number of switches, not to the number of windows it spans.
#include "simulate/windows.hpp"

#include <algorithm>
#include <cmath>

namespace bitsig {

TimeWindows::TimeWindows(double max_time, double dt) : max_time_(max_time), dt_(dt) {
    // The last window may be shorter; a remainder below a millionth of dt is rounding.
    double n = max_time / dt;
    count_ = static_cast<std::size_t>(std::ceil(n - 1e-6));
    if (count_ == 0) count_ = 1;
}

std::size_t TimeWindows::index(double t) const {
    if (t <= 0) return 0;
    auto k = static_cast<std::size_t>(t / dt_);
    return std::min(k, count_ - 1);
}

WindowSums::WindowSums(const TimeWindows& windows, std::size_t signals)
    : windows_(&windows),
      signals_(signals),
      time_(windows.count() * signals, 0.0),
      square_(windows.count() * signals, 0.0),
      whole_(windows.count() * signals, 0) {}

void WindowSums::merge(const WindowSums& other) {
    for (std::size_t i = 0; i < time_.size(); ++i) {
        time_[i] += other.time_[i];
        square_[i] += other.square_[i];
        whole_[i] += other.whole_[i];
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
            whole[s] += whole_[k * signals_ + s];
            const double w = static_cast<double>(whole[s]);
            const double m = (time_[k * signals_ + s] / windows_->length(k) + w) / n;
            const double second = (square_[k * signals_ + s] + w) / n;
            mean[s][k] = std::clamp(m, 0.0, 1.0);
            const double variance = std::max(0.0, second - m * m);
            standard_error[s][k] = samples > 1 ? std::sqrt(variance / (n - 1)) : 0.0;
        }
    }
}

void LaneWindows::switch_off(std::size_t s, double t, WindowSums& sums) {
    const double a = on_since_[s];
    on_since_[s] = -1;
    if (t <= a) return;
    const std::size_t first = windows_->index(a), last = windows_->index(t);
    if (first == last) {
        piece(first, s, t - a, sums);
        return;
    }
    piece(first, s, windows_->end(first) - a, sums);
    sums.add_whole(first + 1, last, s);
    if (t > windows_->start(last)) piece(last, s, t - windows_->start(last), sums);
}

void LaneWindows::finish(double max_time, WindowSums& sums) {
    for (std::size_t s = 0; s < on_since_.size(); ++s) {
        if (on_since_[s] >= 0) switch_off(s, max_time, sums);
        if (pending_window_[s] != kNone) sums.add_partial(pending_window_[s], s, pending_[s]);
        pending_window_[s] = kNone;
    }
}

}  // namespace bitsig
