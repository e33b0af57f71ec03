// SPDX-License-Identifier: MIT
// Exact asynchronous response of one step over the whole state space, without an edge list.
//
// Sets of states are bitsets over all 2^k states of the step's free variables (state index =
// packed state). For each variable v a bitset D_v holds the states in which v disagrees with
// its rule (the asynchronous moves), computed 512 states at a time by the compiled rules
// (dynamics/program.hpp over consecutive indices, as the successor sweep does) the first
// time a block of states is touched. The successors of a set X through v are then
// flip_v(X & D_v) and its predecessors D_v & flip_v(X), where flip_v exchanges the halves
// of X along bit v of the index: a shift inside a word for v < 6, a word exchange inside
// a block, or an exchange of whole blocks. Reachability is a fixpoint of these images,
// computed block by block from a worklist with the updates applied in place (chaotic
// iteration, so one pass over a block of 2^14 states that stays in L1/L2 follows paths
// of any length inside it), in the spirit of the saturation strategy of Ciardo et al.
// (2001): local moves to their fixpoint first, then the moves that leave the block.
//
// Attractors (terminal strongly connected components) by forward and backward reachability
// only (Xie and Beerel 2000): for a pivot s, if the states reachable from s all reach s back,
// they form an attractor; otherwise the states reachable from s that cannot reach s are
// closed under successors and contain one, so the search narrows to them. The pivot is the
// end of a short random walk, which usually lies in an attractor already. Once an attractor
// A is found, its basin (backward reachability from A inside the reachable set) is removed,
// and what is left is again closed under successors.
//
// Absorption: a state in exactly one basin is absorbed there with probability 1. Only the
// states reachable from the starts that lie in several basins need values; they are
// numbered (rank over the bitset), their moves stored once, and the hitting probabilities
// of every attractor found by Gauss-Seidel sweeps from zero (Kemeny and Snell 1960: the
// minimal non-negative solution). The iterates increase to the exact values, so the mass
// a start has not yet assigned to any attractor bounds every one of its errors.
#include "response/dense.hpp"

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <random>
#include <sstream>

#include "core/bits.hpp"
#include "core/error.hpp"
#include "dynamics/program.hpp"

namespace bitsig {

namespace {

std::string gib(std::uint64_t bytes) {
    std::ostringstream out;
    out.precision(2);
    out << std::fixed << static_cast<double>(bytes) / (1024.0 * 1024 * 1024) << " GiB";
    return out.str();
}

struct FreeWords {
    void operator()(Word* p) const { std::free(p); }
};
using WordArray = std::unique_ptr<Word[], FreeWords>;

WordArray allocate_words(std::size_t count) {
    WordArray a(static_cast<Word*>(std::calloc(std::max<std::size_t>(count, 1), sizeof(Word))));
    if (!a) throw std::bad_alloc();
    return a;
}

constexpr unsigned kBlockWordBits = 8;  // 256 words = 16384 states per block

// The state space of a step with its move bitsets, computed block by block on first use.
class Space {
public:
    Space(const Network& reduced)
        : k_(reduced.num_vars()), program_(Program::compile(reduced)), words_(k_ >= 6 ? std::size_t{1} << (k_ - 6) : 1),
          block_bits_(k_ >= 6 ? std::min<unsigned>(kBlockWordBits, static_cast<unsigned>(k_ - 6)) : 0),
          block_words_(std::size_t{1} << block_bits_), blocks_(words_ / block_words_),
          valid_(k_ >= 6 ? ~Word{0} : (Word{1} << (std::size_t{1} << k_)) - 1),
          moves_(allocate_words(blocks_ * k_ * block_words_)), ready_(blocks_, 0), scratch_(program_.scratch_words(8)),
          out_(8 * std::max<std::size_t>(k_, 1)) {}

    std::size_t words() const { return words_; }
    std::size_t blocks() const { return blocks_; }
    std::size_t block_words() const { return block_words_; }
    std::size_t variables() const { return k_; }

    WordArray make_set() const { return allocate_words(words_); }

