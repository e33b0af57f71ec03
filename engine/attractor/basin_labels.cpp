// SPDX-License-Identifier: MIT
// Basin labelling of a functional graph (the synchronous state graph).
//
// From each unlabelled state, walk until a labelled state (join its attractor) or back onto
// the walk (a new cycle), then label the walk; labels are written over the successors.
//
// Parallel (label_shared, the default). Threads take chunks of consecutive start states and
// walk at once over one table. The trick is that a walk writes nothing until it knows its
// label: there are no "on this walk" marks, so every entry is at all times either a state's
// true successor or its final label (top bit set), and a thread reading an entry another is
// writing sees one or the other, both correct. That needs no locked instruction per state
// (plain 32-bit loads and stores), only per new cycle. A walk that meets no label is on a
// new cycle; it finds out by Brent's (1980) cycle detection (a "tortoise" state kept at
// powers of two of the steps), lists the cycle, and claims it with one compare-and-swap on
// the entry of the cycle's smallest state (so two threads that found one cycle at once
// agree on the winner's label). Labels are then retraced from the walk's start, stopping at
// the first labelled state, so a walk keeps no list. While it passes its chunk a thread
// learns the label of each of its states, and counts it: basins and the smallest state of
// each basin are exact without a second pass, and every state is counted once, by its
// owner. Labels get their final numbers, by smallest basin state (the order the serial walk
// from state 0 up meets cycles), in the pass that clears the label bits, so the result is
// the same bytes for any number of threads and any schedule. A look-ahead prefetch of the
// successor's entry of a state a few places ahead keeps several misses in flight: most
// walks end after one step, at a labelled state (for random N-K networks at n = 24, 97-99%
// of the states have no predecessor and a labelled successor). Measured against the serial
// walk in place (sync_basins_bench): on one thread half its processor time (2.1-3.4 ns per
// state against 4.0-6.8) and two thirds of its instructions; two threads split it evenly.
//
// The two serial methods before it are kept for larger spaces and for comparison. The
// first marked walks and labels in two bitmaps beside the table (three scattered accesses
// per step, three more to label: any size); the second kept the marks in two spare bits of
// the entry (label_in_place, up to 2^30 states), the mark of a state on the walk holding
// its position, and labelled by retracing a list of the walk's states. Measured before
// the parallel method (tests/bench/sync_basins_bench, processor time): about 5-7 ns per
// state with bitmaps, 4-6 in place, against 1-2 ns for the successor sweep. Two earlier
// parallel designs were dropped because they measured slower: walks claiming states with
// atomic bits (a locked read-modify-write per state doubled the cost of a step), and eight
// walks interleaved per thread with prefetching (1.3-1.7 times slower: most walks end
// after a step or two, so the interleaving cost more branches than it saved misses).
#include "attractor/basin_labels.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>

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

/// A relaxed atomic view of table entries: plain loads and stores on the usual targets, but
/// defined behaviour when threads read what others write.
class SharedTable {
public:
    explicit SharedTable(std::uint32_t* data) : data_(data) {}
    std::uint32_t load(std::uint64_t x) const {
        return std::atomic_ref<std::uint32_t>(data_[x]).load(std::memory_order_relaxed);
    }
    void store(std::uint64_t x, std::uint32_t value) const {
        std::atomic_ref<std::uint32_t>(data_[x]).store(value, std::memory_order_relaxed);
    }
    /// Replaces `expected` by `desired`; false (and `expected` updated) if the entry differed.
    bool claim(std::uint64_t x, std::uint32_t& expected, std::uint32_t desired) const {
        return std::atomic_ref<std::uint32_t>(data_[x]).compare_exchange_strong(expected, desired,
                                                                                std::memory_order_relaxed);
    }
    const std::uint32_t* at(std::uint64_t x) const { return data_ + x; }

private:
    std::uint32_t* data_;
};

/// In label_shared, the top bit of an entry marks a label (so at most 2^31 states).
constexpr std::uint32_t kShared = std::uint32_t{1} << 31;
constexpr std::uint32_t kNoState = std::numeric_limits<std::uint32_t>::max();

/// What one thread found: the cycles it claimed, and per label the states of its chunks.
struct Share {
    std::vector<std::uint32_t> cycle_label;   // label of each claimed cycle
    std::vector<std::size_t> cycle_begin;     // where it starts in cycle_states
    std::vector<std::uint32_t> cycle_states;  // claimed cycles one after another, from their smallest state
    std::vector<std::uint64_t> count;         // per label and bank: states of this thread's chunks carrying it
    std::vector<std::uint32_t> smallest;      // per label: the smallest of them (kNoState: none)
    std::vector<std::uint32_t> cycle;         // scratch: the cycle being listed
    std::uint32_t spare = kNoState;           // a label number taken but not used yet

    /// Counts are kept in kBanks interleaved banks picked by the state's low bits, so that
    /// consecutive states of one basin do not wait for each other's increments.
    static constexpr std::size_t kBanks = 4;

