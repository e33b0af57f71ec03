// SPDX-License-Identifier: MIT
// Basin labelling of a functional graph (the synchronous state graph), serial or parallel.
//
// Serial: from each unlabelled state, walk until a labelled state (join its attractor) or
// a state of the current walk (a new cycle), then label the walk. The cost is memory
// latency: each step of a walk waits for the previous one's load, so the core sits idle
// for most of each 100 ns cache miss, and a second core can add a second chain of misses.
//
// Parallel: threads take chunks of start states and walk at the same time. A state is
// claimed (an atomic bit) by the walk that visits it, so a walk that meets a claimed state
// knows that state is labelled, on its own walk (a new cycle: it is registered under a
// lock), or on another thread's walk. In that last case the walk gives its claims back
// and its start is retried after the parallel phase, by one thread, where no conflict can
// arise. Nobody waits for anybody, so there is no deadlock, and collisions are rare (two
// walks in the same tree at the same moment), so almost all work stays parallel. Labels
// are written over the successors as in the serial version; a state's label is published
// (release) after it is written, and read only after its labelled bit was seen (acquire).
// Memory is the same as the serial version's: the table plus two bits per state.
#include "attractor/basin_labels.hpp"

#include <algorithm>
#include <atomic>
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

    // The same bits shared between threads.
    bool load(std::uint64_t i) { return (word(i).load(std::memory_order_acquire) >> (i & 63)) & 1; }
    /// Sets the bit; true when it was clear (this thread now holds it).
    bool claim(std::uint64_t i) {
        const Word bit = Word{1} << (i & 63);
        return !(word(i).fetch_or(bit, std::memory_order_acq_rel) & bit);
    }
    void publish(std::uint64_t i) { word(i).fetch_or(Word{1} << (i & 63), std::memory_order_release); }
    void give_back(std::uint64_t i) { word(i).fetch_and(~(Word{1} << (i & 63)), std::memory_order_release); }

private:
    std::atomic_ref<Word> word(std::uint64_t i) { return std::atomic_ref<Word>(words_[i >> 6]); }
    StateArray<Word> words_;
};

BasinLabels label_serially(Successors& succ, std::uint64_t total, const Control& control) {
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

class ParallelLabelling {
public:
    ParallelLabelling(Successors& succ, std::uint64_t total)
        : succ_(succ), total_(total), labelled_(total), claimed_(total) {}

    struct Worker {
        std::vector<std::uint64_t> walk;
        std::vector<std::uint64_t> basin;  // per label
        std::vector<std::uint64_t> retry;  // starts whose walk met another thread's
    };

    /// Labels the trajectory from s; false when it met another thread's walk (nothing changed).
    bool walk_from(std::uint64_t s, Worker& w) {
        w.walk.clear();
        std::uint64_t x = s;
        std::uint32_t label = 0;
        while (true) {
            if (claimed_.claim(x)) {
                w.walk.push_back(x);
                x = succ_[x];
                continue;
            }
            if (labelled_.load(x)) {
                label = succ_[x];
                break;
            }
            auto on_mine = std::find(w.walk.begin(), w.walk.end(), x);
            if (on_mine == w.walk.end()) {
                for (std::uint64_t y : w.walk) claimed_.give_back(y);
                return false;
            }
            std::vector<std::uint32_t> cycle(on_mine, w.walk.end());
            std::lock_guard<std::mutex> lock(mutex_);
            label = static_cast<std::uint32_t>(cycles_.size());
            cycles_.push_back(std::move(cycle));
            break;
        }
        for (std::uint64_t y : w.walk) {
            succ_[y] = label;
            labelled_.publish(y);
        }
        if (w.basin.size() <= label) w.basin.resize(label + 1, 0);
        w.basin[label] += w.walk.size();
        return true;
    }

    BasinLabels run(const Control& control) {
        const unsigned threads = std::max(1u, control.thread_count());
        // Chunks of 64 Ki states (a few per thread even in small spaces, so that tests on
        // small networks run the threads against each other too).
        const std::uint64_t chunk_states = std::clamp<std::uint64_t>(total_ / (8 * threads), 64, std::uint64_t{1} << 16);
        const std::uint64_t chunks = (total_ + chunk_states - 1) / chunk_states;
        std::vector<Worker> workers(threads);
        std::atomic<std::uint64_t> next_chunk{0};
        std::atomic<bool> stop{false};
        auto work = [&](unsigned t) {
            Worker& w = workers[t];
            for (std::uint64_t c; (c = next_chunk.fetch_add(1, std::memory_order_relaxed)) < chunks;) {
                if (stop.load(std::memory_order_relaxed)) return;
                if (t == 0) {
                    if (control.cancelled()) stop = true;
                    control.report(static_cast<double>(c) / static_cast<double>(chunks), "labelling basins");
                }
                const std::uint64_t end = std::min(total_, (c + 1) * chunk_states);
                for (std::uint64_t s = c * chunk_states; s < end; ++s)
                    if (!labelled_.load(s) && !walk_from(s, w)) w.retry.push_back(s);
            }
        };
        std::vector<std::thread> pool;
        for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
        work(0);
        for (auto& th : pool) th.join();
        control.check();
        // One thread now: every claim left is a labelled state, so no walk can fail.
        for (Worker& w : workers)
            for (std::uint64_t s : w.retry)
                if (!labelled_.load(s)) walk_from(s, workers[0]);
        BasinLabels out;
        out.cycles = std::move(cycles_);
        out.basin.assign(out.cycles.size(), 0);
        for (const Worker& w : workers)
            for (std::size_t l = 0; l < w.basin.size(); ++l) out.basin[l] += w.basin[l];
        return out;
    }

private:
    Successors& succ_;
    std::uint64_t total_;
    Bits labelled_, claimed_;
    std::mutex mutex_;
    std::vector<std::vector<std::uint32_t>> cycles_;
};

}  // namespace

BasinLabels label_synchronous_basins(Successors& succ, std::uint64_t total, const Control& control,
                                     std::uint64_t parallel_from) {
    if (control.thread_count() <= 1 || total < parallel_from) return label_serially(succ, total, control);
    return ParallelLabelling(succ, total).run(control);
}

}  // namespace bitsig