    /// Moves of block b: word w of variable v at [v * block_words + w].
    const Word* moves(std::size_t b) {
        if (!ready_[b]) compute(b);
        return moves_.get() + b * k_ * block_words_;
    }
    /// The variables that disagree with their rule in state s.
    std::uint64_t moves_of(std::uint64_t s) {
        std::size_t b = static_cast<std::size_t>(s >> (6 + block_bits_));
        std::size_t w = static_cast<std::size_t>(s >> 6) & (block_words_ - 1);
        const Word* d = moves(b);
        std::uint64_t mask = 0;
        for (std::size_t v = 0; v < k_; ++v) mask |= ((d[v * block_words_ + w] >> (s & 63)) & 1) << v;
        return mask;
    }

    /// Closes x under successors (forward) or predecessors (backward), staying inside
    /// `within` (nullptr: everywhere). Blocks are visited from a worklist.
    void close(Word* x, bool forward, const Word* within, const Control& control) {
        std::vector<std::uint32_t> queue;
        std::vector<std::uint8_t> queued(blocks_, 0);
        for (std::size_t b = 0; b < blocks_; ++b)
            if (any(x + b * block_words_)) {
                queue.push_back(static_cast<std::uint32_t>(b));
                queued[b] = 1;
            }
        std::size_t processed = 0;
        for (std::size_t head = 0; head < queue.size(); ++head) {
            if (head > 4096 && head * 2 > queue.size()) {
                queue.erase(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(head));
                head = 0;
            }
            std::size_t b = queue[head];
            queued[b] = 0;
            if ((++processed & 0xFF) == 0) control.check();
            Word* xb = x + b * block_words_;
            const Word* rb = within ? within + b * block_words_ : nullptr;
            const Word* d = moves(b);
            local_fixpoint(xb, d, rb, forward);
            for (std::size_t v = 6 + block_bits_; v < k_; ++v) {
                std::size_t c = b ^ (std::size_t{1} << (v - 6 - block_bits_));
                Word* xc = x + c * block_words_;
                const Word* rc = within ? within + c * block_words_ : nullptr;
                bool grew = false;
                if (forward) {
                    grew = add_moved(xb, d + v * block_words_, rc, xc);
                } else {
                    bool candidate = false;
                    for (std::size_t w = 0; w < block_words_ && !candidate; ++w)
                        candidate = (xb[w] & ~xc[w] & (rc ? rc[w] : ~Word{0})) != 0;
                    if (!candidate) continue;
                    grew = add_moved(xb, moves(c) + v * block_words_, rc, xc);
                }
                if (grew && !queued[c]) {
                    queued[c] = 1;
                    queue.push_back(static_cast<std::uint32_t>(c));
                }
            }
        }
    }

    /// Adds to the block xc the states of the block xb that are set in dv (the moves along
    /// the variable that separates the blocks) and in rc (nullptr: everywhere); true when
    /// xc grew. Forward, dv holds xb's moves; backward, xc's.
    bool add_moved(const Word* xb, const Word* dv, const Word* rc, Word* xc) const {
        bool grew = false;
        for (std::size_t w = 0; w < block_words_; ++w) {
            Word t = xb[w] & dv[w];
            if (rc) t &= rc[w];
            Word fresh = t & ~xc[w];
            if (fresh) {
                xc[w] |= fresh;
                grew = true;
            }
        }
        return grew;
    }

    /// The end of a random walk of at most `steps` moves from s.
    std::uint64_t walk(std::uint64_t s, std::size_t steps, std::mt19937_64& rng) {
        for (std::size_t i = 0; i < steps; ++i) {
            std::uint64_t m = moves_of(s);
            if (m == 0) break;
            auto pick = static_cast<int>(rng() % static_cast<std::uint64_t>(std::popcount(m)));
            for (int p = 0; p < pick; ++p) m &= m - 1;
            s ^= std::uint64_t{1} << std::countr_zero(m);
        }
        return s;
    }

private:
    bool any(const Word* xb) const {
        for (std::size_t w = 0; w < block_words_; ++w)
            if (xb[w]) return true;
        return false;
    }