    /// Makes room for counting `label` (out of line: the labelling's loop stays small).
    [[gnu::noinline]] void grow(std::uint32_t label) {
        const std::size_t size = std::max<std::size_t>(label + 1, 2 * smallest.size());
        count.resize(size * kBanks, 0);
        smallest.resize(size, kNoState);
    }
    std::uint64_t basin(std::size_t label) const {
        std::uint64_t sum = 0;
        for (std::size_t b = 0; b < kBanks; ++b) sum += count[label * kBanks + b];
        return sum;
    }
};

class SharedLabelling {
public:
    SharedLabelling(Successors& succ, std::uint64_t total) : table_(succ.data()), mask_(total - 1) {}

    /// Labels every state of [begin, end) and everything their walks pass.
    void label_chunk(std::uint64_t begin, std::uint64_t end, Share& share) {
        constexpr std::uint64_t ahead = 32;  // 16 and 64 measured a little slower
        // The counters in locals: the compiler cannot tell the table's stores from them.
        std::uint64_t* count = share.count.data();
        std::uint32_t* smallest = share.smallest.data();
        std::size_t room = share.smallest.size();
        // The table and its mask in locals too: the compiler reloads members after every
        // atomic access.
        const SharedTable table = table_;
        const std::uint64_t mask = mask_;
        for (std::uint64_t s = begin; s < end; ++s) {
            // The entry that the state this far ahead will read next is fetched early: its
            // own entry is read in sequence, its successor's is a miss (or, if it is
            // labelled, the label masked to some harmless address).
            __builtin_prefetch(table.at(table.load(std::min(s + ahead, mask)) & mask));
            const auto state = static_cast<std::uint32_t>(s);
            const std::uint32_t entry = table.load(s);
            std::uint32_t label;
            if (entry & kShared) {
                label = entry & ~kShared;
            } else if (const std::uint32_t next = table.load(entry); next & kShared) {
                label = next & ~kShared;  // nearly every state: its successor is labelled
                table.store(s, next);
            } else {
                label = walk(state, entry, share);
            }
            if (label >= room) {
                share.grow(label);
                count = share.count.data();
                smallest = share.smallest.data();
                room = share.smallest.size();
            }
            ++count[label * Share::kBanks + (state & (Share::kBanks - 1))];
            if (state < smallest[label]) smallest[label] = state;
        }
    }

    std::uint32_t labels_issued() const { return next_label_.load(); }

private:
    /// The label of unlabelled s (whose successor is `next`), written along its trajectory
    /// up to the first labelled state.
    [[gnu::noinline]] std::uint32_t walk(std::uint32_t s, std::uint32_t next, Share& share) {
        std::uint32_t label = 0, tortoise = s;
        std::uint64_t power = 1, steps = 0;
        for (std::uint32_t x = next;; x = next) {
            next = table_.load(x);
            if (next & kShared) {
                label = next & ~kShared;
                break;
            }
            if (x == tortoise) {  // x comes back: it is on a cycle no label has reached
                label = claim_cycle(x, share);
                break;
            }
            if (++steps == power) {  // Brent: move the tortoise at powers of two
                tortoise = x;
                power *= 2;
                steps = 0;
            }
        }
        for (std::uint32_t y = s;;) {
            const std::uint32_t successor = table_.load(y);
            if (successor & kShared) break;
            table_.store(y, kShared | label);
            y = successor;
        }
        return label;
    }

    /// Lists the cycle through x and labels it, or returns the label another thread gave it.
    std::uint32_t claim_cycle(std::uint32_t x, Share& share) {
        auto& cycle = share.cycle;
        cycle.clear();
        std::size_t low = 0;
        std::uint32_t y = x;
        do {
            const std::uint32_t next = table_.load(y);
            if (next & kShared) return next & ~kShared;
            if (cycle.empty() || y < cycle[low]) low = cycle.size();
            cycle.push_back(y);
            y = next;
        } while (y != x);
        std::rotate(cycle.begin(), cycle.begin() + static_cast<std::ptrdiff_t>(low), cycle.end());
        // The cycle's smallest state decides which of the threads that found it names it;
        // the loser keeps its number for its next cycle, so at most one per thread is never
        // written (dropped at the end) and numbers stay below 2^31 + threads: below the
        // label bit for any table this fits (2^31 states with nearly as many cycles would
        // need tens of gigabytes for the cycle lists alone).
        if (share.spare == kNoState) share.spare = next_label_.fetch_add(1);
        const std::uint32_t label = share.spare;
        std::uint32_t expected = cycle.size() > 1 ? cycle[1] : cycle[0];
        if (!table_.claim(cycle[0], expected, kShared | label)) return expected & ~kShared;
        share.spare = kNoState;
        share.cycle_label.push_back(label);
        share.cycle_begin.push_back(share.cycle_states.size());
        share.cycle_states.insert(share.cycle_states.end(), cycle.begin(), cycle.end());
        for (std::size_t i = 1; i < cycle.size(); ++i) table_.store(cycle[i], kShared | label);
        return label;
    }

