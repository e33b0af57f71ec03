// SPDX-License-Identifier: MIT
// Exhaustive search over the whole state space.
//
// Both schemes start the same way: variables with constant rules are projected out (they
// hold their value, as BoolNet's fixed genes), and the successor of every state is
// computed bit-parallel by the successor sweep (dynamics/sweep.hpp): 2048 consecutive state
// indices are laid out bit-sliced, the compiled rules run once over them, and a SIMD bit
// transpose turns the result back into one successor index per state.
//
// Synchronous: every state has one successor, so the state graph is a functional graph.
// Variables that no other variable reads ("leaves", peeled repeatedly) cannot influence
// the rest; their values are a function of the past of the others, so attractors of the
// full network correspond one-to-one to attractors of the peeled core, and every basin
// is the core basin times 2^(peeled). The core's functional graph is then labelled in one
// sweep: from each unlabelled state, walk until a labelled state (join its attractor) or
// a state of the current walk (a new cycle), then label the walk (attractor/basin_labels,
// on all threads). Labels are written into the successor array itself, so memory is 4 bytes
// per state (plus 2 bits beyond 2^31 states).
//
// Asynchronous: the successors of s are s with one disagreeing variable flipped, so the
// graph is stored as one 32-bit "disagreement mask" per state. Attractors are the terminal
// strongly connected components, found with an iterative Tarjan (1972) that notes, per
// component, whether any edge leaves it.
#include "attractor/exhaustive.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "analysis/reduce.hpp"
#include "attractor/basin_labels.hpp"
#include "core/buffer.hpp"
#include "core/error.hpp"
#include "dynamics/program.hpp"
#include "dynamics/step.hpp"
#include "dynamics/sweep.hpp"

namespace bitsig {

namespace {

// A plain bitmap over state indices.
class Bitmap {
public:
    explicit Bitmap(std::uint64_t bits) : words_((bits + 63) / 64) {}
    bool get(std::uint64_t i) const { return (words_[i >> 6] >> (i & 63)) & 1; }
    void set(std::uint64_t i) { words_[i >> 6] |= Word{1} << (i & 63); }
    void clear(std::uint64_t i) { words_[i >> 6] &= ~(Word{1} << (i & 63)); }
    void reset() { std::fill(words_.begin(), words_.end(), 0); }

private:
    StateArray<Word> words_;
};

Successors compute_successors(const Network& net, bool as_mask, const Control& control, const std::string& what) {
    std::size_t k = net.num_vars();
    std::uint64_t total = std::uint64_t{1} << k;
    // Written whole below, so it may take the memory of the last table of its size (a
    // screen's searches): no zeroing of new pages by the kernel.
    Successors succ(total, Successors::uninitialized);
    if (k == 0) {
        succ[0] = 0;
        return succ;
    }
    Program program = Program::compile(net);
    // Workers take chunks of consecutive blocks (128 KiB of output) from a shared counter,
    // so each writes, and first touches, whole stretches of the array.
    constexpr std::uint64_t chunk_states = std::uint64_t{1} << 15;
    static_assert(chunk_states % SuccessorSweep::kBlockStates == 0);
    std::uint64_t chunks = (total + chunk_states - 1) / chunk_states;
    unsigned threads = std::max(1u, std::min<unsigned>(control.thread_count(), static_cast<unsigned>(chunks)));
    if (chunks < 4) threads = 1;  // small spaces: threads would cost more than the work
    std::atomic<std::uint64_t> next_chunk{0}, done{0};
    std::atomic<bool> stop{false};
    // Streaming (non-temporal) stores skip the read of each line before it is written: for
    // reused memory larger than the last-level cache (so not in it). Not for new pages: the
    // kernel has just zeroed them through the cache, and plain stores measured faster there.
    const bool stream = succ.recycled() && total * sizeof(std::uint32_t) >= (std::uint64_t{32} << 20);
    auto progress = [&] {
        if (control.cancelled()) stop = true;
        control.report(std::min(1.0, static_cast<double>(done.load()) / static_cast<double>(chunks)), what);
    };

    // `polls`: this worker is the calling thread, which also watches Ctrl-C and reports.
    auto worker = [&](bool polls) {
        SuccessorSweep sweep(program, as_mask, best_slice_isa(), stream);
        for (std::uint64_t c; (c = next_chunk.fetch_add(1, std::memory_order_relaxed)) < chunks;) {
            if (stop.load(std::memory_order_relaxed)) return;
            std::uint64_t first = c * chunk_states;
            sweep.run(first, std::min(chunk_states, total - first), succ.data() + first);
            done.fetch_add(1, std::memory_order_relaxed);
            if (polls && (c & 63) == 63) progress();
        }
    };
    if (threads == 1) {
        worker(true);
        control.check();
        return succ;
    }
    // The calling thread polls Ctrl-C and reports progress while the workers run, and is
    // woken as soon as the last one finishes.
    std::mutex mutex;
    std::condition_variable all_done;
    unsigned finished = 0;
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            worker(false);
            std::lock_guard<std::mutex> lock(mutex);
            if (++finished == threads) all_done.notify_one();
        });
    {
        std::unique_lock<std::mutex> lock(mutex);
        while (!all_done.wait_for(lock, std::chrono::milliseconds(5), [&] { return finished == threads; })) progress();
    }
    for (auto& th : pool) th.join();
    control.check();
    return succ;
}

}  // namespace

