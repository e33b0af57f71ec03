// SPDX-License-Identifier: MIT
// Gillespie's direct method (Gillespie 1977) on MaBoSS's Boolean process (Stoll et al.
// 2012), bit-parallel over trajectories.
//
// One step of a block: run the compiled program once for all 64*W lanes (rules, readouts
// and rate conditions of every lane's current state), note which signals changed since
// the last step (the window sums need only the switching times), form each variable's
// enabled mask (rule disagrees with value, or a rate condition holds), transpose the masks
// so each lane's enabled variables are one word per 64 variables, and then per lane: sum
// the enabled rates, draw the waiting time and the transition from the lane's own stream,
// flip one bit. A lane whose next jump would pass max_time (or that has no enabled
// transition) ends its trajectory there and takes the block's next trajectory.
// The work shared by lanes is the program (size/64 word operations per lane and step);
// the per-lane work is O(enabled variables + n/64).
#include "simulate/simulate.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#if defined(__x86_64__)
// GCC 12 reports its own intrinsics' deliberately undefined registers (_mm512_undefined_*)
// as uninitialized where they are inlined.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#endif

#include "core/bits.hpp"
#include "dynamics/program.hpp"
#include "simulate/random.hpp"
#include "simulate/windows.hpp"

namespace bitsig {

namespace {

// The build targets baseline x86-64, where std::popcount is a library call; this is the
// same count in a dozen inline operations (the per-lane hot path uses it every step).
inline std::size_t count_ones(Word w) {
    w = w - ((w >> 1) & 0x5555555555555555ull);
    w = (w & 0x3333333333333333ull) + ((w >> 2) & 0x3333333333333333ull);
    w = (w + (w >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    return static_cast<std::size_t>((w * 0x0101010101010101ull) >> 56);
}

// kByteSelect.at[b][r]: position of the r-th set bit of byte b (r < popcount(b)).
struct ByteSelect {
    std::uint8_t at[256][8] = {};
    constexpr ByteSelect() {
        for (unsigned b = 0; b < 256; ++b) {
            unsigned r = 0;
            for (unsigned i = 0; i < 8; ++i)
                if ((b >> i) & 1) at[b][r++] = static_cast<std::uint8_t>(i);
        }
    }
};
constexpr ByteSelect kByteSelect;

// Position of the r-th (from 0) set bit of w, r < count_ones(w): per-byte counts and
// their prefix sums locate the byte in a few word operations, a table the bit in it; no
// loop whose length depends on r (a mispredicted branch per transition otherwise).
inline unsigned select_bit(Word w, std::size_t r) {
    Word b = w - ((w >> 1) & 0x5555555555555555ull);
    b = (b & 0x3333333333333333ull) + ((b >> 2) & 0x3333333333333333ull);
    b = (b + (b >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    const Word prefix = b * 0x0101010101010101ull;  // byte i: set bits in bytes 0..i (<= 64)
    const Word high = 0x8080808080808080ull;
    const Word reached = ((prefix | high) - (static_cast<Word>(r + 1) * 0x0101010101010101ull)) & high;
    const unsigned byte = lowest_bit(reached) / 8;
    const std::size_t before = byte == 0 ? 0 : (prefix >> (8 * byte - 8)) & 0xFF;
    return 8 * byte + kByteSelect.at[(w >> (8 * byte)) & 0xFF][r - before];
}

constexpr std::size_t kW = 4;  // words per register: 256 lanes per block
constexpr std::size_t kLanes = 64 * kW;
constexpr std::uint64_t kBlockTrajectories = 16 * kLanes;  // fixed: results must not depend on threads

// Copies `when` into a standalone condition over the network's variables, replacing the
// @logic marker (VarId{n}) by a copy of `rule`.
Expr inline_logic(const Expr& when, std::size_t n, const Expr& rule) {
    Expr out;
    auto copy = [&out](const Expr& src, auto&& on_variable) {
        std::vector<std::uint32_t> map(src.size());
        for (std::uint32_t i = 0; i < src.size(); ++i) {
            const ExprNode& node = src.node(i);
            switch (node.op) {
            case Op::constant:
                map[i] = out.add_constant(node.value);
                break;
            case Op::variable:
                map[i] = on_variable(node.var);
                break;
            default: {
                std::vector<std::uint32_t> kids;
                for (auto c : src.children(i)) kids.push_back(map[c]);
                map[i] = out.add_operator(node.op, kids);
            }
            }
        }
        return map[src.root()];
    };
    std::uint32_t root = copy(when, [&](VarId v) {
        if (v.index != n) return out.add_variable(v);
        return copy(rule, [&](VarId u) { return out.add_variable(u); });
    });
    out.set_root(root);
    return out;
}

enum class CaseKind { logic, not_logic, always, output };

struct CompiledCase {
    CaseKind kind;
    std::uint32_t output;  // for CaseKind::output
    double rate;
};

struct CompiledVariable {
    std::vector<CompiledCase> up, down;
    bool simple = true;          // at most one case each way: the rate is a constant per direction
    bool follows_logic = false;  // up = [@logic], down = [!@logic]: enabled where rule != value
    double up_rate = 0, down_rate = 0;
};

// Everything a block needs, built once.
struct Plan {
    std::size_t n = 0, readouts = 0, signals = 0;
    Program program;
    std::vector<CompiledVariable> vars;
    Subspace held;
    bool uniform = true;  // every transition has the same rate: choose uniformly
    double uniform_rate = 1;
    std::vector<InitialGroup> groups;
    std::vector<bool> in_group;
    SimulationOptions options;
};

Plan make_plan(const StochasticModel& model, const SimulationOptions& options) {
    Plan plan;
    const Network& net = model.net;
    plan.n = net.num_vars();
    plan.readouts = net.readouts().size();
    plan.signals = plan.n + plan.readouts;
    plan.held = model.held;
    plan.groups = model.initial;
    plan.in_group.assign(plan.n, false);
    for (const auto& g : plan.groups)
        for (VarId v : g.vars) plan.in_group[v.index] = true;
    plan.options = options;

    std::vector<const Expr*> outputs;
    for (std::uint32_t i = 0; i < plan.n; ++i) outputs.push_back(&net.rule(VarId{i}));
    for (const auto& r : net.readouts()) outputs.push_back(&r.rule);
    // Conditions that need their own output; reserved for every case so that the
    // addresses in `outputs` stay valid until the program is compiled below.
    std::vector<Expr> conditions;
    std::size_t extra = 0;
    for (const auto& rates : model.rates) extra += rates.up.size() + rates.down.size();
    conditions.reserve(extra);

    const VarId marker{static_cast<std::uint32_t>(plan.n)};
    auto compile_cases = [&](std::uint32_t v, const std::vector<RateCase>& cases) {
        std::vector<CompiledCase> out;
        for (const auto& c : cases) {
            if (!(c.rate > 0)) continue;
            const Expr& w = c.when;
            const ExprNode& root = w.node(w.root());
            if (w.is_constant()) {
                if (w.constant_value()) out.push_back({CaseKind::always, 0, c.rate});
            } else if (w.is_variable(marker)) {
                out.push_back({CaseKind::logic, 0, c.rate});
            } else if (root.op == Op::negation && w.node(w.children(w.root())[0]).op == Op::variable &&
                       w.node(w.children(w.root())[0]).var == marker) {
                out.push_back({CaseKind::not_logic, 0, c.rate});
            } else {
                conditions.push_back(inline_logic(w, plan.n, net.rule(VarId{v})));
                out.push_back({CaseKind::output, static_cast<std::uint32_t>(outputs.size()), c.rate});
                outputs.push_back(&conditions.back());
            }
        }
        return out;
    };
    plan.vars.resize(plan.n);
    bool first_rate = true;
    for (std::uint32_t v = 0; v < plan.n; ++v) {
        CompiledVariable& cv = plan.vars[v];
        cv.up = compile_cases(v, model.rates[v].up);
        cv.down = compile_cases(v, model.rates[v].down);
        cv.simple = cv.up.size() <= 1 && cv.down.size() <= 1;
        cv.up_rate = cv.up.empty() ? 0 : cv.up[0].rate;
        cv.down_rate = cv.down.empty() ? 0 : cv.down[0].rate;
        cv.follows_logic = cv.up.size() == 1 && cv.down.size() == 1 && cv.up[0].kind == CaseKind::logic &&
                           cv.down[0].kind == CaseKind::not_logic;
        if (plan.held.is_fixed(v)) continue;
        if (!cv.simple) plan.uniform = false;
        for (const auto* list : {&cv.up, &cv.down})
            for (const auto& c : *list) {
                if (first_rate)
                    plan.uniform_rate = c.rate, first_rate = false;
                else if (c.rate != plan.uniform_rate)
                    plan.uniform = false;
            }
    }
    plan.program = Program::compile(outputs, plan.n);
    return plan;
}

// A trajectory's initial state from its own stream: groups first, then a coin per free
// variable in no group, in variable order; held variables at their values. Both engines
// draw through this, so a seed gives the same trajectories in either.
template <class Set>
void draw_initial(const Plan& plan, TrajectoryRandom& rng, Set&& set) {
    for (const auto& g : plan.groups) {
        double total = 0;
        for (double w : g.weights) total += w;
        double u = rng.unit() * total;
        std::size_t row = 0;
        while (row + 1 < g.weights.size() && u >= g.weights[row]) u -= g.weights[row++];
        for (std::size_t i = 0; i < g.vars.size(); ++i) set(g.vars[i].index, g.values[row][i]);
    }
    Word coins = 0;
    unsigned left = 0;
    for (std::size_t v = 0; v < plan.n; ++v) {
        if (plan.held.is_fixed(v)) {
            set(v, plan.held.value(v));
            continue;
        }
        if (plan.in_group[v]) continue;
        if (left == 0) coins = rng.next(), left = 64;
        set(v, coins & 1);
        coins >>= 1;
        --left;
    }
}

// Whether case c holds in `lane` of a block whose program outputs are `out` (kW words per
// output; variable v's rule is output v).
inline Word case_mask(const CompiledCase& c, std::size_t v, const Word* out, std::size_t k) {
    switch (c.kind) {
    case CaseKind::logic:
        return out[v * kW + k];
    case CaseKind::not_logic:
        return ~out[v * kW + k];
    case CaseKind::always:
        return ~Word{0};
    case CaseKind::output:
        return out[c.output * kW + k];
    }
    return 0;
}

// Variable v's enabled lanes in word k: a case of the direction it would move in holds.
inline Word enabled_mask(const Plan& plan, std::size_t v, const Word* x, const Word* out, std::size_t k) {
    const CompiledVariable& cv = plan.vars[v];
    if (plan.held.is_fixed(v)) return 0;
    const Word value = x[v * kW + k];
    if (cv.follows_logic) return value ^ out[v * kW + k];
    Word up = 0, down = 0;
    for (const auto& c : cv.up) up |= case_mask(c, v, out, k);
    for (const auto& c : cv.down) down |= case_mask(c, v, out, k);
    return (~value & up) | (value & down);
}

// The rate at which variable v (enabled in `lane`) leaves its value: the sum of the cases
// of its direction that hold, in case order.
inline double lane_rate(const Plan& plan, std::size_t v, const Word* x, const Word* out, std::size_t lane) {
    const CompiledVariable& cv = plan.vars[v];
    const bool on = (x[v * kW + lane / 64] >> (lane % 64)) & 1;
    if (cv.simple) return on ? cv.down_rate : cv.up_rate;
    double rate = 0;
    for (const auto& c : on ? cv.down : cv.up)
        if ((case_mask(c, v, out, lane / 64) >> (lane % 64)) & 1) rate += c.rate;
    return rate;
}

using StateKey = std::vector<Word>;
struct KeyHash {
    std::size_t operator()(const StateKey& k) const noexcept {
        std::size_t h = k.size();
        for (auto w : k) h = (h ^ w) * 0x9E3779B97F4A7C15ull + (h >> 29);
        return h;
    }
};

struct BlockResult {
    WindowSums sums;
    std::vector<std::uint64_t> final_on;                          // per signal
    std::unordered_map<StateKey, std::uint64_t, KeyHash> finals;  // lanes engine
    std::vector<std::uint64_t> dense_finals;                      // table engine: count per state
    std::uint64_t transitions = 0;
    std::uint64_t samples = 0;

    /// Nothing summed yet for `samples` trajectories; `table_states` > 0 counts final
    /// states densely (the table engine), 0 in the map (the lanes engine).
    static BlockResult empty(const TimeWindows& windows, std::size_t signals, std::size_t table_states,
                             std::uint64_t samples) {
        return BlockResult{WindowSums(windows, signals),
                           std::vector<std::uint64_t>(signals, 0),
                           {},
                           std::vector<std::uint64_t>(table_states, 0),
                           0,
                           samples};
    }
};

// A block's result as bytes for rank 0: sums, final counts, distinct final states.
std::string write_block(const BlockResult& r) {
    WireWriter w;
    r.sums.write(w);
    w.words(r.final_on);
    w.u64(r.transitions);
    w.u64(r.samples);
    w.u64(r.finals.size());
    for (const auto& [key, count] : r.finals) {
        w.raw(key.data(), key.size() * sizeof(Word));
        w.u64(count);
    }
    w.words(r.dense_finals);
    return w.take();
}

// Adds a block written by write_block to `total` (blocks arrive in block order).
void merge_block(BlockResult& total, const std::string& bytes, std::size_t n) {
    WireReader in(bytes);
    total.sums.merge(in);
    const std::vector<std::uint64_t> final_on = in.words();
    for (std::size_t s = 0; s < total.final_on.size() && s < final_on.size(); ++s) total.final_on[s] += final_on[s];
    total.transitions += in.u64();
    total.samples += in.u64();
    StateKey key((n + 63) / 64);
    for (std::uint64_t k = in.u64(); k > 0; --k) {
        in.raw(key.data(), key.size() * sizeof(Word));
        total.finals[key] += in.u64();
    }
    const std::vector<std::uint64_t> dense = in.words();
    for (std::size_t i = 0; i < total.dense_finals.size() && i < dense.size(); ++i) total.dense_finals[i] += dense[i];
}

class BlockRunner {
public:
    BlockRunner(const Plan& plan, const TimeWindows& windows)
        : plan_(plan), windows_(windows), x_(plan.n * kW, 0), out_(plan.program.num_outputs() * kW, 0),
          scratch_(plan.program.scratch_words(kW), 0), prev_(plan.signals * kW, 0), enabled_(plan.n * kW, 0),
          words_per_lane_((plan.n + 63) / 64), lane_enabled_(kLanes * words_per_lane_, 0),
          lane_windows_(kLanes, LaneWindows(windows, plan.signals)), time_(kLanes, 0), trajectory_(kLanes, 0),
          random_(kLanes), key_(words_per_lane_, 0) {
        inverse_total_.resize(plan.n + 1, 0.0);
        for (std::size_t c = 1; c <= plan.n; ++c) inverse_total_[c] = 1 / (plan.uniform_rate * static_cast<double>(c));
    }

    BlockResult run(std::uint64_t first, std::uint64_t count, const Control& control) {
        BlockResult r = BlockResult::empty(windows_, plan_.signals, 0, count);
        result_ = &r;
        control.check();  // a block of short trajectories may take fewer steps than the poll interval
        next_ = first;
        end_ = first + count;
        active_.fill(0);
        fresh_.fill(0);
        for (std::size_t lane = 0; lane < kLanes; ++lane) start_next(lane);
        std::uint64_t steps = 0;
        while (any_active()) {
            if ((++steps & 255) == 0) control.check();
            step();
        }
        result_ = nullptr;
        return r;
    }

private:
    bool any_active() const {
        for (auto a : active_)
            if (a) return true;
        return false;
    }

    bool bit(const std::vector<Word>& words, std::size_t row, std::size_t lane) const {
        return (words[row * kW + lane / 64] >> (lane % 64)) & 1;
    }
    void set_bit(std::vector<Word>& words, std::size_t row, std::size_t lane, bool value) {
        Word m = Word{1} << (lane % 64);
        Word& w = words[row * kW + lane / 64];
        w = value ? (w | m) : (w & ~m);
    }

    // Lane `lane` takes the block's next trajectory, or goes idle.
    void start_next(std::size_t lane) {
        const Word m = Word{1} << (lane % 64);
        if (next_ >= end_) {
            active_[lane / 64] &= ~m;
            return;
        }
        const std::uint64_t id = next_++;
        trajectory_[lane] = id;
        TrajectoryRandom& rng = random_[lane];
        rng = TrajectoryRandom(plan_.options.seed, id);
        time_[lane] = 0;
        draw_initial(plan_, rng, [&](std::size_t v, bool value) { set_bit(x_, v, lane, value); });
        active_[lane / 64] |= m;
        fresh_[lane / 64] |= m;
    }

    // The lane's trajectory ends at max_time in its current state.
    void finish(std::size_t lane) {
        const double max_time = plan_.options.max_time;
        lane_windows_[lane].finish(max_time, result_->sums);
        std::fill(key_.begin(), key_.end(), 0);
        for (std::size_t v = 0; v < plan_.n; ++v)
            if (bit(x_, v, lane)) {
                key_[v / 64] |= Word{1} << (v % 64);
                ++result_->final_on[v];
            }
        for (std::size_t r = 0; r < plan_.readouts; ++r)
            if (bit(out_, plan_.n + r, lane)) ++result_->final_on[plan_.n + r];
        auto it = result_->finals.find(key_);
        if (it == result_->finals.end())
            result_->finals.emplace(key_, 1);
        else
            ++it->second;
        start_next(lane);
    }

    double lane_rate(std::size_t v, std::size_t lane) const {
        return bitsig::lane_rate(plan_, v, x_.data(), out_.data(), lane);
    }

    void step() {
        plan_.program.run<kW>(x_.data(), out_.data(), scratch_.data());
        record_switches();
        for (std::size_t v = 0; v < plan_.n; ++v)
            for (std::size_t k = 0; k < kW; ++k)
                enabled_[v * kW + k] = enabled_mask(plan_, v, x_.data(), out_.data(), k) & active_[k];
        transpose_enabled();
        for (std::size_t k = 0; k < kW; ++k)
            for (Word lanes = active_[k]; lanes != 0; lanes &= lanes - 1) advance(64 * k + lowest_bit(lanes));
    }

    // Signals (variables, then readouts) that switched since the previous step start or
    // end an on-interval at the lane's current time; a fresh lane starts its on signals.
    void record_switches() {
        for (std::size_t s = 0; s < plan_.signals; ++s) {
            const Word* now = s < plan_.n ? &x_[s * kW] : &out_[s * kW];
            Word* prev = &prev_[s * kW];
            for (std::size_t k = 0; k < kW; ++k) {
                const Word changed = (((now[k] ^ prev[k]) & ~fresh_[k]) | (now[k] & fresh_[k])) & active_[k];
                prev[k] = now[k];
                if (changed == 0) continue;
                // Ons and offs in separate loops: no unpredictable branch per switch.
                for (Word c = changed & now[k]; c != 0; c &= c - 1) {
                    const std::size_t lane = 64 * k + lowest_bit(c);
                    lane_windows_[lane].switch_on(s, time_[lane]);
                }
                for (Word c = changed & ~now[k]; c != 0; c &= c - 1) {
                    const std::size_t lane = 64 * k + lowest_bit(c);
                    lane_windows_[lane].switch_off(s, time_[lane], result_->sums);
                }
            }
        }
        fresh_.fill(0);
    }

    void transpose_enabled() {
        std::array<Word, 64> rows{};
        for (std::size_t c = 0; c < words_per_lane_; ++c) {
            for (std::size_t k = 0; k < kW; ++k) {
                if (active_[k] == 0) continue;
                for (std::size_t i = 0; i < 64; ++i) {
                    const std::size_t v = 64 * c + i;
                    rows[i] = v < plan_.n ? enabled_[v * kW + k] : 0;
                }
                transpose64(rows.data());
                for (std::size_t j = 0; j < 64; ++j) lane_enabled_[(64 * k + j) * words_per_lane_ + c] = rows[j];
            }
        }
    }

    void advance(std::size_t lane) {
        const Word* en = &lane_enabled_[lane * words_per_lane_];
        TrajectoryRandom& rng = random_[lane];
        std::size_t count = 0;
        double total = 0;
        if (plan_.uniform) {
            for (std::size_t c = 0; c < words_per_lane_; ++c) count += count_ones(en[c]);
            total = plan_.uniform_rate * static_cast<double>(count);
        } else {
            for (std::size_t c = 0; c < words_per_lane_; ++c)
                for (Word w = en[c]; w != 0; w &= w - 1) total += lane_rate(64 * c + lowest_bit(w), lane);
        }
        if (!(total > 0)) return finish(lane);
        // With equal rates the total is rate * count: a table of 1 / total saves a division.
        const double dt = plan_.options.discrete_time ? plan_.options.time_tick
                          : plan_.uniform             ? rng.standard_exponential() * inverse_total_[count]
                                                      : rng.exponential(total);
        if (time_[lane] + dt >= plan_.options.max_time) return finish(lane);
        std::size_t chosen = SIZE_MAX;
        if (plan_.uniform) {
            auto target = static_cast<std::size_t>(static_cast<std::int64_t>(rng.unit() * static_cast<double>(count)));
            if (target >= count) target = count - 1;
            for (std::size_t c = 0; c < words_per_lane_ && chosen == SIZE_MAX; ++c) {
                const std::size_t here = count_ones(en[c]);
                if (target >= here) {
                    target -= here;
                    continue;
                }
                chosen = 64 * c + select_bit(en[c], target);
            }
        } else {
            double target = rng.unit() * total;
            std::size_t last = SIZE_MAX;
            for (std::size_t c = 0; c < words_per_lane_ && chosen == SIZE_MAX; ++c)
                for (Word w = en[c]; w != 0; w &= w - 1) {
                    const std::size_t v = 64 * c + lowest_bit(w);
                    last = v;
                    target -= lane_rate(v, lane);
                    if (target < 0) {
                        chosen = v;
                        break;
                    }
                }
            if (chosen == SIZE_MAX) chosen = last;  // rounding left a sliver past the last rate
        }
        time_[lane] += dt;
        x_[chosen * kW + lane / 64] ^= Word{1} << (lane % 64);
        ++result_->transitions;
    }

    const Plan& plan_;
    const TimeWindows& windows_;
    std::vector<Word> x_, out_, scratch_, prev_, enabled_;
    std::size_t words_per_lane_;
    std::vector<Word> lane_enabled_;
    std::vector<LaneWindows> lane_windows_;
    std::vector<double> time_;
    std::vector<std::uint64_t> trajectory_;
    std::vector<TrajectoryRandom> random_;
    std::array<Word, kW> active_{}, fresh_{};
    StateKey key_;
    std::vector<double> inverse_total_;  // uniform rates: 1 / (rate * enabled count)
    BlockResult* result_ = nullptr;
    std::uint64_t next_ = 0, end_ = 0;
};

[[noreturn]] void option_error(std::string message) { throw InputError(errors::general(std::move(message))); }

void validate(const SimulationOptions& o) {
    if (o.samples == 0) option_error(errors::simulation_samples());
    if (!(o.max_time > 0) || !std::isfinite(o.max_time)) option_error(errors::simulation_max_time());
    if (!(o.time_tick > 0) || !std::isfinite(o.time_tick)) option_error(errors::simulation_time_tick());
    if (o.max_time / o.time_tick > 1e7) option_error(errors::simulation_windows());
}

// The table engine (models of at most kStateTableMaxVariables variables). Every state's
// outgoing transitions are computed once, by the same compiled program over 256 states
// per run: the enabled variables, their rates, the total rate and the signals (variables
// and readouts) that are on. A trajectory is then a walk through the table: per jump one
// exponential, one uniform, the choice among the enabled variables and the window
// bookkeeping of the signals that switched, with no rule evaluated. The draws and the
// choice are made exactly as the lanes engine makes them, so both engines follow the
// same trajectories for a seed (their window sums differ only in the order of addition).
struct TableEntry {
    std::uint32_t enabled = 0;  // bit v: variable v can move
    std::uint32_t count = 0;    // enabled variables
    double total = 0;           // sum of their rates
    double inverse_total = 0;   // uniform rates: 1 / total, as the lanes engine tabulates it
    Word signals = 0;           // bit s: signal s is on (variables, then readouts)
};

// Per state, n slots each: the enabled variables in increasing order, and (non-uniform
// rates only) their rates in that order, so the choice reads consecutive slots instead of
// searching the enabled mask for its bits.
struct StateTable {
    std::vector<TableEntry> entries;  // per state (bit v of the index: variable v)
    std::vector<std::uint8_t> order;  // per state and slot: the slot-th enabled variable
    std::vector<double> rates;        // per state and slot: its rate (non-uniform rates only)
    // Per state, 16 slots (the vector walk, non-uniform rates only): at slot j the smallest
    // target for which the choice goes past slot j, +infinity from the state's last slot on.
    std::vector<double> thresholds;
    static constexpr std::size_t kThresholdSlots = 16;  // > kStateTableMaxVariables - 1: two vectors
};

// The choice subtracts the rates of slots 0, 1, ... from the target and stops at the
// first slot where the remainder drops below 0. Each rounded subtraction is monotone in
// its operand, so "the remainder after slot j is >= 0" holds exactly for the targets from
// one double on: the choice is the number of slots whose threshold the target reaches,
// with no loop and no branch. The threshold is found from the rounded sum, a few units in
// the last place away, by stepping (or by bisection over the doubles' bit patterns, which
// order non-negative doubles as their values, if stepping takes long).
void add_thresholds(StateTable& t, std::size_t n) {
    static_assert(kStateTableMaxVariables <= StateTable::kThresholdSlots + 1);
    t.thresholds.assign(t.entries.size() * StateTable::kThresholdSlots, std::numeric_limits<double>::infinity());
    for (std::size_t state = 0; state < t.entries.size(); ++state) {
        const double* rate = &t.rates[state * n];
        const std::size_t count = t.entries[state].count;
        for (std::size_t j = 0; j + 1 < count; ++j) {
            auto passes = [&](double target) {
                for (std::size_t i = 0; i <= j; ++i) target -= rate[i];
                return !(target < 0);
            };
            double guess = 0;
            for (std::size_t i = 0; i <= j; ++i) guess += rate[i];
            int steps = 0;
            if (passes(guess)) {
                while (steps++ < 64 && passes(std::nextafter(guess, 0.0))) guess = std::nextafter(guess, 0.0);
            } else {
                while (steps++ < 64 && !passes(guess)) guess = std::nextafter(guess, HUGE_VAL);
            }
            if (steps > 64) {
                std::uint64_t low = 0, high = 0x7FF0000000000000ull;  // 0 fails, +infinity passes
                while (high - low > 1) {
                    const std::uint64_t middle = low + (high - low) / 2;
                    (passes(std::bit_cast<double>(middle)) ? high : low) = middle;
                }
                guess = std::bit_cast<double>(high);
            }
            t.thresholds[state * StateTable::kThresholdSlots + j] = guess;
        }
    }
}

StateTable build_table(const Plan& plan) {
    const std::size_t n = plan.n, states = std::size_t{1} << n;
    StateTable t;
    t.entries.resize(states);
    t.order.assign(states * n, 0);
    if (!plan.uniform) t.rates.assign(states * n, 0.0);
    std::vector<Word> x(n * kW), out(plan.program.num_outputs() * kW), scratch(plan.program.scratch_words(kW));
    // Bit j of kLow[v] is bit v of j: the low six variables of 64 consecutive states.
    constexpr Word kLow[6] = {0xAAAAAAAAAAAAAAAAull, 0xCCCCCCCCCCCCCCCCull, 0xF0F0F0F0F0F0F0F0ull,
                              0xFF00FF00FF00FF00ull, 0xFFFF0000FFFF0000ull, 0xFFFFFFFF00000000ull};
    for (std::size_t base = 0; base < states; base += kLanes) {
        for (std::size_t v = 0; v < n; ++v)
            for (std::size_t k = 0; k < kW; ++k)
                x[v * kW + k] = v < 6 ? kLow[v] : (((base + 64 * k) >> v) & 1 ? ~Word{0} : 0);
        plan.program.run<kW>(x.data(), out.data(), scratch.data());
        std::array<Word, 64 * kW> enabled{};  // enabled[v * kW + k], n <= 64
        for (std::size_t v = 0; v < n; ++v)
            for (std::size_t k = 0; k < kW; ++k) enabled[v * kW + k] = enabled_mask(plan, v, x.data(), out.data(), k);
        for (std::size_t lane = 0; lane < kLanes && base + lane < states; ++lane) {
            const std::size_t state = base + lane, k = lane / 64, j = lane % 64;
            TableEntry& e = t.entries[state];
            e.signals = state;
            for (std::size_t r = 0; r < plan.readouts; ++r) e.signals |= ((out[(n + r) * kW + k] >> j) & 1) << (n + r);
            for (std::size_t v = 0; v < n; ++v) {
                if (!((enabled[v * kW + k] >> j) & 1)) continue;
                e.enabled |= std::uint32_t{1} << v;
                t.order[state * n + e.count] = static_cast<std::uint8_t>(v);
                if (!plan.uniform) {
                    const double rate = lane_rate(plan, v, x.data(), out.data(), lane);
                    t.rates[state * n + e.count] = rate;
                    e.total += rate;
                }
                ++e.count;
            }
            if (plan.uniform) {
                e.total = plan.uniform_rate * static_cast<double>(e.count);
                e.inverse_total = e.count == 0 ? 0 : 1 / (plan.uniform_rate * static_cast<double>(e.count));
            }
        }
    }
    return t;
}

// draw_initial for the table engine's states (one word): the same words drawn from the
// stream for the same values, with the per-trajectory work precomputed. A group whose row
// is certain (every other row has weight 0, as MaBoSS's `X.istate = 1` gives) applies
// fixed bits and only steps the stream past its draw; coins are scattered by byte tables.
class TableInitial {
public:
    explicit TableInitial(const Plan& plan) {
        for (const auto& g : plan.groups) {
            Group out;
            out.source = &g;
            for (double w : g.weights) out.total += w;
            for (const auto& values : g.values) {
                std::uint32_t bits = 0;
                for (std::size_t i = 0; i < g.vars.size(); ++i) {
                    const std::uint32_t m = std::uint32_t{1} << g.vars[i].index;
                    out.mask |= m;
                    bits = values[i] ? (bits | m) : (bits & ~m);
                }
                out.row_bits.push_back(bits);
            }
            // The chosen row grows with the uniform draw: the smallest and the largest
            // draw giving the same row means every draw does.
            const double largest = static_cast<double>((std::uint64_t{1} << 53) - 1) * 0x1.0p-53;
            out.certain = row_of(g, 0 * out.total) == row_of(g, largest * out.total);
            if (out.certain) out.certain_bits = out.row_bits[row_of(g, 0 * out.total)];
            groups_.push_back(std::move(out));
        }
        std::vector<std::size_t> coins;
        for (std::size_t v = 0; v < plan.n; ++v) {
            if (plan.held.is_fixed(v)) {
                held_mask_ |= std::uint32_t{1} << v;
                if (plan.held.value(v)) held_bits_ |= std::uint32_t{1} << v;
            } else if (!plan.in_group[v]) {
                coins.push_back(v);
            }
        }
        coin_count_ = coins.size();
        for (std::size_t chunk = 0; 8 * chunk < coins.size(); ++chunk) {
            std::array<std::uint32_t, 256> table{};
            for (unsigned byte = 0; byte < 256; ++byte)
                for (std::size_t i = 0; i < 8 && 8 * chunk + i < coins.size(); ++i)
                    if ((byte >> i) & 1) table[byte] |= std::uint32_t{1} << coins[8 * chunk + i];
            scatter_.push_back(table);
        }
    }

    std::uint32_t draw(TrajectoryRandom& rng) const {
        std::uint32_t state = 0;
        std::uint64_t skipped = 0;
        for (const auto& g : groups_) {
            if (g.certain) {
                ++skipped;
                state = (state & ~g.mask) | g.certain_bits;
                continue;
            }
            rng.skip(skipped);
            skipped = 0;
            state = (state & ~g.mask) | g.row_bits[row_of(*g.source, rng.unit() * g.total)];
        }
        rng.skip(skipped);
        state = (state & ~held_mask_) | held_bits_;
        // One word holds every coin (at most kStateTableMaxVariables); bit i is coin i.
        if (coin_count_ > 0) {
            const std::uint64_t coins = rng.next();
            for (std::size_t chunk = 0; chunk < scatter_.size(); ++chunk)
                state |= scatter_[chunk][(coins >> (8 * chunk)) & 255];
        }
        return state;
    }

private:
    // The row draw_initial picks for the draw u (times the total weight).
    static std::size_t row_of(const InitialGroup& g, double u) {
        std::size_t row = 0;
        while (row + 1 < g.weights.size() && u >= g.weights[row]) u -= g.weights[row++];
        return row;
    }
    struct Group {
        const InitialGroup* source = nullptr;
        double total = 0;
        std::uint32_t mask = 0;
        std::vector<std::uint32_t> row_bits;  // per row: its values on `mask`
        bool certain = false;
        std::uint32_t certain_bits = 0;
    };
    std::vector<Group> groups_;
    std::uint32_t held_mask_ = 0, held_bits_ = 0;
    std::size_t coin_count_ = 0;
    std::vector<std::array<std::uint32_t, 256>> scatter_;  // per byte of the coin word
};

class TableRunner {
public:
    TableRunner(const Plan& plan, const StateTable& table, const TimeWindows& windows)
        : plan_(plan), table_(table), windows_(windows), initial_(plan), walk_(windows) {}

    BlockResult run(std::uint64_t first, std::uint64_t count, const Control& control) {
        BlockResult r = BlockResult::empty(windows_, plan_.signals, table_.entries.size(), count);
        control.check();
        for (std::uint64_t id = first; id < first + count; ++id) {
            if (((id - first) & 1023) == 1023) control.check();
            run_trajectory(id, r);
        }
        return r;
    }

private:
    void run_trajectory(std::uint64_t id, BlockResult& r) {
        const SimulationOptions& o = plan_.options;
        TrajectoryRandom rng(o.seed, id);
        std::uint32_t state = initial_.draw(rng);
        const TableEntry* entries = table_.entries.data();
        Word on = entries[state].signals;
        walk_.start(on);
        double time = 0;
        const std::size_t n = plan_.n;
        std::uint64_t transitions = 0;
        for (;;) {
            const TableEntry& e = entries[state];
            if (!(e.total > 0)) break;
            const double dt = o.discrete_time ? o.time_tick
                              : plan_.uniform ? rng.standard_exponential() * e.inverse_total
                                              : rng.exponential(e.total);
            if (time + dt >= o.max_time) break;
            // The same choice as the lanes engine: the target-th enabled variable, or the
            // first whose rate takes the target below 0 (the last one if rounding leaves a sliver).
            const std::uint8_t* order = &table_.order[state * n];
            std::size_t slot = 0;
            if (plan_.uniform) {
                slot = static_cast<std::size_t>(static_cast<std::int64_t>(rng.unit() * static_cast<double>(e.count)));
                if (slot >= e.count) slot = e.count - 1;
            } else {
                double target = rng.unit() * e.total;
                const double* rate = &table_.rates[state * n];
                while (slot + 1 < e.count) {
                    target -= rate[slot];
                    if (target < 0) break;
                    ++slot;
                }
            }
            const unsigned chosen = order[slot];
            time += dt;
            walk_.advance(time);
            state ^= std::uint32_t{1} << chosen;
            ++transitions;
            const Word now = entries[state].signals, changed = now ^ on;
            on = now;
            for (Word c = changed & now; c != 0; c &= c - 1) walk_.switch_on(lowest_bit(c));
            for (Word c = changed & ~now; c != 0; c &= c - 1) walk_.switch_off(lowest_bit(c), r.sums);
        }
        r.transitions += transitions;
        walk_.finish(on, r.sums);
        ++r.dense_finals[state];
        for (Word w = on; w != 0; w &= w - 1) ++r.final_on[lowest_bit(w)];
    }

    const Plan& plan_;
    const StateTable& table_;
    const TimeWindows& windows_;
    TableInitial initial_;
    WalkWindows walk_;
};

// The table walk across trajectories with AVX-512 (512-bit vectors, eight 64-bit lanes):
// each lane runs one trajectory of the block with its own stream, and one pass of the loop
// makes one jump in every lane, with the same draws and the same floating operations as
// TableRunner, in the same order per trajectory: the two SplitMix64 words by 64-bit vector
// products, the ziggurat's layer edges and the state's total rate by gathers, the
// acceptance test and the end test by vector compares, the window of the new time as
// TimeWindows::index finds it. The rare rejected ziggurat draws (about 1 in 100) finish in
// the scalar code on the lane's own counter. The non-uniform choice compares the target
// with the state's row of exact thresholds (add_thresholds), so it has no loop whose
// length depends on the draw. A lane whose trajectory ends takes the block's next one, so
// no lane idles until the block runs out.
// The window sums stay scalar: each trajectory's jumps (time, window, new state) go to a
// log, and the logs are replayed in trajectory order as soon as every earlier trajectory
// is done, signal by signal (SignalWindows), so every (window, signal) cell gets the same
// additions in the same order as TableRunner's and the bytes are the same. The build
// targets baseline x86-64: this code is compiled for AVX-512 by a function attribute and
// chosen at run time (__builtin_cpu_supports); elsewhere TableRunner runs. No product
// and sum may be fused, or the roundings would differ from the scalar code's: GCC's
// avx512f target does not include FMA, and clang's, which does, has contraction off here.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define BITSIG_VECTOR_WALK 1
#if defined(__clang__)
#pragma clang fp contract(off)
#endif
#define BITSIG_AVX512 __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,popcnt")))

bool vector_walk_supported() {
    static const bool supported = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
                                  __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw");
    return supported;
}

// mix64 of each lane.
BITSIG_AVX512 inline __m512i mix64_lanes(__m512i z) {
    z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 30)),
                           _mm512_set1_epi64(static_cast<long long>(0xBF58476D1CE4E5B9ull)));
    z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 27)),
                           _mm512_set1_epi64(static_cast<long long>(0x94D049BB133111EBull)));
    return _mm512_xor_si512(z, _mm512_srli_epi64(z, 31));
}

