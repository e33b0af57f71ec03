// SPDX-License-Identifier: MIT
// Basin labelling of a functional graph (the synchronous state graph).
//
// From each unlabelled state, walk until a labelled state (join its attractor) or a state
// of the current walk (a new cycle), then label the walk; labels are written over the
// successors. The first version marked walks and labels in two bitmaps beside the table
// (three scattered accesses per step, three more to label); the marks now live in two
// spare bits of the table entry itself (label_in_place), so a step touches one line, the
// mark of a state on the walk holds its position (a walk that comes back to itself knows
// where its cycle starts), and labelling retraces a list of the walk's states.
//
// Measured (tests/bench/sync_basins_bench, processor time): about 5-7 ns per state
// before, 4-6 after, against 1-2 ns for the successor sweep. Two faster-looking designs
// were built, checked and dropped because they measured slower: threads whose walks claim
// states with atomic bits (a walk meeting another thread's gives its claims back and is
// retried alone), where the locked read-modify-write per state doubled the cost of a
// step; and eight walks interleaved per thread with prefetching, 1.3-1.7 times slower:
// at 5 ns per state the walk is bound by instructions and branches more than by memory,
// since most walks end after a step or two at an already labelled state.
#include "attractor/basin_labels.hpp"

#include <algorithm>

namespace bitsig {

namespace {

class Bits {
public:
    explicit Bits(std::uint64_t bits) : words_((bits + 63) / 64) {}
    bool get(std::uint64_t i) const { return (words_[i >> 6] >> (i & 63)) & 1; }
    void set(std::uint64_t i) { words_[i >> 6] |= Word{1} << (i & 63); }
    void clear(std::uint64_t i) { words_[i >> 6] &= ~(Word{1} << (i & 63)); }

private:
    StateArray<Word> words_;
};

BasinLabels label_with_bitmaps(Successors& succ, std::uint64_t total, const Control& control) {
    BasinLabels out;
    Bits labelled(total), on_walk(total);
    for (std::uint64_t s = 0; s < total; ++s) {
        if (labelled.get(s)) continue;
        if ((s & 0xFFFFF) == 0) {
            control.check();
            control.report(static_cast<double>(s) / static_cast<double>(total), "labelling basins");
        }
        std::uint64_t x = s;
        while (!labelled.get(x) && !on_walk.get(x)) {
            on_walk.set(x);
            x = succ[x];
        }
        std::uint32_t label;
        if (labelled.get(x)) {
            label = succ[x];
        } else {
            label = static_cast<std::uint32_t>(out.cycles.size());
            std::vector<std::uint32_t> cycle;
            std::uint64_t y = x;
            do {
                cycle.push_back(static_cast<std::uint32_t>(y));
                y = succ[y];
            } while (y != x);
            out.cycles.push_back(std::move(cycle));
            out.basin.push_back(0);
        }
        std::uint64_t count = 0;
        for (std::uint64_t y = s; !labelled.get(y);) {
            std::uint64_t next = succ[y];
            succ[y] = label;
            labelled.set(y);
            on_walk.clear(y);
            ++count;
            y = next;
        }
        out.basin[label] += count;
    }
    return out;
}

/// The same walks with their marks kept in the table itself (needs two spare bits, so
/// at most 2^30 states): the top bit marks a label, the next one a state on the current
/// walk, whose other bits hold its position in the walk, so a walk that comes back to
/// itself knows where its cycle starts. One random access per step instead of three.
constexpr std::uint32_t kLabelled = std::uint32_t{1} << 31, kOnWalk = std::uint32_t{1} << 30;

/// Walks from s, alone (no other walk open), and labels it.
void walk_alone(Successors& succ, std::uint32_t s, std::vector<std::uint32_t>& walk, BasinLabels& out) {
    constexpr std::uint32_t position = kOnWalk - 1;
    walk.clear();
    std::uint32_t x = s, label = 0;
    while (true) {
        const std::uint32_t next = succ[x];
        if (next & kLabelled) {
            label = next & ~kLabelled;
            break;
        }
        if (next & kOnWalk) {
            label = static_cast<std::uint32_t>(out.cycles.size());
            out.cycles.emplace_back(walk.begin() + (next & position), walk.end());
            out.basin.push_back(0);
            break;
        }
        succ[x] = kOnWalk | static_cast<std::uint32_t>(walk.size());
        walk.push_back(x);
        x = next;
    }
    for (std::uint32_t y : walk) succ[y] = kLabelled | label;
    out.basin[label] += walk.size();
}

BasinLabels label_in_place(Successors& succ, std::uint64_t total, const Control& control) {
    BasinLabels out;
    std::vector<std::uint32_t> walk;
    for (std::uint64_t s = 0; s < total; ++s) {
        if ((s & 0xFFFFF) == 0) {
            control.check();
            control.report(static_cast<double>(s) / static_cast<double>(total), "labelling basins");
        }
        if (!(succ[s] & kLabelled)) walk_alone(succ, static_cast<std::uint32_t>(s), walk, out);
    }
    for (std::uint64_t x = 0; x < total; ++x) succ[x] &= ~kLabelled;
    return out;
}

}  // namespace

BasinLabels label_synchronous_basins(Successors& succ, std::uint64_t total, const Control& control, Labelling how) {
    if (how == Labelling::in_place && total <= (std::uint64_t{1} << 30)) return label_in_place(succ, total, control);
    return label_with_bitmaps(succ, total, control);
}

}  // namespace bitsig
