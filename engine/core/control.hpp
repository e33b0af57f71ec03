// SPDX-License-Identifier: MIT
// How a caller steers a long computation: cooperative cancellation, a deadline, progress,
// warnings and threads. Every engine folder may take one, so it lives in core/.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <string>

namespace bitsig {

/// Cooperative cancellation and progress for long computations. `cancel` is polled; a
/// computation that sees it set, or its deadline passed, throws Interrupted. Searches that
/// can answer in part catch that when timed_out() and return what they found, marked
/// incomplete (`--timeout`); a user's Ctrl-C always propagates. `progress` receives a
/// fraction in [0, 1], or a negative value when no fraction is known (only `what` counts).
struct Control {
    using Clock = std::chrono::steady_clock;
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(double fraction, const std::string& what)> progress;
    std::function<void(const std::string& message)> warn;   // shown at once; results carry it too
    unsigned threads = 0;                                   // 0: all hardware threads
    Clock::time_point deadline = Clock::time_point::max();  // max(): no deadline

    /// The user asked to stop (Ctrl-C, SIGTERM).
    bool interrupted() const { return cancel && cancel->load(std::memory_order_relaxed); }
    /// The deadline passed, and no interruption came first.
    bool timed_out() const { return !interrupted() && past_deadline(); }
    bool cancelled() const { return interrupted() || past_deadline(); }
    /// Throws Interrupted when cancelled.
    void check() const;
    void report(double fraction, const std::string& what) const {
        if (progress) progress(fraction, what);
    }
    void warning(const std::string& message) const {
        if (warn) warn(message);
    }
    unsigned thread_count() const;
    /// The same control with a deadline no later than `seconds` from now.
    Control with_budget(double seconds) const {
        Control c = *this;
        c.deadline = std::min(deadline, Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                                           std::chrono::duration<double>(seconds)));
        return c;
    }

private:
    bool past_deadline() const { return deadline != Clock::time_point::max() && Clock::now() >= deadline; }
};

}  // namespace bitsig