// (bits >> 11) * 2^-53 of each lane, as TrajectoryRandom converts it (exact: below 2^53).
BITSIG_AVX512 inline __m512d unit_lanes(__m512i bits) {
    return _mm512_mul_pd(_mm512_cvtepi64_pd(_mm512_srli_epi64(bits, 11)), _mm512_set1_pd(0x1.0p-53));
}

// TimeWindows::index of each lane's time, with the same operations.
BITSIG_AVX512 inline __m512i window_lanes(__m512d t, const TimeWindows& windows) {
    const __m512d tick = _mm512_set1_pd(windows.tick());
    const __m512i one = _mm512_set1_epi64(1), zero = _mm512_setzero_si512();
    const __m512i count = _mm512_set1_epi64(static_cast<long long>(windows.count()));
    __m512i k = _mm512_cvttpd_epi64(_mm512_mul_pd(t, _mm512_set1_pd(windows.per_tick())));
    const __m512i after = _mm512_add_epi64(k, one);
    const __mmask8 down = _mm512_cmpgt_epi64_mask(k, zero) &
                          _mm512_cmp_pd_mask(t, _mm512_mul_pd(_mm512_cvtepi64_pd(k), tick), _CMP_LT_OQ);
    const __mmask8 up =
        static_cast<__mmask8>(~down & _mm512_cmplt_epi64_mask(after, count) &
                              _mm512_cmp_pd_mask(t, _mm512_mul_pd(_mm512_cvtepi64_pd(after), tick), _CMP_GE_OQ));
    k = _mm512_mask_sub_epi64(k, down, k, one);
    k = _mm512_mask_add_epi64(k, up, k, one);
    k = _mm512_min_epi64(k, _mm512_sub_epi64(count, one));
    return _mm512_maskz_mov_epi64(_mm512_cmp_pd_mask(t, _mm512_setzero_pd(), _CMP_GT_OQ), k);
}