    SharedTable table_;
    std::uint64_t mask_;
    std::atomic<std::uint32_t> next_label_{0};
};

/// Runs work(t) for t in [0, threads): t = 0 on the calling thread. The first exception
/// is rethrown after all have finished.
template <class Work>
void on_threads(unsigned threads, const Work& work) {
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto guarded = [&](unsigned t) {
        try {
            work(t);
        } catch (...) {
            std::lock_guard<std::mutex> lock(failure_mutex);
            if (!failure) failure = std::current_exception();
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(guarded, t);
    guarded(0);
    for (auto& th : pool) th.join();
    if (failure) std::rethrow_exception(failure);
}

BasinLabels label_shared(Successors& succ, std::uint64_t total, const Control& control, TableAfter after) {
    // Chunks of 256 KiB of table, smaller for small spaces so that every thread gets some;
    // below 2^14 states starting threads would cost more than the work.
    const std::uint64_t chunk_states = std::clamp<std::uint64_t>(total / 64, 1024, std::uint64_t{1} << 16);
    const std::uint64_t chunks = (total + chunk_states - 1) / chunk_states;
    const unsigned threads = total < (std::uint64_t{1} << 14) ? 1u : std::min(control.thread_count(), 64u);
    SharedLabelling labelling(succ, total);
    std::vector<Share> shares(threads);
    std::atomic<std::uint64_t> next_chunk{0}, done{0};
    std::atomic<bool> stop{false};
    on_threads(threads, [&](unsigned t) {
        for (std::uint64_t c; !stop.load(std::memory_order_relaxed) && (c = next_chunk.fetch_add(1)) < chunks;) {
            const std::uint64_t begin = c * chunk_states;
            labelling.label_chunk(begin, std::min(total, begin + chunk_states), shares[t]);
            const std::uint64_t finished = done.fetch_add(1) + 1;
            if (t == 0 && (c & 15) == 0) {  // the calling thread watches Ctrl-C and reports
                if (control.cancelled()) stop = true;
                control.report(static_cast<double>(finished) / static_cast<double>(chunks), "labelling basins");
            }
        }
    });
    control.check();

    // Merge: per label the basin and its smallest state, over the threads.
    const std::uint32_t issued = labelling.labels_issued();
    std::vector<std::uint64_t> basin(issued, 0);
    std::vector<std::uint32_t> smallest(issued, kNoState);
    struct Claimed {
        const Share* share = nullptr;
        std::size_t index = 0;
    };
    std::vector<Claimed> claimed(issued);
    for (const Share& share : shares) {
        const std::size_t counted = std::min<std::size_t>(share.smallest.size(), issued);  // room grows by doubling
        for (std::size_t l = 0; l < counted; ++l) {
            basin[l] += share.basin(l);
            smallest[l] = std::min(smallest[l], share.smallest[l]);
        }
        for (std::size_t i = 0; i < share.cycle_label.size(); ++i) claimed[share.cycle_label[i]] = {&share, i};
    }
    std::vector<std::uint32_t> order;
    for (std::uint32_t l = 0; l < issued; ++l)
        if (claimed[l].share) order.push_back(l);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return smallest[a] < smallest[b]; });
    BasinLabels out;
    std::vector<std::uint32_t> final_label(issued, 0);
    for (std::uint32_t l : order) {
        final_label[l] = static_cast<std::uint32_t>(out.cycles.size());
        const Share& share = *claimed[l].share;
        const std::size_t i = claimed[l].index;
        const std::size_t end = i + 1 < share.cycle_begin.size() ? share.cycle_begin[i + 1] : share.cycle_states.size();
        out.cycles.emplace_back(share.cycle_states.begin() + static_cast<std::ptrdiff_t>(share.cycle_begin[i]),
                                share.cycle_states.begin() + static_cast<std::ptrdiff_t>(end));
        out.basin.push_back(basin[l]);
    }
    shares.clear();
    if (after == TableAfter::anything) return out;
    on_threads(threads, [&](unsigned t) {
        const std::uint64_t share = (total + threads - 1) / threads, begin = std::min(total, t * share),
                            end = std::min(total, begin + share);
        std::uint32_t* entry = succ.data();
        for (std::uint64_t x = begin; x < end; ++x) entry[x] = final_label[entry[x] & ~kShared];
    });
    return out;
}

}  // namespace

std::uint64_t labelling_bytes(std::uint64_t total) {
    if (total <= (std::uint64_t{1} << 31)) return 0;
    return 2 * StateArray<Word>::footprint((total + 63) / 64);  // label_with_bitmaps' two Bits
}

BasinLabels label_synchronous_basins(Successors& succ, std::uint64_t total, const Control& control, Labelling how,
                                     TableAfter after) {
    if (how == Labelling::shared && total <= (std::uint64_t{1} << 31)) return label_shared(succ, total, control, after);
    if (how == Labelling::in_place && total <= (std::uint64_t{1} << 30)) return label_in_place(succ, total, control);
    return label_with_bitmaps(succ, total, control);
}

}  // namespace bitsig