    // Moves inside one block until nothing changes; updates are used as soon as made.
    void local_fixpoint(Word* x, const Word* d, const Word* r, bool forward) const {
        const std::size_t low = std::min<std::size_t>(k_, 6);
        const std::size_t inner = std::min<std::size_t>(k_, 6 + block_bits_);
        for (bool changed = true; changed;) {
            changed = false;
            for (std::size_t v = 0; v < low; ++v) {
                const Word* dv = d + v * block_words_;
                const Word high = low_variable_pattern(static_cast<unsigned>(v));
                const unsigned shift = 1u << v;
                for (std::size_t w = 0; w < block_words_; ++w) {
                    Word src = forward ? x[w] & dv[w] : x[w];
                    Word t = ((src & ~high) << shift) | ((src & high) >> shift);
                    if (!forward) t &= dv[w];
                    if (r) t &= r[w];
                    Word fresh = t & ~x[w];
                    if (fresh) {
                        x[w] |= fresh;
                        changed = true;
                    }
                }
            }
            for (std::size_t v = 6; v < inner; ++v) {
                const Word* dv = d + v * block_words_;
                const std::size_t stride = std::size_t{1} << (v - 6);
                for (std::size_t w = 0; w < block_words_; ++w) {
                    std::size_t to = forward ? w ^ stride : w;
                    Word t = forward ? x[w] & dv[w] : x[w ^ stride] & dv[w];
                    if (r) t &= r[to];
                    Word fresh = t & ~x[to];
                    if (fresh) {
                        x[to] |= fresh;
                        changed = true;
                    }
                }
            }
        }
    }

    void compute(std::size_t b) {
        Word* d = moves_.get() + b * k_ * block_words_;
        const std::uint64_t base = static_cast<std::uint64_t>(b) * block_words_ * 64;
        if (block_words_ >= 8) {
            IndexBlock<8> index(k_);
            for (std::size_t c = 0; c < block_words_; c += 8) {
                index.seek(base + 64 * c);
                program_.run<8>(index.data(), out_.data(), scratch_.data());
                for (std::size_t v = 0; v < k_; ++v)
                    for (std::size_t j = 0; j < 8; ++j)
                        d[v * block_words_ + c + j] = out_[v * 8 + j] ^ index.data()[v * 8 + j];
            }
        } else {
            IndexBlock<1> index(k_);
            for (std::size_t c = 0; c < block_words_; ++c) {
                index.seek(base + 64 * c);
                if (k_ > 0) program_.run<1>(index.data(), out_.data(), scratch_.data());
                for (std::size_t v = 0; v < k_; ++v) d[v * block_words_ + c] = (out_[v] ^ index.data()[v]) & valid_;
            }
        }
        ready_[b] = 1;
    }