class VectorTableRunner {
public:
    VectorTableRunner(const Plan& plan, const StateTable& table, const TimeWindows& windows)
        : plan_(plan), table_(table), windows_(windows), initial_(plan), ring_(kRing) {
        for (auto& log : ring_) log.events.reserve(64);
        for (const auto& e : table.entries) wide_rows_ = wide_rows_ || e.count > 9;
    }

    BlockResult run(std::uint64_t first, std::uint64_t count, const Control& control) {
        BlockResult r = BlockResult::empty(windows_, plan_.signals, table_.entries.size(), count);
        control.check();
        next_ = first;
        end_ = first + count;
        flushed_ = first;
        active_ = 0;
        for (unsigned lane = 0; lane < kLanes; ++lane) start_next(lane);
        std::uint64_t steps = 0;
        while (active_ != 0) {
            if ((++steps & 4095) == 0) control.check();
            const unsigned ended = step();
            if (ended != 0) finish(ended, r);
        }
        return r;
    }

private:
    static constexpr unsigned kLanes = 8;
    // Trajectories started but not yet replayed: a lane waits when the oldest of them is
    // this far behind the next one (a trajectory kRing / 8 times longer than the others).
    static constexpr std::uint64_t kRing = 64;
    struct Event {
        double time;
        std::uint32_t state;
        std::uint32_t window;  // windows.index(time)
    };
    // Each lane writes its jumps to its own buffer, every lane at every step (a lane that
    // did not jump writes over the same place again), so no branch on which lanes jumped;
    // a full buffer and a finished trajectory move the buffer's events to the log.
    static constexpr std::uint32_t kBuffer = 64;
    struct Log {
        std::uint32_t initial = 0;
        bool done = false;
        std::vector<Event> events;
    };