Successors successor_table(const Network& net, bool as_mask, const Control& control) {
    return compute_successors(net, as_mask, control, as_mask ? "asynchronous transitions" : "synchronous successors");
}

std::vector<bool> synchronous_core(const Network& net) {
    std::size_t n = net.num_vars();
    std::vector<std::vector<std::uint32_t>> regulators(n);
    std::vector<std::size_t> readers(n, 0);
    for (std::uint32_t v = 0; v < n; ++v)
        for (auto r : net.regulators(VarId{v})) {
            regulators[v].push_back(r.index);
            ++readers[r.index];
        }
    std::vector<bool> core(n, true);
    std::vector<std::uint32_t> queue;
    for (std::uint32_t v = 0; v < n; ++v)
        if (readers[v] == 0) queue.push_back(v);
    while (!queue.empty()) {
        std::uint32_t v = queue.back();
        queue.pop_back();
        core[v] = false;
        for (auto r : regulators[v])
            if (r != v && --readers[r] == 0 && core[r]) queue.push_back(r);
    }
    return core;
}

namespace {

Network restrict_to(const Network& net, const std::vector<bool>& keep) {
    std::vector<VarId> new_id(net.num_vars(), VarId{0});
    NetworkBuilder b(net.model_name());
    for (std::uint32_t v = 0; v < net.num_vars(); ++v)
        if (keep[v]) new_id[v] = b.declare(net.name(VarId{v}));
    for (std::uint32_t v = 0; v < net.num_vars(); ++v)
        if (keep[v]) b.set_rule(new_id[v], remap(net.rule(VarId{v}), new_id));
    if (b.num_vars() == 0) return Network();
    return std::move(b).build();
}

std::string gib(std::uint64_t bytes) {
    std::ostringstream out;
    out.precision(1);
    out << std::fixed << static_cast<double>(bytes) / (1024.0 * 1024 * 1024) << " GiB";
    return out.str();
}

}  // namespace

std::uint64_t exhaustive_memory_bytes(std::size_t free_vars, UpdateScheme update) {
    if (free_vars >= 64) return ~std::uint64_t{0};
    std::uint64_t states = std::uint64_t{1} << free_vars;
    // Synchronous: the successor table, labelled in place, and what the labelling adds
    // beside it (bitmaps beyond 2^31 states), exactly. Asynchronous: masks, Tarjan's index
    // and lowlink, two bitmaps, and stacks that can reach one entry per state.
    if (update == UpdateScheme::synchronous) return Successors::footprint(states) + labelling_bytes(states);
    return states * 12 + states / 4 + states * 4;
}

std::uint64_t available_memory_bytes() {
    std::ifstream meminfo("/proc/meminfo");
    std::string key;
    std::uint64_t kb = 0;
    std::string unit;
    while (meminfo >> key >> kb >> unit)
        if (key == "MemAvailable:") return kb * 1024;
    return std::uint64_t{8} << 30;
}

void require_exhaustive_fits(std::size_t free_vars, UpdateScheme update, const ExhaustiveOptions& options) {
    const bool synchronous = update == UpdateScheme::synchronous;
    if (free_vars > kMaxExhaustiveVars)
        throw ResourceError(
            errors::exhaustive_beyond_limit(to_string(update), synchronous, free_vars, kMaxExhaustiveVars));
    std::uint64_t need = exhaustive_memory_bytes(free_vars, update);
    auto limit = static_cast<std::uint64_t>(static_cast<double>(available_memory_bytes()) * options.memory_fraction);
    if (need > limit)
        throw ResourceError(
            errors::exhaustive_out_of_memory(to_string(update), synchronous, free_vars, gib(need), gib(limit)));
}

