// SPDX-License-Identifier: MIT
#include "progress.hpp"

#include <cstdio>

#include "common.hpp"

namespace bitsig::cli {

TerminalProgress::TerminalProgress(unsigned threads) {
    control_.cancel = &interrupt_flag();
    control_.threads = threads;
    enabled_ = stderr_is_terminal();
    if (!enabled_) return;
    control_.progress = [this](double fraction, const std::string& what) {
        std::lock_guard<std::mutex> lock(mutex_);
        auto now = std::chrono::steady_clock::now();
        if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
        last_ = now;
        drawn_ = true;
        std::fprintf(stderr, "\r\033[K%s: %5.1f%%", what.c_str(), fraction * 100.0);
        std::fflush(stderr);
    };
}

TerminalProgress::~TerminalProgress() {
    if (enabled_ && drawn_) {
        std::fprintf(stderr, "\r\033[K");
        std::fflush(stderr);
    }
}

}  // namespace bitsig::cli