    // Lane `lane` takes the block's next trajectory, waits for the replay to catch up, or
    // goes idle at the end of the block.
    void start_next(unsigned lane) {
        const unsigned bit = 1u << lane;
        active_ &= ~bit;
        waiting_ &= ~bit;
        if (next_ >= end_) return;
        if (next_ - flushed_ >= kRing) {
            waiting_ |= bit;
            return;
        }
        const std::uint64_t id = next_++;
        TrajectoryRandom rng(plan_.options.seed, id);
        const std::uint32_t state = initial_.draw(rng);
        Log& log = ring_[id % kRing];
        log.initial = state;
        log.done = false;
        log.events.clear();
        log_[lane] = &log;
        filled_[lane] = 0;
        state_[lane] = state;
        counter_[lane] = rng.counter();
        time_[lane] = 0;
        active_ |= bit;
    }

    void finish(unsigned ended, BlockResult& r) {
        for (unsigned m = ended; m != 0; m &= m - 1) {
            const unsigned lane = lowest_bit(m);
            spill(lane);
            log_[lane]->done = true;
        }
        while (flushed_ < next_ && ring_[flushed_ % kRing].done) {
            Log& log = ring_[flushed_ % kRing];
            replay(log, r);
            log.done = false;
            ++flushed_;
        }
        for (unsigned m = ended | waiting_; m != 0; m &= m - 1) start_next(lowest_bit(m));
    }

