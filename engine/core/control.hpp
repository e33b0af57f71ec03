// SPDX-License-Identifier: MIT
// How a caller steers a long computation: cooperative cancellation, progress, threads.
// Every engine folder may take one, so it lives in core/ (not with any one algorithm).
#pragma once

#include <atomic>
#include <functional>
#include <string>

namespace bitsig {

/// Cooperative cancellation and progress for long computations. `cancel` is polled; a
/// computation that sees it set throws Interrupted. `progress` receives a fraction in [0, 1].
struct Control {
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(double fraction, const std::string& what)> progress;
    unsigned threads = 0; // 0: all hardware threads

    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
    /// Throws Interrupted when cancelled.
    void check() const;
    void report(double fraction, const std::string& what) const {
        if (progress)
            progress(fraction, what);
    }
    unsigned thread_count() const;
};

} // namespace bitsig
