// SPDX-License-Identifier: MIT
// Progress on stderr (only when it is a terminal) and Ctrl-C wiring for long searches.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

#include "attractor/attractor.hpp"

namespace bitsig::cli {

/// A Control whose progress goes to stderr when it is a terminal, throttled to 10 Hz,
/// with the elapsed time and an estimate of what is left; whose warnings always go to
/// stderr; whose cancel flag is the SIGINT/SIGTERM flag; and, with timeout_seconds > 0,
/// whose deadline is that far from now. The line is cleared when it goes away.
class TerminalProgress {
public:
    explicit TerminalProgress(unsigned threads = 0, double timeout_seconds = 0);
    ~TerminalProgress();
    TerminalProgress(const TerminalProgress&) = delete;
    TerminalProgress& operator=(const TerminalProgress&) = delete;
    const Control& control() const { return control_; }

private:
    Control control_;
    bool enabled_ = false;
    bool drawn_ = false;
    std::mutex mutex_;
    std::chrono::steady_clock::time_point last_{};
    std::chrono::steady_clock::time_point start_{};
};

}  // namespace bitsig::cli