    void spill(unsigned lane) {
        const Event* from = &buffer_[lane * kBuffer];
        log_[lane]->events.insert(log_[lane]->events.end(), from, from + filled_[lane]);
        filled_[lane] = 0;
    }

    // TableRunner::run_trajectory's bookkeeping on a finished trajectory's jumps, signal by
    // signal (SignalWindows): first the jumps that switch each signal, then each signal's
    // on-intervals in time order.
    void replay(const Log& log, BlockResult& r) {
        const TableEntry* entries = table_.entries.data();
        const std::size_t events = log.events.size();
        if (switches_.size() < plan_.signals * events) switches_.resize(2 * plan_.signals * events);
        std::uint32_t switched[64];
        std::fill_n(switched, plan_.signals, 0);
        const Word start = entries[log.initial].signals;
        Word on = start, touched = start;
        for (std::uint32_t i = 0; i < events; ++i) {
            const Word now = entries[log.events[i].state].signals, changed = now ^ on;
            on = now;
            touched |= changed;
            // A jump switches its variable at least, and often nothing else (no readouts).
            Word c = changed;
            do {
                const auto s = lowest_bit(c);
                switches_[s * events + switched[s]++] = i;
                c &= c - 1;
            } while (c != 0);
        }
        const double end_time = windows_.end(windows_.count() - 1);
        const std::size_t end_window = windows_.index(end_time);
        for (Word m = touched; m != 0; m &= m - 1) {
            const auto s = lowest_bit(m);
            SignalWindows signal(windows_, r.sums, s);
            const std::uint32_t* at = switches_.data() + s * events;  // none when the trajectory made no jump
            const std::uint32_t count = switched[s];
            // Intervals [on, off): from 0 if the signal starts on, then between its switches.
            std::uint32_t j = 0;
            double a = 0;
            std::size_t first = 0;
            bool is_on = (start >> s) & 1;
            if (!is_on && count > 0) {
                a = log.events[at[0]].time;
                first = log.events[at[0]].window;
                j = 1;
                is_on = true;
            }
            while (is_on && j < count) {
                const Event& off = log.events[at[j]];
                signal.on_between(a, first, off.time, off.window);
                if (j + 1 < count) {
                    a = log.events[at[j + 1]].time;
                    first = log.events[at[j + 1]].window;
                } else {
                    is_on = false;
                }
                j += 2;
            }
            if (is_on) signal.on_between(a, first, end_time, end_window);
            signal.finish();
        }
        r.transitions += events;
        ++r.dense_finals[events == 0 ? log.initial : log.events.back().state];
        for (Word w = on; w != 0; w &= w - 1) ++r.final_on[lowest_bit(w)];
    }