    std::size_t k_;
    Program program_;
    std::size_t words_;
    unsigned block_bits_;
    std::size_t block_words_;
    std::size_t blocks_;
    Word valid_;  // bits of a word that are states (fewer than 64 when k < 6)
    WordArray moves_;
    std::vector<std::uint8_t> ready_;
    std::vector<Word> scratch_;
    std::vector<Word> out_;
};

bool test(const Word* x, std::uint64_t s) { return (x[s >> 6] >> (s & 63)) & 1; }
void put(Word* x, std::uint64_t s) { x[s >> 6] |= Word{1} << (s & 63); }

std::uint64_t count(const Word* x, std::size_t words) {
    std::uint64_t n = 0;
    for (std::size_t w = 0; w < words; ++w) n += static_cast<std::uint64_t>(std::popcount(x[w]));
    return n;
}

// The first state of x, or ~0 when x is empty.
std::uint64_t first_state(const Word* x, std::size_t words) {
    for (std::size_t w = 0; w < words; ++w)
        if (x[w]) return (static_cast<std::uint64_t>(w) << 6) | static_cast<std::uint64_t>(std::countr_zero(x[w]));
    return ~std::uint64_t{0};
}

[[noreturn]] void too_large(const std::string& what, std::uint64_t need, std::uint64_t budget) {
    throw ResourceError(errors::exact_response_too_large(what, gib(need), gib(budget)));
}

constexpr std::uint64_t kMaxListedAttractorStates = std::uint64_t{1} << 24;

// The states reachable from the starts: the forward closure of every start.
WordArray reachable_set(Space& space, const std::vector<PackedStart>& starts, const Control& control) {
    WordArray reach = space.make_set();
    for (const auto& group : starts)
        for (auto [s, w] : group) put(reach.get(), s);
    space.close(reach.get(), true, nullptr, control);
    return reach;
}

// The attractor of the pivot's end of walk, or of a set it leads to: the pivot moves until
// its forward set is all backward-reachable from it. The members are left in `backward`.
void narrow_to_attractor(Space& space, std::uint64_t pivot, std::mt19937_64& rng, const Control& control, Word* forward,
                         Word* backward) {
    const std::size_t words = space.words();
    for (;;) {
        pivot = space.walk(pivot, 4 * space.variables() + 64, rng);
        std::memset(forward, 0, words * sizeof(Word));
        std::memset(backward, 0, words * sizeof(Word));
        put(forward, pivot);
        put(backward, pivot);
        space.close(forward, true, nullptr, control);
        space.close(backward, false, forward, control);
        // forward \ backward: closed under successors; empty when forward is an attractor.
        bool terminal = true;
        for (std::size_t w = 0; w < words; ++w) {
            forward[w] &= ~backward[w];
            terminal = terminal && forward[w] == 0;
        }
        if (terminal) return;
        pivot = first_state(forward, words);
    }
}

// The states of the set x, in increasing order.
std::vector<std::uint64_t> members_of(const Word* x, std::size_t words) {
    std::vector<std::uint64_t> members;
    for (std::size_t w = 0; w < words; ++w)
        for (Word bits = x[w]; bits; bits &= bits - 1)
            members.push_back((static_cast<std::uint64_t>(w) << 6) |
                              static_cast<std::uint64_t>(std::countr_zero(bits)));
    return members;
}

// The attractors inside the reachable set into out.attractors, and their basins (within the
// reachable set) in the same order; `used` grows by a set per basin.
std::vector<WordArray> attractors_and_basins(Space& space, const Word* reach, std::uint64_t memory_budget,
                                             std::uint64_t& used, const Control& control, DenseOutcome& out) {
    const std::size_t words = space.words();
    const std::uint64_t set_bytes = words * sizeof(Word);
    WordArray remaining = space.make_set(), forward = space.make_set(), backward = space.make_set();
    std::memcpy(remaining.get(), reach, words * sizeof(Word));
    std::vector<WordArray> basins;
    std::mt19937_64 rng(0x5EED);
    std::uint64_t listed = 0;
    for (std::uint64_t pivot = first_state(remaining.get(), words); pivot != ~std::uint64_t{0};
         pivot = first_state(remaining.get(), words)) {
        narrow_to_attractor(space, pivot, rng, control, forward.get(), backward.get());
        // backward now holds the attractor (backward-closed within its forward set = itself).
        used += set_bytes;
        if (used > memory_budget)
            too_large("the basins of " + std::to_string(basins.size() + 1) + " attractors", used, memory_budget);
        std::vector<std::uint64_t> members = members_of(backward.get(), words);
        listed += members.size();
        if (listed > kMaxListedAttractorStates)
            throw ResourceError(errors::exact_response_too_many_listed(kMaxListedAttractorStates));
        out.attractors.push_back(std::move(members));
        WordArray basin = space.make_set();
        std::memcpy(basin.get(), backward.get(), words * sizeof(Word));
        space.close(basin.get(), false, reach, control);
        for (std::size_t w = 0; w < words; ++w) remaining[w] &= ~basin[w];
        basins.push_back(std::move(basin));
    }
    return basins;
}

// The first basin that holds s, or basins.size() when none does.
std::size_t basin_of(const std::vector<WordArray>& basins, std::uint64_t s) {
    for (std::size_t j = 0; j < basins.size(); ++j)
        if (test(basins[j].get(), s)) return j;
    return basins.size();  // not reached: cannot happen for a successor of a reachable state
}

// The states in several basins that the starts reach without leaving such states: those
// need a solve.
WordArray open_states(Space& space, const std::vector<WordArray>& basins, const std::vector<PackedStart>& starts,
                      const Control& control) {
    const std::size_t words = space.words();
    WordArray once = space.make_set(), several = space.make_set();
    for (const auto& basin : basins)
        for (std::size_t w = 0; w < words; ++w) {
            several[w] |= once[w] & basin[w];
            once[w] |= basin[w];
        }
    once.reset();
    WordArray open = space.make_set();
    for (const auto& group : starts)
        for (auto [s, w] : group)
            if (test(several.get(), s)) put(open.get(), s);
    space.close(open.get(), true, several.get(), control);
    return open;
}

// The open states numbered by rank over the bitset, with their moves stored once: targets
// below `size` are open states, size + j stands for "absorbed in attractor j".
struct OpenChain {
    const Word* open;
    std::uint64_t size;
    std::vector<std::uint32_t> rank;  // open states before word w
    std::vector<std::uint64_t> offsets;
    std::vector<std::uint32_t> targets;
    std::vector<double> inverse_degree;

