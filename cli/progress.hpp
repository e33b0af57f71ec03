// SPDX-License-Identifier: MIT
// Progress on stderr (only when it is a terminal) and Ctrl-C wiring for long searches.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

#include "attractor/attractor.hpp"

namespace bitsig::cli {

/// A Control whose progress goes to stderr when it is a terminal, throttled to 10 Hz,
/// and whose cancel flag is the SIGINT flag. The line is cleared when it goes away.
class TerminalProgress {
public:
    explicit TerminalProgress(unsigned threads = 0);
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
};

}  // namespace bitsig::cli