    // One jump in every active lane; returns the lanes whose trajectory ended instead.
    BITSIG_AVX512 unsigned step() {
        const SimulationOptions& o = plan_.options;
        const ExponentialZiggurat& z = kExponentialZiggurat;
        const __mmask8 active = static_cast<__mmask8>(active_);
        __m256i state = _mm256_load_si256(reinterpret_cast<const __m256i*>(state_));
        __m512i counter = _mm512_load_si512(counter_);
        const __m512d time = _mm512_load_pd(time_);
        const __m512d zero = _mm512_setzero_pd();
        const __m512i increment = _mm512_set1_epi64(static_cast<long long>(TrajectoryRandom::kIncrement));
        const char* entries = reinterpret_cast<const char*>(table_.entries.data());
        const __m256i entry_words = _mm256_slli_epi32(state, 2);  // 32-byte entries, in 8-byte units
        const __m512d total = _mm512_i32gather_pd(entry_words, entries + offsetof(TableEntry, total), 8);
        const __mmask8 moving = _mm512_mask_cmp_pd_mask(active, total, zero, _CMP_GT_OQ);

        __m512d dt;
        if (o.discrete_time) {
            dt = _mm512_set1_pd(o.time_tick);
        } else {
            counter = _mm512_add_epi64(counter, increment);
            const __m512i bits = mix64_lanes(counter);
            const __m512i layer = _mm512_and_si512(bits, _mm512_set1_epi64(255));
            const __m512d edge = _mm512_i64gather_pd(layer, z.edge.data(), 8);
            const __m512d inner = _mm512_i64gather_pd(layer, z.edge.data() + 1, 8);
            __m512d x = _mm512_mul_pd(unit_lanes(bits), edge);
            const __mmask8 rejected = _mm512_mask_cmp_pd_mask(moving, x, inner, _CMP_NLT_UQ);
            if (rejected != 0) [[unlikely]] {
                alignas(64) std::uint64_t c[kLanes], k[kLanes];
                alignas(64) double e[kLanes];
                _mm512_store_si512(c, counter);
                _mm512_store_si512(k, layer);
                _mm512_store_pd(e, x);
                for (unsigned m = rejected; m != 0; m &= m - 1) {
                    const unsigned lane = lowest_bit(m);
                    TrajectoryRandom rng = TrajectoryRandom::resume(c[lane]);
                    e[lane] = rng.exponential_beyond(k[lane], e[lane]);
                    c[lane] = rng.counter();
                }
                counter = _mm512_load_si512(c);
                x = _mm512_load_pd(e);
            }
            if (plan_.uniform)
                dt = _mm512_mul_pd(x,
                                   _mm512_i32gather_pd(entry_words, entries + offsetof(TableEntry, inverse_total), 8));
            else
                dt = _mm512_div_pd(x, total);
        }
        const __m512d arrival = _mm512_add_pd(time, dt);
        // TableRunner stops when time + dt >= max_time: the lanes that go on are the others.
        const __mmask8 go_on = _mm512_mask_cmp_pd_mask(moving, arrival, _mm512_set1_pd(o.max_time), _CMP_NGE_UQ);
        const unsigned ended = active & ~go_on;

        counter = _mm512_add_epi64(counter, increment);
        const __m512d u = unit_lanes(mix64_lanes(counter));
        // The choice and the jump, lane by lane: the slot, the variable in it, the new state.
        alignas(64) std::uint32_t slot[kLanes];
        if (plan_.uniform) {
            const __m256i one = _mm256_set1_epi32(1);
            const __m256i count = _mm256_i32gather_epi32(
                reinterpret_cast<const int*>(entries + offsetof(TableEntry, count)), _mm256_slli_epi32(state, 3), 4);
            __m256i s = _mm512_cvttpd_epi32(_mm512_mul_pd(u, _mm512_cvtepi32_pd(count)));
            s = _mm256_min_epi32(s, _mm256_sub_epi32(count, one));
            _mm256_store_si256(reinterpret_cast<__m256i*>(slot), s);
        } else {
            // The number of the state's thresholds the target reaches: one or two vector
            // compares against the state's row.
            alignas(64) double target[kLanes];
            _mm512_store_pd(target, _mm512_mul_pd(u, total));
            const double* thresholds = table_.thresholds.data();
            for (unsigned lane = 0; lane < kLanes; ++lane) {
                const double* row = thresholds + std::size_t{state_[lane]} * StateTable::kThresholdSlots;
                const __m512d t = _mm512_set1_pd(target[lane]);
                unsigned reached = _mm512_cmp_pd_mask(t, _mm512_loadu_pd(row), _CMP_GE_OQ);
                if (wide_rows_) reached |= unsigned{_mm512_cmp_pd_mask(t, _mm512_loadu_pd(row + 8), _CMP_GE_OQ)} << 8;
                slot[lane] = static_cast<std::uint32_t>(__builtin_popcount(reached));
            }
        }
        const std::uint8_t* order = table_.order.data();
        for (unsigned lane = 0; lane < kLanes; ++lane) {
            const std::uint32_t now = state_[lane];
            const std::uint32_t moved = (go_on >> lane) & 1;
            // A lane that does not jump reads slot 0 (its slot may be past a state's end).
            state_[lane] = now ^ (moved << order[now * plan_.n + (slot[lane] & (0 - moved))]);
        }
        _mm512_store_si512(counter_, counter);
        const __m512d now = _mm512_mask_mov_pd(time, go_on, arrival);
        _mm512_store_pd(time_, now);
        alignas(32) std::uint32_t window[kLanes];
        _mm256_store_si256(reinterpret_cast<__m256i*>(window), _mm512_cvtepi64_epi32(window_lanes(now, windows_)));
        bool full = false;
        for (unsigned lane = 0; lane < kLanes; ++lane) {
            buffer_[lane * kBuffer + filled_[lane]] = {time_[lane], state_[lane], window[lane]};
            filled_[lane] += (go_on >> lane) & 1;
            full |= filled_[lane] == kBuffer;
        }
        if (full) [[unlikely]]
            for (unsigned lane = 0; lane < kLanes; ++lane)
                if (filled_[lane] == kBuffer) spill(lane);
        return ended;
    }