Result exhaustive_synchronous(const Network& net, const ExhaustiveOptions& options, const Control& control) {
    Projection proj = project_constants(net);
    const Network& compact = proj.reduced;
    std::size_t m = compact.num_vars();
    std::vector<bool> keep = options.peel_leaves ? synchronous_core(compact) : std::vector<bool>(m, true);
    std::size_t peeled = static_cast<std::size_t>(std::count(keep.begin(), keep.end(), false));
    Network core = restrict_to(compact, keep);
    std::size_t k = core.num_vars();
    require_exhaustive_fits(k, UpdateScheme::synchronous, options);

    Successors succ = compute_successors(core, false, control, "synchronous successors");
    std::uint64_t total = std::uint64_t{1} << k;
    BasinLabels labels = label_synchronous_basins(succ, total, control, Labelling::shared, TableAfter::anything);
    const auto& cycles = labels.cycles;
    const auto& basin = labels.basin;

    Result result;
    result.update = UpdateScheme::synchronous;
    result.method = Algorithm::exhaustive;
    result.complete = true;
    std::size_t space_bits = m;
    bool basin_fits = space_bits < 64;
    result.searched_states = basin_fits ? std::uint64_t{1} << space_bits : 0;
    // Map core index -> compact state and replay the full compact network to get the
    // peeled variables' values along the cycle.
    std::vector<std::uint32_t> core_vars;
    for (std::uint32_t v = 0; v < m; ++v)
        if (keep[v]) core_vars.push_back(v);
    for (std::size_t a = 0; a < cycles.size(); ++a) {
        const auto& cycle = cycles[a];
        State start(m);
        for (std::size_t j = 0; j < core_vars.size(); ++j) start.set(core_vars[j], (cycle[0] >> j) & 1);
        for (std::size_t step = 0; step < peeled; ++step) start = step_synchronous(compact, start);
        Attractor att;
        State x = start;
        for (std::size_t step = 0; step < cycle.size(); ++step) {
            att.states.push_back(proj.expand(x));
            x = step_synchronous(compact, x);
        }
        if (options.basins && basin_fits) att.basin_size = basin[a] << peeled;
        result.attractors.push_back(std::move(att));
    }
    if (peeled > 0)
        result.notes.push_back(std::to_string(peeled) + " of " + std::to_string(m) +
                               " free variables are read by no other variable and were searched implicitly");
    canonicalize(result.attractors, UpdateScheme::synchronous);
    return result;
}