    std::uint32_t rank_of(std::uint64_t s) const {
        std::size_t w = static_cast<std::size_t>(s >> 6);
        Word below = (s & 63) ? open[w] & ((Word{1} << (s & 63)) - 1) : 0;
        return rank[w] + static_cast<std::uint32_t>(std::popcount(below));
    }
};

OpenChain open_chain(Space& space, const Word* open, std::uint64_t n_open, const std::vector<WordArray>& basins) {
    const std::size_t words = space.words();
    OpenChain ch{open, n_open, std::vector<std::uint32_t>(words + 1, 0), {}, {}, {}};
    for (std::size_t w = 0; w < words; ++w)
        ch.rank[w + 1] = ch.rank[w] + static_cast<std::uint32_t>(std::popcount(open[w]));
    ch.offsets.reserve(n_open + 1);
    ch.inverse_degree.reserve(n_open);
    ch.offsets.push_back(0);
    for (std::size_t w = 0; w < words; ++w)
        for (Word bits = open[w]; bits; bits &= bits - 1) {
            std::uint64_t s = (static_cast<std::uint64_t>(w) << 6) | static_cast<std::uint64_t>(std::countr_zero(bits));
            std::uint64_t mv = space.moves_of(s);
            for (std::uint64_t rest = mv; rest; rest &= rest - 1) {
                std::uint64_t t = s ^ (std::uint64_t{1} << std::countr_zero(rest));
                ch.targets.push_back(test(open, t) ? ch.rank_of(t)
                                                   : static_cast<std::uint32_t>(n_open + basin_of(basins, t)));
            }
            ch.offsets.push_back(ch.targets.size());
            ch.inverse_degree.push_back(1.0 / std::popcount(mv));
        }
    return ch;
}

// Gauss-Seidel from zero: x[u*m + j] increases to the probability that open state u is
// absorbed in j. Sweeps until the start mass not yet assigned is within the tolerance or the
// relaxation budget is spent; returns that mass (the largest over the groups).
double hitting_probabilities(const OpenChain& ch, std::size_t m,
                             const std::vector<std::vector<std::pair<std::uint32_t, double>>>& open_starts,
                             const StepLimits& limits, const Control& control, std::vector<double>& x) {
    const std::uint64_t n_open = ch.size;
    std::vector<double> acc(m);
    std::uint64_t relaxations = 0;
    double gap = 0;
    for (;;) {
        for (std::uint64_t u = 0; u < n_open; ++u) {
            std::fill(acc.begin(), acc.end(), 0.0);
            for (auto e = ch.offsets[u]; e < ch.offsets[u + 1]; ++e) {
                std::uint32_t t = ch.targets[e];
                if (t < n_open)
                    for (std::size_t j = 0; j < m; ++j) acc[j] += x[t * m + j];
                else
                    acc[t - n_open] += 1.0;
            }
            for (std::size_t j = 0; j < m; ++j) x[u * m + j] = acc[j] * ch.inverse_degree[u];
        }
        relaxations += ch.targets.size() * m;
        gap = 0;
        for (const auto& group : open_starts) {
            double unassigned = 0;
            for (auto [u, w] : group) {
                double sum = 0;
                for (std::size_t j = 0; j < m; ++j) sum += x[u * m + j];
                unassigned += w * std::max(0.0, 1.0 - sum);
            }
            gap = std::max(gap, unassigned);
        }
        if (gap <= limits.tolerance || relaxations > limits.max_relaxations) return gap;
        control.check();
    }
}

}  // namespace

std::uint64_t dense_step_bytes(std::size_t free_vars) {
    const std::uint64_t set = free_vars >= 6 ? std::uint64_t{1} << (free_vars - 3) : 8;
    return (free_vars + 6) * set;
}

DenseOutcome explore_dense(const Network& reduced, const std::vector<PackedStart>& starts, const StepLimits& limits,
                           std::uint64_t memory_budget, const Control& control) {
    const std::size_t k = reduced.num_vars();
    if (k > kMaxDenseVariables) throw ResourceError(errors::exact_response_whole_space_limit(kMaxDenseVariables, k));
    std::uint64_t used = dense_step_bytes(k);
    if (used > memory_budget)
        too_large("a whole-space exploration of 2^" + std::to_string(k) + " states", used, memory_budget);

    Space space(reduced);
    const std::size_t words = space.words();
    DenseOutcome out;

    control.report(-1, "exploring reachable states (whole space)");
    WordArray reach = reachable_set(space, starts, control);
    out.explored_states = count(reach.get(), words);

    control.report(-1, "finding attractors (whole space)");
    std::vector<WordArray> basins = attractors_and_basins(space, reach.get(), memory_budget, used, control, out);
    const std::size_t m = out.attractors.size();

    out.reachable.assign(starts.size(), std::vector<bool>(m, false));
    out.probability.assign(starts.size(), std::vector<double>(m, 0.0));
    for (std::size_t g = 0; g < starts.size(); ++g)
        for (auto [s, w] : starts[g])
            for (std::size_t j = 0; j < m; ++j)
                if (test(basins[j].get(), s)) out.reachable[g][j] = true;
    if (m == 1) {
        for (std::size_t g = 0; g < starts.size(); ++g)
            for (auto [s, w] : starts[g]) out.probability[g][0] += w;
        return out;
    }

    control.report(-1, "absorption probabilities (whole space)");
    WordArray open = open_states(space, basins, starts, control);
    const std::uint64_t n_open = count(open.get(), words);
    out.undetermined_states = n_open;
    if (n_open == 0) {
        for (std::size_t g = 0; g < starts.size(); ++g)
            for (auto [s, w] : starts[g]) out.probability[g][basin_of(basins, s)] += w;
        return out;
    }
    const std::uint64_t need = words * 4 + n_open * (8 + 8 + 4 * k + 8 * m);
    if (used + need > memory_budget)
        too_large("absorption over " + std::to_string(n_open) + " states that can reach several attractors",
                  used + need, memory_budget);
    if (n_open >= (std::uint64_t{1} << 32) - m) too_large("absorption", used + need, memory_budget);

    OpenChain chain = open_chain(space, open.get(), n_open, basins);
    control.check();

    std::vector<double> x(n_open * m, 0.0);
    std::vector<std::vector<std::pair<std::uint32_t, double>>> open_starts(starts.size());
    for (std::size_t g = 0; g < starts.size(); ++g)
        for (auto [s, w] : starts[g])
            if (test(open.get(), s))
                open_starts[g].push_back({chain.rank_of(s), w});
            else
                out.probability[g][basin_of(basins, s)] += w;
    double gap = hitting_probabilities(chain, m, open_starts, limits, control, x);
    for (std::size_t g = 0; g < starts.size(); ++g)
        for (auto [u, w] : open_starts[g])
            for (std::size_t j = 0; j < m; ++j) out.probability[g][j] += w * x[u * m + j];
    out.max_error = gap;
    return out;
}

}  // namespace bitsig