    const Plan& plan_;
    const StateTable& table_;
    const TimeWindows& windows_;
    TableInitial initial_;
    std::vector<Log> ring_;                // trajectory id % kRing
    std::vector<std::uint32_t> switches_;  // replay(): per signal, the jumps that switch it
    alignas(64) std::uint32_t state_[kLanes] = {};
    alignas(64) std::uint64_t counter_[kLanes] = {};
    alignas(64) double time_[kLanes] = {};
    Log* log_[kLanes] = {};
    std::uint32_t filled_[kLanes] = {};
    std::vector<Event> buffer_ = std::vector<Event>(kLanes * kBuffer);
    unsigned active_ = 0, waiting_ = 0;
    std::uint64_t next_ = 0, end_ = 0, flushed_ = 0;
    bool wide_rows_ = false;  // some state has more than 8 thresholds: a second compare
};
#else
bool vector_walk_supported() { return false; }
#endif

bool use_table(const Plan& plan) {
    switch (plan.options.engine) {
    case SimulationEngine::lanes:
        return false;
    case SimulationEngine::table:
        if (plan.n > kStateTableMaxVariables || plan.signals > 64)
            option_error(errors::table_engine_limit(kStateTableMaxVariables));
        return true;
    case SimulationEngine::automatic:
        break;
    }
    return plan.n <= kStateTableMaxVariables && plan.signals <= 64;
}

}  // namespace

