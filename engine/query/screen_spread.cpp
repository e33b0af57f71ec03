// SPDX-License-Identifier: MIT
// The screen as independent work items. A condition is named by its index in the
// screen's enumeration (sizes ascending, lexicographic within a size) and unranked with
// the combinatorial number system (Knuth, TAOCP 7.2.1.3): the first member is the
// smallest a whose count of completions C(n - a - 1, k - 1) exceeds what is left of the
// index, and so on. Each worker evaluates its conditions and sends back only the table
// row, with members as candidate indices; rank 0 turns them into labels. Ranking happens
// once every row is in (JSON and CSV list them all); the re-check of the top entries under
// the other update scheme is a second, small distributed run over those entries.
//
// A combination is redundant when one of its parts alone does as well; its parts are
// smaller, so they come earlier in condition order, and rank 0 marks each row as it
// arrives from the goal shares of the smaller combinations (8 bytes each, by index). A
// table of the top rows therefore needs no other row: with only_top, rank 0 keeps the best
// rows so far and drops the rest whenever it holds twice as many as it needs (a selection,
// not a sort, so the merge costs O(1) per row amortized).
#include "query/screen_spread.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.hpp"
#include "distributed/wire.hpp"

namespace bitsig {

namespace {

// C(n, k), exact while it fits in 64 bits (screen sizes are far below that). Each step
// c * (n - k + i) / i is C(n - k + i, i), exact; dividing by gcd(c, i) first keeps the
// product from overflowing.
std::uint64_t binomial(std::uint64_t n, std::uint64_t k) {
    if (k > n) return 0;
    k = std::min(k, n - k);
    std::uint64_t c = 1;
    for (std::uint64_t i = 1; i <= k; ++i) {
        const std::uint64_t g = std::gcd(c, i);
        c = (c / g) * ((n - k + i) / (i / g));
    }
    return c;
}

std::string write_entry(const std::optional<ScreenEntry>& e, const std::vector<std::size_t>& members) {
    WireWriter w;
    w.boolean(e.has_value());
    if (!e) return w.take();
    w.u64(members.size());
    for (auto m : members) w.u64(m);
    w.u64(e->attractors);
    w.f64(e->attractor_fraction);
    w.opt_f64(e->basin_fraction);
    w.boolean(e->complete);
    w.u8(static_cast<std::uint8_t>(e->method));
    w.doubles(e->readouts);
    return w.take();
}

std::optional<ScreenEntry> read_entry(const std::string& bytes, const std::vector<Candidate>& candidates,
                                      std::vector<std::size_t>& members) {
    WireReader in(bytes);
    if (!in.boolean()) return std::nullopt;
    ScreenEntry e;
    members.resize(in.u64());
    for (auto& m : members) {
        m = in.u64();
        e.members.push_back(candidates.at(m).label);
    }
    e.attractors = in.u64();
    e.attractor_fraction = in.f64();
    e.basin_fraction = in.opt_f64();
    e.complete = in.boolean();
    e.method = static_cast<Algorithm>(in.u8());
    e.readouts = in.doubles();
    return e;
}

// Goal shares of the combinations smaller than the largest, by condition index: the parts
// a redundancy mark looks up. NaN where the members conflict (no condition, no part).
class PartShares {
public:
    PartShares(std::size_t candidates, std::size_t max_size)
        : candidates_(candidates), shares_(max_size == 0 ? 0 : screen_size(candidates, max_size - 1), std::nan("")) {}
    void add(std::uint64_t index, double share) {
        if (index < shares_.size()) shares_[index] = share;
    }
    // The redundancy mark of a row (redundant_mask over its members), "" for none.
    std::string mark(const ScreenEntry& e, const std::vector<std::size_t>& members) const {
        const std::uint64_t mask = redundant_mask(members.size(), e.goal_share(), [&](std::uint64_t part) {
            std::vector<std::size_t> sub;
            for (std::size_t k = 0; k < members.size(); ++k)
                if (part >> k & 1) sub.push_back(members[k]);
            const double s = shares_.at(combination_index(sub, candidates_));
            return std::isnan(s) ? std::nullopt : std::optional<double>(s);
        });
        return mask ? part_label(e.members, mask) : std::string();
    }

private:
    std::size_t candidates_;
    std::vector<double> shares_;
};

std::vector<const Candidate*> pointers(const std::vector<Candidate>& candidates, const std::vector<std::size_t>& idx) {
    std::vector<const Candidate*> out;
    for (auto k : idx) out.push_back(&candidates[k]);
    return out;
}

}  // namespace

void check_screen_fits(std::uint64_t total, unsigned ranks) {
    if (total <= kScreenConditionsPerRank * ranks) return;
    const std::uint64_t need = (total + kScreenConditionsPerRank - 1) / kScreenConditionsPerRank;
    std::string message = "the screen would evaluate " + std::to_string(total) + " conditions";
    if (ranks > 1)
        message += ", more than " + std::to_string(kScreenConditionsPerRank) + " per rank over " +
                   std::to_string(ranks) + " MPI ranks";
    message += "; lower --max-size or list fewer --drugs/--targets, or run it over at least " + std::to_string(need) +
               " MPI ranks (mpirun -np " + std::to_string(need) + "; " + std::to_string(kScreenConditionsPerRank) +
               " conditions fit per rank)";
    throw ResourceError(message);
}

std::vector<std::size_t> combination_at(std::uint64_t index, std::size_t candidates, std::size_t max_size) {
    std::vector<std::size_t> out;
    if (index == 0) return out;
    --index;
    std::size_t size = 1;
    for (; size <= max_size && size <= candidates; ++size) {
        const std::uint64_t here = binomial(candidates, size);
        if (index < here) break;
        index -= here;
    }
    std::size_t next = 0;
    for (std::size_t slot = 0; slot < size; ++slot) {
        const std::size_t left = size - slot - 1;  // members still to choose after this one
        for (;; ++next) {
            const std::uint64_t completions = binomial(candidates - next - 1, left);
            if (index < completions) break;
            index -= completions;
        }
        out.push_back(next++);
    }
    return out;
}

std::uint64_t combination_index(const std::vector<std::size_t>& members, std::size_t candidates) {
    const std::size_t size = members.size();
    std::uint64_t index = 1;  // the base alone
    if (size == 0) return 0;
    for (std::size_t s = 1; s < size; ++s) index += binomial(candidates, s);
    // Rank among the combinations of its size: those lexicographically after it are
    // counted by sum_j C(n - 1 - c_j, size - j), so it has C(n, size) - 1 - that before it.
    std::uint64_t after = 0;
    for (std::size_t j = 0; j < size; ++j) after += binomial(candidates - 1 - members[j], size - j);
    return index + binomial(candidates, size) - 1 - after;
}

SpreadScreen run_screen_spread(const Network& net, const Conditions& base, const std::vector<Candidate>& candidates,
                               const Goal& goal, const ScreenOptions& screen, const SearchOptions& search,
                               const Control& control, Distributor& ranks, std::size_t only_top) {
    const std::uint64_t total = screen_size(candidates.size(), screen.max_size);
    SpreadScreen result;
    // Rank 0's memory: 8 bytes per combination smaller than max_size (the parts), plus
    // every row (about 200 bytes each) without only_top, or with it at most
    // 2 * keep_rows + 1 rows, however many combinations of max_size there are. The re-check
    // needs the first verify_top rows after the base, so those are kept too.
    const std::size_t keep_rows = only_top == 0 ? 0 : 1 + std::max(only_top, screen.verify_top);
    std::optional<PartShares> parts;
    if (ranks.is_root()) parts.emplace(candidates.size(), screen.max_size);
    std::vector<ScreenEntry> rows;
    std::vector<std::uint64_t> index_of;  // condition index of each row, increasing
    // The ranking as a strict total order: a stable sort of rows in condition order puts
    // them exactly in this order, so the best k under it are the stable sort's first k.
    auto before = [&](std::size_t a, std::size_t b) {
        if (ranks_before(rows[a], rows[b])) return true;
        if (ranks_before(rows[b], rows[a])) return false;
        return index_of[a] < index_of[b];
    };
    // Keeps the base and the best keep_rows - 1 others, still in condition order.
    auto prune = [&] {
        std::vector<std::size_t> rest(rows.size() - 1);
        std::iota(rest.begin(), rest.end(), std::size_t{1});
        const auto cut = rest.begin() + static_cast<std::ptrdiff_t>(keep_rows - 1);
        std::nth_element(rest.begin(), cut, rest.end(), before);
        rest.erase(cut, rest.end());
        std::sort(rest.begin(), rest.end());
        std::vector<ScreenEntry> kept_rows{std::move(rows[0])};
        std::vector<std::uint64_t> kept_index{index_of[0]};
        for (auto k : rest) {
            kept_rows.push_back(std::move(rows[k]));
            kept_index.push_back(index_of[k]);
        }
        rows = std::move(kept_rows);
        index_of = std::move(kept_index);
    };
    ranks.run(
        total, control, "screen",
        [&](std::size_t i, const Control& single) {
            const auto members = combination_at(i, candidates.size(), screen.max_size);
            return write_entry(screen_condition(net, base, pointers(candidates, members), goal, search, single),
                               members);
        },
        [&](std::size_t i, const std::string& bytes) {
            std::vector<std::size_t> members;
            if (auto e = read_entry(bytes, candidates, members)) {
                parts->add(i, e->goal_share());
                e->redundant_because = parts->mark(*e, members);
                if (!e->redundant_because.empty()) ++result.redundant;
                rows.push_back(std::move(*e));
                index_of.push_back(i);
                ++result.conditions;
                if (keep_rows > 0 && rows.size() > 2 * keep_rows) prune();
            }
        });
    if (keep_rows > 0 && rows.size() > keep_rows) prune();

    // Base first, then the ranking; a stable sort, as run_screen's.
    std::vector<std::size_t> order(rows.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (!order.empty())
        std::stable_sort(order.begin() + 1, order.end(),
                         [&](std::size_t a, std::size_t b) { return ranks_before(rows[a], rows[b]); });

    // Does the ranking depend on the update scheme? Re-check the best few, everywhere.
    // Fixed points are the same under both schemes, so there is nothing to re-check for them.
    std::vector<std::uint64_t> top;
    if (ranks.is_root())
        for (std::size_t i = 0; i < order.size() && i <= screen.verify_top; ++i) top.push_back(index_of[order[i]]);
    std::vector<double> again(top.size());
    if (search.method != Method::fixed_points) {
        WireWriter w;
        w.words(top);
        const std::string shared = ranks.share(w.take());
        WireReader in(shared);
        top = in.words();
        SearchOptions other = search;
        other.update =
            search.update == UpdateScheme::synchronous ? UpdateScheme::asynchronous : UpdateScheme::synchronous;
        ranks.run(
            top.size(), control, "re-checking the top of the screen",
            [&](std::size_t i, const Control& single) {
                const auto members = combination_at(top[i], candidates.size(), screen.max_size);
                auto e = screen_condition(net, base, pointers(candidates, members), goal, other, single);
                WireWriter out;
                out.f64(e ? e->attractor_fraction : std::nan(""));
                return out.take();
            },
            [&](std::size_t i, const std::string& bytes) { again[i] = WireReader(bytes).f64(); });
    }

    std::vector<ScreenEntry>& out = result.entries;
    out.reserve(order.size());
    for (auto k : order) out.push_back(std::move(rows[k]));
    if (search.method != Method::fixed_points)
        for (std::size_t i = 0; i < again.size() && i < out.size(); ++i)
            out[i].other_scheme_agrees = again[i] == out[i].attractor_fraction;
    return result;
}

}  // namespace bitsig