namespace {

// A terminal strongly connected component of the asynchronous graph over packed states.
struct TerminalComponent {
    std::vector<std::uint32_t> listed;  // its first states (up to max_listed_states)
    std::uint64_t size = 0;
    std::string space;  // "01*..." over the packed variables: '*' where members differ
};

// The terminal components of the graph given by disagreement masks, by an iterative
// Tarjan. index 0 = unvisited. `escapes` marks states with an edge to an already
// completed component: such a component is not terminal.
std::vector<TerminalComponent> terminal_components(const Successors& mask, std::size_t k, std::size_t max_listed,
                                                   const Control& control) {
    const std::uint64_t total = std::uint64_t{1} << k;
    StateArray<std::uint32_t> index(total), low(total);
    Bitmap on_stack(total), escapes(total);
    std::vector<std::uint32_t> component_stack;
    struct Frame {
        std::uint32_t state;
        std::uint32_t pending;  // disagreeing variables not yet explored
    };
    std::vector<Frame> calls;
    std::uint64_t counter = 0;
    std::vector<TerminalComponent> terminal;

    auto visit = [&](std::uint32_t v) {
        ++counter;
        index[v] = low[v] = static_cast<std::uint32_t>(counter);
        on_stack.set(v);
        component_stack.push_back(v);
        calls.push_back({v, mask[v]});
    };
    for (std::uint64_t root = 0; root < total; ++root) {
        if (index[root] != 0) continue;
        if ((root & 0xFFFF) == 0) {
            control.check();
            control.report(static_cast<double>(counter) / static_cast<double>(total), "strongly connected components");
        }
        visit(static_cast<std::uint32_t>(root));
        while (!calls.empty()) {
            Frame& f = calls.back();
            std::uint32_t v = f.state;
            if (f.pending != 0) {
                unsigned bit = lowest_bit(f.pending);
                f.pending &= f.pending - 1;
                std::uint32_t w = v ^ (std::uint32_t{1} << bit);
                if (index[w] == 0)
                    visit(w);
                else if (on_stack.get(w))
                    low[v] = std::min(low[v], index[w]);
                else
                    escapes.set(v);
                continue;
            }
            calls.pop_back();
            if (!calls.empty()) {
                std::uint32_t parent = calls.back().state;
                low[parent] = std::min(low[parent], low[v]);
            }
            if (low[v] != index[v]) continue;
            // v roots a component: pop it, and note whether it is terminal.
            bool is_terminal = true;
            TerminalComponent c;
            std::uint32_t and_bits = ~std::uint32_t{0}, or_bits = 0;
            std::uint32_t w;
            do {
                w = component_stack.back();
                component_stack.pop_back();
                on_stack.clear(w);
                is_terminal = is_terminal && !escapes.get(w);
                ++c.size;
                and_bits &= w;
                or_bits |= w;
                if (c.listed.size() < max_listed) c.listed.push_back(w);
            } while (w != v);
            if (!calls.empty()) escapes.set(calls.back().state);  // the edge parent -> v leaves the parent's component
            if (!is_terminal) continue;
            c.space.assign(k, '*');
            for (std::size_t i = 0; i < k; ++i) {
                if ((and_bits >> i) & 1)
                    c.space[i] = '1';
                else if (!((or_bits >> i) & 1))
                    c.space[i] = '0';
            }
            terminal.push_back(std::move(c));
        }
    }
    return terminal;
}

// The strong basin size of each terminal component: the states from which only it can be
// reached (backward search from each; a state reached from two is shared).
std::vector<std::uint64_t> strong_basin_sizes(const Successors& mask, std::size_t k,
                                              const std::vector<TerminalComponent>& terminal, const Control& control) {
    const std::uint64_t total = std::uint64_t{1} << k;
    std::vector<std::uint64_t> basin(terminal.size(), 0);
    // Owner per state: 0 none, a+1 attractor a, kShared several.
    StateArray<std::uint32_t> owner(total);
    constexpr std::uint32_t kShared = ~std::uint32_t{0};
    Bitmap seen(total);
    std::vector<std::uint32_t> queue;
    for (std::size_t a = 0; a < terminal.size(); ++a) {
        control.check();
        control.report(static_cast<double>(a) / static_cast<double>(terminal.size()), "basins");
        seen.reset();
        queue.assign(terminal[a].listed.begin(), terminal[a].listed.end());
        for (auto s : queue) seen.set(s);
        // A truncated attractor is found again from its listed states: it is closed
        // and strongly connected, so walking forward reaches all of it.
        for (std::size_t q = 0; q < queue.size() && terminal[a].listed.size() < terminal[a].size; ++q) {
            for (std::uint32_t pending = mask[queue[q]]; pending; pending &= pending - 1) {
                std::uint32_t t = queue[q] ^ (std::uint32_t{1} << lowest_bit(pending));
                if (!seen.get(t)) {
                    seen.set(t);
                    queue.push_back(t);
                }
            }
        }
        for (std::size_t q = 0; q < queue.size(); ++q) {
            std::uint32_t s = queue[q];
            owner[s] = owner[s] == 0 ? static_cast<std::uint32_t>(a + 1) : kShared;
            for (std::size_t i = 0; i < k; ++i) {
                std::uint32_t t = s ^ (std::uint32_t{1} << i);
                if (!seen.get(t) && ((mask[t] >> i) & 1)) {
                    seen.set(t);
                    queue.push_back(t);
                }
            }
        }
    }
    for (std::uint64_t s = 0; s < total; ++s)
        if (owner[s] != 0 && owner[s] != kShared) ++basin[owner[s] - 1];
    return basin;
}

}  // namespace

Result exhaustive_asynchronous(const Network& net, const ExhaustiveOptions& options, const Control& control) {
    Projection proj = project_constants(net);
    const Network& compact = proj.reduced;
    std::size_t k = compact.num_vars();
    require_exhaustive_fits(k, UpdateScheme::asynchronous, options);
    Successors mask = compute_successors(compact, true, control, "asynchronous transitions");
    const std::vector<TerminalComponent> terminal = terminal_components(mask, k, options.max_listed_states, control);

    Result result;
    result.update = UpdateScheme::asynchronous;
    result.method = Algorithm::exhaustive;
    result.complete = true;
    result.searched_states = std::uint64_t{1} << k;

    std::vector<std::uint64_t> basin(terminal.size(), 0);
    if (options.basins && !terminal.empty()) basin = strong_basin_sizes(mask, k, terminal, control);

    for (std::size_t a = 0; a < terminal.size(); ++a) {
        Attractor att;
        for (auto s : terminal[a].listed) att.states.push_back(proj.expand(State::from_index(s, k)));
        att.size = terminal[a].size;
        att.truncated = terminal[a].listed.size() < terminal[a].size;
        if (att.size > 1) att.trap_space = proj.expand_space(terminal[a].space);
        if (options.basins) att.basin_size = basin[a];
        result.attractors.push_back(std::move(att));
    }
    canonicalize(result.attractors, UpdateScheme::asynchronous);
    return result;
}

}  // namespace bitsig