bool vector_walk_available() { return vector_walk_supported(); }

SimulationResult simulate(const StochasticModel& model, const SimulationOptions& options, const Control& control) {
    Distributor here = local_distributor();
    return simulate(model, options, control, here);
}

SimulationResult simulate(const StochasticModel& model, const SimulationOptions& options, const Control& control,
                          Distributor& ranks) {
    validate(options);
    const Plan plan = make_plan(model, options);
    const TimeWindows windows(options.max_time, options.time_tick);
    const std::uint64_t blocks = (options.samples + kBlockTrajectories - 1) / kBlockTrajectories;

    // Blocks are the work items, run on any rank and thread; their sums are added in block
    // order on rank 0, so the floating-point result depends on neither threads nor ranks.
    const bool table_engine = use_table(plan);
    StateTable table;
    if (table_engine) table = build_table(plan);
    const bool vector_walk = table_engine && options.vector_walk && vector_walk_supported();
    if (vector_walk && !plan.uniform) add_thresholds(table, plan.n);
    BlockResult total{WindowSums(windows, plan.signals),
                      std::vector<std::uint64_t>(plan.signals, 0),
                      {},
                      std::vector<std::uint64_t>(table.entries.size(), 0),
                      0,
                      0};
    ranks.run(
        blocks, control, "simulating",
        [&](std::size_t b, const Control& single) {
            const std::uint64_t first = b * kBlockTrajectories;
            const std::uint64_t count = std::min(kBlockTrajectories, options.samples - first);
#ifdef BITSIG_VECTOR_WALK
            if (vector_walk) return write_block(VectorTableRunner(plan, table, windows).run(first, count, single));
#endif
            if (table_engine) return write_block(TableRunner(plan, table, windows).run(first, count, single));
            return write_block(BlockRunner(plan, windows).run(first, count, single));
        },
        [&](std::size_t, const std::string& bytes) { merge_block(total, bytes, plan.n); });

    SimulationResult res;
    res.options = options;
    res.num_variables = plan.n;
    res.names = model.net.names();
    for (const auto& r : model.net.readouts()) res.names.push_back(r.name);
    // k * dt as people write it (0.3, not 0.30000000000000004): 12 significant digits.
    for (std::size_t k = 0; k < windows.count(); ++k) {
        char text[32];
        std::snprintf(text, sizeof text, "%.12g", windows.start(k));
        res.times.push_back(std::strtod(text, nullptr));
    }
    res.samples = total.samples;
    res.transitions = total.transitions;
    total.sums.finish(total.samples, res.probabilities, res.standard_errors);
    const double n = static_cast<double>(total.samples);
    auto binomial_error = [n](double p) { return n > 1 ? std::sqrt(p * (1 - p) / (n - 1)) : 0.0; };
    for (std::size_t s = 0; s < plan.signals; ++s) {
        const double p = static_cast<double>(total.final_on[s]) / n;
        res.final_probabilities.push_back(p);
        res.final_standard_errors.push_back(binomial_error(p));
    }
    // Final states over the external variables only: MaBoSS's is_internal nodes are
    // projected out and the states that differ only there are counted together.
    std::vector<std::size_t> shown;
    const std::vector<std::string> variable_names = model.net.names();
    for (std::size_t v = 0; v < plan.n; ++v) {
        const std::string& name = variable_names[v];
        if (std::find(model.internal.begin(), model.internal.end(), name) == model.internal.end()) {
            shown.push_back(v);
            res.state_nodes.push_back(name);
        }
    }
    std::unordered_map<std::string, std::uint64_t> projected;
    auto add_state = [&](auto&& is_on, std::uint64_t count) {
        std::string text(shown.size(), '0');
        for (std::size_t i = 0; i < shown.size(); ++i)
            if (is_on(shown[i])) text[i] = '1';
        projected[text] += count;
    };
    for (std::size_t state = 0; state < total.dense_finals.size(); ++state)
        if (total.dense_finals[state] != 0)
            add_state([state](std::size_t v) { return (state >> v) & 1; }, total.dense_finals[state]);
    for (const auto& final_state : total.finals) {
        const auto& key = final_state.first;  // clang 14 (the fuzz build) cannot capture a structured binding
        add_state([&key](std::size_t v) { return (key[v / 64] >> (v % 64)) & 1; }, final_state.second);
    }
    std::vector<std::pair<std::uint64_t, std::string>> ranked;
    ranked.reserve(projected.size());
    for (auto& [text, count] : projected) ranked.emplace_back(count, text);
    const std::size_t keep = std::min(options.top_states, ranked.size());
    auto order = [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    };
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end(), order);
    res.distinct_final_states = ranked.size();
    for (std::size_t i = 0; i < keep; ++i) {
        const double p = static_cast<double>(ranked[i].first) / n;
        res.final_states.push_back({ranked[i].second, p, binomial_error(p)});
    }
    return res;
}

}  // namespace bitsig
