// SPDX-License-Identifier: MIT
// The seam over BuDDy, the only decision-diagram package bitsig uses (Debian libbdd-dev).
// Only engine/symbolic/*.cpp include this header.
//
// BuDDy keeps one node table per process, so every use, including the destruction of a
// `bdd` handle (it updates reference counts), must hold a Session. A Session also stops
// BuDDy from printing (its default garbage-collection report goes to stdout, which
// carries JSON) and from exiting: its default error handler calls exit(1) when the node
// table is full; here the error is only recorded, the operation returns garbage, and the
// caller asks failed() and throws its work away.
#pragma once

#include <bdd.h>

#include <cstddef>
#include <mutex>

namespace bitsig::symbolic {

class Session {
public:
    /// Locks the package (initializing it on first use), grows it to at least `variables`
    /// variables and caps its node table near `max_nodes` (0: keep the current cap).
    /// `seconds` (0: none) bounds the work too: past it, exhausted() is true and the next
    /// garbage collection abandons the running operation, as for the node budget.
    explicit Session(std::size_t variables, std::size_t max_nodes = 0, double seconds = 0);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    /// An operation since the Session began ran out of nodes or memory.
    bool failed() const;
    /// failed(), or more than max_nodes nodes are alive (after a garbage collection), or
    /// more than max_nodes were created since the Session began (a bound on time: BuDDy
    /// creates about a million nodes a second here). The package's table never shrinks,
    /// so once it has grown for one network only this check holds the next one to its
    /// own budget. Past the budget, a garbage collection also abandons the running
    /// operation (see bdd.cpp).
    bool exhausted();

    /// Runs `op`, BuDDy operations that may create nodes, so that running out of budget or
    /// time inside it returns here at once: false then, and the diagrams it was building
    /// are garbage. `op` must not hold objects with destructors across BuDDy calls (the
    /// escape is a longjmp); assigning a result after the call is fine.
    template <class Op>
    static bool guarded(Op&& op) {
        return run_guarded([](void* f) { (*static_cast<Op*>(f))(); }, &op);
    }

private:
    static bool run_guarded(void (*op)(void*), void* context);

    std::unique_lock<std::mutex> lock_;
    std::size_t max_nodes_ = 0;
};

/// Nodes of `f`'s diagram (terminals excluded).
std::size_t node_count(const bdd& f);

}  // namespace bitsig::symbolic
