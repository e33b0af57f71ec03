// SPDX-License-Identifier: MIT
#include "symbolic/bdd.hpp"

#include <algorithm>
#include <chrono>
#include <climits>
#include <csetjmp>

#include <pthread.h>

// BuDDy's own escape from a running operation: every operation that can allocate nodes
// (bdd_apply, bdd_not, bdd_ite, ...) starts with setjmp(bddexception), and BuDDy longjmps
// to it from inside node allocation, right after a garbage collection, to reorder
// variables. The operation then retries once and, escaped again, returns false.
extern "C" {
extern jmp_buf bddexception;
}

namespace bitsig::symbolic {

namespace {

std::mutex& package_mutex();

// A child process made by fork() (background_count.cpp) gets a copy of the package: the
// forking thread holds the lock across fork(), so no other thread is inside BuDDy at that
// moment and the copy is consistent; both sides then release it.
void lock_for_fork() { package_mutex().lock(); }
void unlock_after_fork() { package_mutex().unlock(); }

std::mutex& package_mutex() {
    static std::mutex m;
    static const int registered = pthread_atfork(lock_for_fork, unlock_after_fork, unlock_after_fork);
    (void)registered;
    return m;
}

// Written by the hooks, read and cleared under the package mutex.
int g_error = 0;
std::size_t g_max_nodes = 0;      // 0: no budget
bool g_armed = false;             // inside operations of a budgeted Session
long g_produced_limit = 0;        // bddStat::produced beyond which the Session's work is over
std::jmp_buf* g_guard = nullptr;  // set while guarded() runs an operation
bool g_has_deadline = false;
std::chrono::steady_clock::time_point g_deadline;

long produced() {
    bddStat stat;
    bdd_stats(&stat);
    return stat.produced;
}

bool over_time() { return g_has_deadline && std::chrono::steady_clock::now() > g_deadline; }

bool over_budget(std::size_t live) {
    return (g_max_nodes != 0 && (live > g_max_nodes || produced() > g_produced_limit)) || over_time();
}

void record_error(int code) {
    if (g_error == 0) g_error = code;
}

// After each garbage collection: past the budget, or once the table could not grow, the
// operation is abandoned the way BuDDy abandons one to reorder. Without this a full
// table makes BuDDy collect garbage after every few new nodes, for minutes.
void after_collection(int pre, bddGbcStat* stat) {
    if (pre || !g_armed) return;
    if (over_budget(static_cast<std::size_t>(stat->nodes - stat->freenodes))) record_error(BDD_NODENUM);
    if (g_error == 0) return;
    // Inside guarded(): straight back to it. BuDDy's own escape would run its reordering
    // check first, which builds an interaction matrix over the whole table (minutes on a
    // full one), and then retry the operation.
    if (g_guard != nullptr) std::longjmp(*g_guard, 1);
    std::longjmp(bddexception, 1);
}

void initialize() {
    // A small table that grows by doubling (up to a million nodes at a time), with an
    // operation cache that grows with it: one entry per eight nodes.
    bdd_init(1 << 16, 1 << 13);
    bdd_error_hook(record_error);
    bdd_gbc_hook(after_collection);
    bdd_resize_hook(nullptr);
    bdd_reorder_verbose(0);
    bdd_autoreorder(BDD_REORDER_NONE);  // variable index = level, always
    // The escape below goes through BuDDy's reordering check, which otherwise builds an
    // interaction matrix over the whole table (minutes on a full one) before it retries.
    bdd_disable_reorder();
    bdd_setmaxincrease(1 << 20);
    bdd_setcacheratio(8);
}

}  // namespace

Session::Session(std::size_t variables, std::size_t max_nodes, double seconds)
    : lock_(package_mutex()), max_nodes_(max_nodes) {
    g_has_deadline = seconds > 0;
    if (g_has_deadline)
        g_deadline = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                            std::chrono::duration<double>(seconds));
    if (!bdd_isrunning()) initialize();
    g_error = 0;
    g_armed = false;
    bdd_clear_error();
    const int want = static_cast<int>(std::max<std::size_t>(variables, 1));
    if (bdd_varnum() < want) {
        // BuDDy 2.4's bdd_setvarnum advances its reference stack before it creates each
        // new variable's node, so a garbage collection inside that creation marks from an
        // uninitialised slot: a crash seen when a build that ran out of budget left the
        // table full of dead nodes and the next network had more decision variables.
        // Collecting first gives the new nodes free slots.
        bdd_gbc();
        bdd_extvarnum(want - bdd_varnum());
    }
    if (max_nodes != 0) {
        // The table never shrinks: the cap cannot go below what is allocated.
        const auto cap = static_cast<int>(std::min<std::size_t>(max_nodes, INT_MAX / 2));
        bdd_setmaxnodenum(std::max(cap, bdd_getallocnum() + 1));
    }
    g_max_nodes = max_nodes;
    g_produced_limit = produced() + static_cast<long>(std::min<std::size_t>(max_nodes, LONG_MAX / 4));
    g_armed = max_nodes != 0 || g_has_deadline;  // from here on every collection happens inside an operation
}

Session::~Session() {
    g_armed = false;
    g_has_deadline = false;
    g_max_nodes = 0;
    g_error = 0;
    bdd_clear_error();
}

bool Session::failed() const { return g_error != 0; }

bool Session::run_guarded(void (*op)(void*), void* context) {
    if (g_error != 0 || over_time()) return false;
    std::jmp_buf escape;
    g_guard = &escape;
    if (setjmp(escape) == 0) {
        op(context);
        g_guard = nullptr;
        return g_error == 0;
    }
    g_guard = nullptr;
    return false;
}

bool Session::exhausted() {
    if (failed() || over_time()) return true;
    if (max_nodes_ == 0) return false;
    if (produced() > g_produced_limit) return true;
    if (static_cast<std::size_t>(bdd_getnodenum()) <= max_nodes_) return false;
    g_armed = false;  // this collection runs outside any operation
    bdd_gbc();
    g_armed = true;
    return static_cast<std::size_t>(bdd_getnodenum()) > max_nodes_;
}

std::size_t node_count(const bdd& f) { return static_cast<std::size_t>(bdd_nodecount(f)); }

}  // namespace bitsig::symbolic
