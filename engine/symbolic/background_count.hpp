// SPDX-License-Identifier: MIT
// The exact number of fixed points, worked out by the decision diagram in a child process
// while the caller enumerates them.
//
// Why a process: BuDDy cannot be stopped inside an operation, and on a few BBM models one
// operation runs for minutes (symbolic/bdd.hpp). A child can be killed at any moment, its
// memory goes with it, and the enumeration in the parent uses the other core meanwhile.
// The child never outlives the parent: it asks the kernel for SIGKILL when the parent
// dies (also by SIGKILL, which no handler of ours could catch), and the parent kills it
// on every way out of a wait, Ctrl-C included.
// Meant for one query at a time (the CLI's fixed-points): a screen of thousands of
// conditions should not fork for each.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>

#include "core/control.hpp"
#include "core/count.hpp"
#include "model/network.hpp"
#include "symbolic/fixed_points.hpp"

namespace bitsig {

class BackgroundCount {
public:
    /// Starts counting `net`'s fixed points in a child process; if the process cannot be
    /// made, wait_until() just answers nullopt.
    BackgroundCount(const Network& net, const SymbolicOptions& options);
    /// Kills the child if it is still counting, and reaps it.
    ~BackgroundCount();
    BackgroundCount(const BackgroundCount&) = delete;
    BackgroundCount& operator=(const BackgroundCount&) = delete;

    /// The count, if the child delivers it by `deadline`; nullopt when it gave up (over its
    /// budget), failed, or is still working at the deadline (it is then killed). Polls
    /// `control` at least every 50 ms: on Ctrl-C the child is killed and Interrupted thrown.
    std::optional<Count> wait_until(std::chrono::steady_clock::time_point deadline, const Control& control = {});

    /// The child's process id while it runs (-1 otherwise), for tests.
    pid_t child() const { return child_; }

private:
    void stop();
    pid_t child_ = -1;
    int from_child_ = -1;  // read end of the pipe
};

}  // namespace bitsig
