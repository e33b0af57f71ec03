// SPDX-License-Identifier: MIT
#include "symbolic/bdd.hpp"

#include <algorithm>
#include <climits>

namespace bitsig::symbolic {

namespace {

std::mutex& package_mutex() {
    static std::mutex m;
    return m;
}

// Written by the error hook, read and cleared under the package mutex.
int g_error = 0;

void record_error(int code) {
    if (g_error == 0)
        g_error = code;
}

void initialize() {
    // A small table that grows by doubling (up to a million nodes at a time), with an
    // operation cache that grows with it: one node in eight.
    bdd_init(1 << 16, 1 << 13);
    bdd_error_hook(record_error);
    bdd_gbc_hook(nullptr);
    bdd_resize_hook(nullptr);
    bdd_reorder_verbose(0);
    bdd_autoreorder(BDD_REORDER_NONE); // variable index = level, always
    bdd_setmaxincrease(1 << 20);
    bdd_setcacheratio(8);
}

} // namespace

Session::Session(std::size_t variables, std::size_t max_nodes) : lock_(package_mutex()), max_nodes_(max_nodes) {
    if (!bdd_isrunning())
        initialize();
    g_error = 0;
    bdd_clear_error();
    const int want = static_cast<int>(std::max<std::size_t>(variables, 1));
    if (bdd_varnum() < want)
        bdd_extvarnum(want - bdd_varnum());
    if (max_nodes != 0) {
        // The table never shrinks: the cap cannot go below what is allocated.
        const auto cap = static_cast<int>(std::min<std::size_t>(max_nodes, INT_MAX / 2));
        bdd_setmaxnodenum(std::max(cap, bdd_getallocnum() + 1));
    }
}

Session::~Session() {
    g_error = 0;
    bdd_clear_error();
}

bool Session::failed() const {
    return g_error != 0;
}

bool Session::exhausted() {
    if (failed())
        return true;
    if (max_nodes_ == 0 || static_cast<std::size_t>(bdd_getnodenum()) <= max_nodes_)
        return false;
    bdd_gbc();
    return static_cast<std::size_t>(bdd_getnodenum()) > max_nodes_;
}

std::size_t node_count(const bdd& f) {
    return static_cast<std::size_t>(bdd_nodecount(f));
}

} // namespace bitsig::symbolic
