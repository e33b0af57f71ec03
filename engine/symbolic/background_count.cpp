// SPDX-License-Identifier: MIT
#include "symbolic/background_count.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string>

#include "core/error.hpp"

namespace bitsig {

namespace {

// The child's whole life: count, write the digits, leave without running the parent's
// exit handlers or flushing its stdio buffers (copies of the parent's).
[[noreturn]] void count_in_child(const Network& net, const SymbolicOptions& options, int to_parent, pid_t parent) {
    // Die with the parent, whatever kills it; if it died before this line, go now.
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent) _exit(1);
    // Ctrl-C reaches the whole foreground process group: the parent decides, not us.
    signal(SIGINT, SIG_IGN);
    int status = 1;
    try {
        if (const std::optional<SymbolicFixedPoints> set = symbolic_fixed_points(net, options, Control{})) {
            const std::string digits = set->count().to_string() + "\n";
            std::size_t written = 0;
            while (written < digits.size()) {
                const ssize_t n = write(to_parent, digits.data() + written, digits.size() - written);
                if (n <= 0) break;
                written += static_cast<std::size_t>(n);
            }
            status = written == digits.size() ? 0 : 1;
        }
    } catch (...) {
        status = 1;
    }
    _exit(status);
}

}  // namespace

BackgroundCount::BackgroundCount(const Network& net, const SymbolicOptions& options) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return;
    const pid_t parent = getpid();
    const pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return;
    }
    if (pid == 0) {
        close(fds[0]);
        count_in_child(net, options, fds[1], parent);
    }
    close(fds[1]);
    child_ = pid;
    from_child_ = fds[0];
}

BackgroundCount::~BackgroundCount() { stop(); }

void BackgroundCount::stop() {
    if (child_ > 0) {
        kill(child_, SIGKILL);
        while (waitpid(child_, nullptr, 0) < 0 && errno == EINTR) {}
        child_ = -1;
    }
    if (from_child_ >= 0) {
        close(from_child_);
        from_child_ = -1;
    }
}

std::optional<Count> BackgroundCount::wait_until(std::chrono::steady_clock::time_point deadline,
                                                 const Control& control) {
    // Short slices, so that a Ctrl-C (a flag set by the handler; poll may or may not see
    // EINTR, depending on which thread took the signal) is honoured within 50 ms.
    constexpr long long kSliceMs = 50;
    std::string text;
    while (from_child_ >= 0) {
        if (control.interrupted()) {
            stop();
            throw Interrupted();
        }
        const auto until = std::min(deadline, control.deadline);  // a --timeout ends the wait too
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;  // the deadline passed: give up on the child
        pollfd p{from_child_, POLLIN, 0};
        const int ready = poll(&p, 1, static_cast<int>(std::min<long long>(kSliceMs, left.count())));
        if (ready == 0 || (ready < 0 && errno == EINTR)) continue;
        if (ready < 0) break;  // poll failed: give up on the child
        char buffer[256];
        const ssize_t n = read(from_child_, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {  // end of file: the child has finished
            int status = 0;
            while (waitpid(child_, &status, 0) < 0 && errno == EINTR) {}
            child_ = -1;
            stop();
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || text.empty() || text.back() != '\n')
                return std::nullopt;
            text.pop_back();
            return Count::from_string(text);
        }
        text.append(buffer, static_cast<std::size_t>(n));
    }
    stop();
    return std::nullopt;
}

}  // namespace bitsig
