// SPDX-License-Identifier: MIT
#include "progress.hpp"

#include <cstdio>

#include "common.hpp"

namespace bitsig::cli {

namespace {

// "12 s", "3 min 05 s", "2 h 07 min": elapsed times and estimates people read at a glance.
std::string duration_text(double seconds) {
    char text[32];
    const auto s = static_cast<long long>(seconds + 0.5);
    if (s < 60)
        std::snprintf(text, sizeof text, "%lld s", s);
    else if (s < 3600)
        std::snprintf(text, sizeof text, "%lld min %02lld s", s / 60, s % 60);
    else
        std::snprintf(text, sizeof text, "%lld h %02lld min", s / 3600, (s % 3600) / 60);
    return text;
}

}  // namespace

TerminalProgress::TerminalProgress(unsigned threads, double timeout_seconds) {
    control_.cancel = &interrupt_flag();
    control_.threads = threads;
    if (timeout_seconds > 0) control_ = control_.with_budget(timeout_seconds);
    start_ = std::chrono::steady_clock::now();
    enabled_ = stderr_is_terminal();
    // Warnings are for everyone, terminal or not: they explain a long or huge run.
    control_.warn = [this](const std::string& message) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (drawn_) std::fprintf(stderr, "\r\033[K");
        drawn_ = false;
        std::fprintf(stderr, "warning: %s\n", group_thousands(message).c_str());
        std::fflush(stderr);
    };
    if (!enabled_) return;
    control_.progress = [this](double fraction, const std::string& what) {
        std::lock_guard<std::mutex> lock(mutex_);
        auto now = std::chrono::steady_clock::now();
        if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
        last_ = now;
        drawn_ = true;
        const double elapsed = std::chrono::duration<double>(now - start_).count();
        std::string line = group_thousands(what);
        if (fraction >= 0) {
            char percent[16];
            std::snprintf(percent, sizeof percent, ": %.1f%%", fraction * 100.0);
            line += percent;
        }
        line += " (" + duration_text(elapsed);
        // An estimate only once there is something to extrapolate from.
        if (fraction > 0.02 && fraction < 1 && elapsed > 2)
            line += ", about " + duration_text(elapsed * (1 - fraction) / fraction) + " left";
        line += ")";
        std::fprintf(stderr, "\r\033[K%s", line.c_str());
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
